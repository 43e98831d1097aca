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

    /**
     * Keeps another secret of the profile's beside its session, as safely: a dynamically registered client's
     * {@code registration_access_token} (RFC 7591 §3.2.1), which must never go into the profile file.
     *
     * @param name what the secret is, letters and underscores, like {@code registration_access_token}
     * @return whether it was kept; a store that keeps no such secrets (the default) keeps nothing
     */
    default boolean saveSecret(String profile, String name, String value) {
        return false;
    }

    /** A secret kept with {@link #saveSecret}, if any. */
    default Optional<String> loadSecret(String profile, String name) {
        return Optional.empty();
    }
}
