package dev.cliauth.core.token;

import java.util.Optional;

/**
 * Where sessions live between commands. Implementations: a private file per profile now; the OS keychain later.
 */
public interface TokenStore {

    Optional<Session> load(String profile);

    void save(Session session);

    /** Removes the profile's session; returns whether there was one. */
    boolean delete(String profile);

    /** Where a profile's session is kept, for people to read ("file /home/me/.local/state/cliauth/sessions/default.json"). */
    String describe(String profile);
}
