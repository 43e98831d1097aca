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
    private final Map<String, String> secrets = new ConcurrentHashMap<>();

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

    @Override
    public boolean saveSecret(String profile, String name, String value) {
        secrets.put(Profile.checkName(profile) + "/" + name, value);
        return true;
    }

    @Override
    public Optional<String> loadSecret(String profile, String name) {
        return Optional.ofNullable(secrets.get(Profile.checkName(profile) + "/" + name));
    }
}
