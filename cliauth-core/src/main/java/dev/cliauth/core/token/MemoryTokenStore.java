package dev.cliauth.core.token;

import dev.cliauth.core.config.Profile;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions in this object only: nothing is written anywhere, and nothing survives the process. For programs that
 * must not keep tokens at rest, and for tests.
 */
public final class MemoryTokenStore implements TokenStore {
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    @Override
    public Optional<Session> load(String profile) {
        return Optional.ofNullable(sessions.get(Profile.checkName(profile)));
    }

    @Override
    public void save(Session session) {
        sessions.put(Profile.checkName(session.profile()), session);
    }

    @Override
    public boolean delete(String profile) {
        return sessions.remove(Profile.checkName(profile)) != null;
    }

    @Override
    public String describe(String profile) {
        return "memory (this process only)";
    }
}
