package dev.cliauth.core.flow.workload;

import dev.cliauth.core.config.Profile;
import dev.cliauth.core.flow.token.TokenRule;
import dev.cliauth.core.token.ProfileLocks;
import dev.cliauth.core.token.Session;
import dev.cliauth.core.token.WorkloadTokenCache;

import java.time.Clock;
import java.util.Optional;

/**
 * A workload profile's token for a caller that holds the workload's identity. Order: read the credential now (secret,
 * key, platform token — a caller without one fails here, before anything is sent or read from the cache); hand out
 * the token cached for that very credential while it is fresh and for the profile's issuer and client; otherwise,
 * under the profile's lock (parallel calls ask once), look again, then obtain a new one from the provider and cache
 * it for this credential. A wrong credential always reaches the provider, and fails there.
 */
public final class WorkloadTokens {
    private final WorkloadLogin login;
    private final WorkloadTokenCache cache;
    private final ProfileLocks locks;
    private final Clock clock;

    public WorkloadTokens(WorkloadLogin login, WorkloadTokenCache cache, ProfileLocks locks, Clock clock) {
        this.login = login;
        this.cache = cache;
        this.locks = locks;
        this.clock = clock;
    }

    /** What {@link #get} did: handed out a cached token, or obtained a new one. */
    public record Result(Session session, boolean obtained) {
    }

    /** @param dpop bind the new token to a key (the profile or the policy require it) */
    public Result get(Profile profile, boolean dpop) {
        WorkloadCredential credential = login.credential(profile);
        byte[] binding = credential.binding();
        Optional<Session> cached = reusable(profile, dpop, binding);
        if (cached.isPresent()) {
            return new Result(cached.get(), false);
        }
        return locks.withLock(profile.name(), () -> {
            Optional<Session> again = reusable(profile, dpop, binding);
            if (again.isPresent()) {
                return new Result(again.get(), false);
            }
            Session fresh = login.obtain(profile, credential, dpop);
            cache.save(fresh, binding);
            return new Result(fresh, true);
        });
    }

    /** Forgets the profile's cached tokens (a server rejected one): the next call obtains a new one. */
    public boolean forget(String profile) {
        return cache.forget(profile);
    }

    private Optional<Session> reusable(Profile profile, boolean dpop, byte[] binding) {
        return cache.load(profile.name(), binding).filter(session -> !session.isEnded() && session.issuer().equals(profile.issuer())
                && session.clientId().equals(profile.clientId()) && (!dpop || TokenRule.isBound(session))
                && TokenRule.isFresh(session, clock.instant()));
    }
}
