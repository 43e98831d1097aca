package dev.cliauth.core.token;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a workload profile's tokens are kept between calls: never the shared session store, which hands a session to
 * whoever asks for the profile, but a cache bound to the credential that obtained them. An entry is found only with
 * the same credential ({@code binding}: the secret, key or platform token, and the request's shape), so a caller
 * with a wrong credential, or none, always goes to the provider and fails there.
 */
public interface WorkloadTokenCache {

    /** The session obtained with this credential, if one is kept and can be read. */
    Optional<Session> load(String profile, byte[] binding);

    /** Keeps {@code session} for this credential, replacing whatever the profile had. */
    void save(Session session, byte[] binding);

    /** Forgets the profile's tokens, whatever credential obtained them; returns whether there were any. */
    boolean forget(String profile);

    /** A cache for this process only (the library's memory storage). */
    static WorkloadTokenCache memory() {
        return new WorkloadTokenCache() {
            private final Map<String, Map.Entry<String, Session>> entries = new ConcurrentHashMap<>();

            @Override
            public Optional<Session> load(String profile, byte[] binding) {
                return Optional.ofNullable(entries.get(profile)).filter(e -> e.getKey().equals(EncryptedWorkloadTokenCache.name(binding)))
                        .map(Map.Entry::getValue);
            }

            @Override
            public void save(Session session, byte[] binding) {
                entries.put(session.profile(), Map.entry(EncryptedWorkloadTokenCache.name(binding), session));
            }

            @Override
            public boolean forget(String profile) {
                return entries.remove(profile) != null;
            }
        };
    }
}
