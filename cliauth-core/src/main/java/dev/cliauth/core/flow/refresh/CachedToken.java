package dev.cliauth.core.flow.refresh;

import dev.cliauth.core.config.Profile;
import dev.cliauth.core.token.Session;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a stored session is handed out as it is, asking no provider, lock or person: the first step of
 * {@link TokenService#current}, and the whole of {@code cliauth token}'s fast path, so both follow one rule.
 *
 * <p>A workload profile's session is handed out when it has not ended, was issued for the profile's issuer and
 * client, and is fresh; anyone else's when it has not ended and is fresh. "Fresh" means more than a tenth of the
 * access token's lifetime (at most 60 s) remains, so a short-lived token is not refreshed on every call; a token
 * whose expiry the provider did not state counts as fresh.
 *
 * <p>Pure and dependency-free (no HTTP, JSON or keychain code), so the fast path can use it before anything loads.
 */
public final class CachedToken {
    static final Duration MAX_MARGIN = Duration.ofSeconds(60);

    private CachedToken() {
    }

    /**
     * @param settings the profile's settings, when it has a profile file (only a workload profile changes the rule)
     * @param stored   the stored session, if any
     * @param now      the time
     * @return the session to hand out as it is, or empty when the caller has to refresh, obtain anew or log in
     */
    public static Optional<Session> handOut(Optional<Profile> settings, Optional<Session> stored, Instant now) {
        if (settings.isPresent() && settings.get().isWorkload()) {
            return stored.filter(session -> reusableFor(session, settings.get(), now));
        }
        return stored.filter(session -> !session.isEnded() && isFresh(session, now));
    }

    /**
     * Whether {@link TokenService#current}, when it cannot {@link #handOut} the stored session, goes on under the
     * profile's lock (to refresh it, or to obtain a workload's token anew) rather than failing at once (no session,
     * an ended one, or no refresh token: log in). Under the lock it first reads the store again: another process may
     * have just done it.
     */
    public static boolean continuesUnderLock(Optional<Profile> settings, Optional<Session> stored) {
        if (settings.isPresent() && settings.get().isWorkload()) {
            return true;
        }
        return stored.filter(session -> !session.isEnded() && session.tokens().refreshToken().isPresent()).isPresent();
    }

    /** Whether the access token is good at {@code now} with the margin to spare. */
    public static boolean isFresh(Session session, Instant now) {
        return session.tokens().isFreshAt(now, margin(session));
    }

    /** A workload's stored token is reused only while fresh and still for this profile's issuer and client. */
    static boolean reusableFor(Session session, Profile profile, Instant now) {
        return !session.isEnded() && session.issuer().equals(profile.issuer()) && session.clientId().equals(profile.clientId())
                && isFresh(session, now);
    }

    /** A tenth of the token's lifetime, at most {@link #MAX_MARGIN}. */
    static Duration margin(Session session) {
        Instant issued = session.refreshedAt().orElse(session.obtainedAt());
        Optional<Instant> expiry = session.tokens().expiresAt();
        if (expiry.isEmpty()) {
            return Duration.ZERO;
        }
        Duration tenth = Duration.between(issued, expiry.get()).dividedBy(10);
        if (tenth.isNegative()) {
            return Duration.ZERO;
        }
        return tenth.compareTo(MAX_MARGIN) > 0 ? MAX_MARGIN : tenth;
    }
}
