package dev.cliauth.core.token;

import java.util.Optional;

/**
 * Where sessions live between commands: the OS keychain ({@link dev.cliauth.core.token.keychain.KeychainTokenStore}), private
 * files ({@link FileTokenStore}), or memory ({@link MemoryTokenStore}). A library user may give one of their own to
 * {@link dev.cliauth.core.api.CliAuth.Builder#store(TokenStore)}; implementations must be safe to call from several threads.
 */
public interface TokenStore {

    /** The profile's session, if one is stored; a session that cannot be read is a {@code STORAGE} failure. */
    Optional<Session> load(String profile);

    /** Stores the session under its profile's name, replacing any before it. */
    void save(Session session);

    /** Removes the profile's session; returns whether there was one. */
    boolean delete(String profile);

    /** Where a profile's session is kept, for people to read ("file /home/me/.local/state/cliauth/sessions/default.json"). */
    String describe(String profile);
}
