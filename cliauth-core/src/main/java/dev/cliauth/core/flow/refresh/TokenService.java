package dev.cliauth.core.flow.refresh;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.config.Profile;
import dev.cliauth.core.config.ProfileStore;
import dev.cliauth.core.flow.Sleeper;
import dev.cliauth.core.flow.workload.WorkloadLogin;
import dev.cliauth.core.oauth.DpopKey;
import dev.cliauth.core.oauth.TokenClient;
import dev.cliauth.core.provider.ProviderHabits;
import dev.cliauth.core.oauth.TokenResult;
import dev.cliauth.core.token.ProfileLocks;
import dev.cliauth.core.token.Session;
import dev.cliauth.core.token.TokenSet;
import dev.cliauth.core.token.TokenStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Gives the current session for a profile. Order: no stored session, or one the provider ended → log in; access
 * token still fresh → return it; no refresh token → log in; else take the profile's cross-process lock, re-read the
 * store (another process may have refreshed meanwhile: then use its result), refresh, store the result with any
 * rotated refresh token — before anyone sees the new access token — and return it.
 *
 * <p>A workload profile (client credentials, token exchange, JWT bearer) has no refresh token and no login: its
 * token is cached while fresh and otherwise obtained again from the workload's own identity.
 *
 * <p>Whether a stored token is handed out as it is follows {@link CachedToken}, which {@code cliauth token}'s fast path
 * uses too: "fresh" means more than a tenth of the token's lifetime (at most 60 s) remains. {@code invalid_grant} marks
 * the session ended (kept for {@code status}); transient failures (network, 5xx) are retried a bounded number of times
 * and never change the stored session.
 */
public final class TokenService {
    /** Waits before the second and third attempt after a transient failure. */
    static final List<Duration> RETRY_WAITS = List.of(Duration.ofMillis(500), Duration.ofSeconds(2));

    private final TokenStore store;
    private final TokenClient client;
    private final ProfileLocks locks;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ProfileStore profiles;
    private final WorkloadLogin workload;

    public TokenService(TokenStore store, TokenClient client, ProfileLocks locks, Clock clock, Sleeper sleeper) {
        this(store, client, locks, clock, sleeper, null, null);
    }

    /**
     * @param profiles to tell workload profiles apart (or null: people only)
     * @param workload obtains tokens for workload profiles from the workload's own identity (or null)
     */
    public TokenService(TokenStore store, TokenClient client, ProfileLocks locks, Clock clock, Sleeper sleeper,
                        ProfileStore profiles, WorkloadLogin workload) {
        this.store = store;
        this.client = client;
        this.locks = locks;
        this.clock = clock;
        this.sleeper = sleeper;
        this.profiles = profiles;
        this.workload = workload;
    }

    public Session current(String profile) {
        Optional<Profile> settings = workload == null ? Optional.empty() : profiles.load(profile);
        Optional<Session> stored = store.load(profile);
        Optional<Session> cached = CachedToken.handOut(settings, stored, clock.instant());
        if (cached.isPresent()) {
            return cached.get();
        }
        if (settings.isPresent() && settings.get().isWorkload()) {
            return obtainForWorkload(settings.get());
        }
        Session session = usable(profile, stored.orElse(null));
        if (session.tokens().refreshToken().isEmpty()) {
            throw expired(profile);
        }
        return locks.withLock(profile, () -> refreshHoldingLock(profile));
    }

    /**
     * A workload's token when the stored one cannot be reused: a new one from the workload's identity (no refresh
     * token: a workload can always ask again), obtained under the lock so that parallel calls ask once.
     */
    private Session obtainForWorkload(Profile profile) {
        return locks.withLock(profile.name(), () -> {
            Optional<Session> again = CachedToken.handOut(Optional.of(profile), store.load(profile.name()), clock.instant());
            if (again.isPresent()) {
                return again.get();
            }
            Session fresh = workload.obtain(profile);
            store.save(fresh);
            return fresh;
        });
    }

    private Session refreshHoldingLock(String profile) {
        // Re-read under the lock: another process may have refreshed (and rotated the refresh token) meanwhile.
        Session session = usable(profile, store.load(profile).orElse(null));
        Instant now = clock.instant();
        if (CachedToken.isFresh(session, now)) {
            return session;
        }
        String refreshToken = session.tokens().refreshToken().orElseThrow(() -> expired(profile));
        ProviderHabits habits = profiles == null ? null : profiles.load(profile).map(ProviderHabits::of).orElse(null);
        TokenResult result = refreshWithRetries(session, refreshToken, profile, habits);
        if (result instanceof TokenResult.Rejected rejected) {
            if (rejected.error().equals("invalid_grant")) {
                store.save(session.endedBecause("the provider rejected the refresh token (" + rejected.summary() + ")"));
                throw new CliauthException(Failure.LOGIN_REQUIRED, "The session for profile " + profile
                        + " has ended at the provider (" + rejected.summary() + "); run 'cliauth login --profile " + profile + "'.");
            }
            throw new CliauthException(Failure.LOGIN_FAILED, "Refreshing the session for profile " + profile + " failed: "
                    + rejected.summary() + ". The stored session is unchanged."
                    + (habits == null ? "" : habits.advice(rejected.error(), rejected.description()).map(advice -> "\n" + advice).orElse("")));
        }
        TokenSet fresh = ((TokenResult.Issued) result).tokens();
        fresh.idToken().ifPresent(idToken -> checkSameIdentity(session, idToken, habits));
        Session refreshed = session.withRefreshedTokens(fresh, clock.instant());
        store.save(refreshed); // stored before the token is handed out: a rotated refresh token is never lost
        return refreshed;
    }

    private TokenResult refreshWithRetries(Session session, String refreshToken, String profile, ProviderHabits habits) {
        // the provider's habits (Google's installed-app secret, GitHub's JSON) come from the profile; without one, the standard
        TokenClient client = habits == null ? this.client : this.client.with(habits.tokenEndpoint());
        for (int attempt = 0; ; attempt++) {
            try {
                TokenResult result = client.refresh(session.tokenEndpoint(), session.clientId(), refreshToken,
                        session.dpopKey().map(DpopKey::parse).orElse(null));
                if (!(result instanceof TokenResult.Rejected rejected) || !transient_(rejected) || attempt == RETRY_WAITS.size()) {
                    return result;
                }
            } catch (CliauthException e) {
                if (e.failure() != Failure.PROVIDER_UNAVAILABLE || attempt == RETRY_WAITS.size()) {
                    throw new CliauthException(e.failure(), e.getMessage() + " The stored session is unchanged.", e);
                }
            }
            pause(RETRY_WAITS.get(attempt));
        }
    }

    /**
     * OpenID Connect Core §12.2: an ID token from a refresh must keep the original {@code iss}, {@code sub} and
     * {@code aud}. It came straight from the token endpoint over TLS, which Core §3.1.3.7 accepts in place of a
     * signature check; the claims are what must not change.
     */
    private static void checkSameIdentity(Session session, String idToken, ProviderHabits habits) {
        JWTClaimsSet claims;
        try {
            claims = JWTParser.parse(idToken).getJWTClaimsSet();
        } catch (java.text.ParseException e) {
            throw new CliauthException(Failure.LOGIN_FAILED, "The provider's refreshed ID token is not a JWT; the refreshed tokens were not stored.");
        }
        // Entra ID's common and organizations: the token's issuer is the template with its tid, as at login
        boolean sameIssuer = habits != null ? habits.isSameIssuer(claims.getIssuer(), claims.getClaim("tid"))
                : session.issuer().toString().equals(claims.getIssuer());
        boolean sameSubject = session.subject().map(sub -> sub.equals(claims.getSubject())).orElse(true);
        boolean sameAudience = claims.getAudience() != null && claims.getAudience().contains(session.clientId());
        if (!sameIssuer || !sameSubject || !sameAudience) {
            throw new CliauthException(Failure.LOGIN_FAILED, "The provider's refreshed ID token names another "
                    + (!sameIssuer ? "issuer" : !sameSubject ? "subject" : "audience")
                    + " than the session (OpenID Connect Core 12.2); the refreshed tokens were not stored.");
        }
    }

    /** Server trouble that may pass (RFC 6749 §4.1.2.1 codes, HTTP 5xx), unlike a refusal. */
    private static boolean transient_(TokenResult.Rejected rejected) {
        return rejected.httpStatus() >= 500 || rejected.error().equals("server_error") || rejected.error().equals("temporarily_unavailable");
    }

    private void pause(Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliauthException(Failure.CANCELLED, "Cancelled.");
        }
    }

    private static Session usable(String profile, Session session) {
        if (session == null) {
            throw new CliauthException(Failure.LOGIN_REQUIRED, "Not signed in (profile " + profile + "); run 'cliauth login --profile " + profile + "'.");
        }
        if (session.isEnded()) {
            throw new CliauthException(Failure.LOGIN_REQUIRED, "The session for profile " + profile + " has ended ("
                    + session.ended().orElseThrow() + "); run 'cliauth login --profile " + profile + "'.");
        }
        return session;
    }

    private static CliauthException expired(String profile) {
        return new CliauthException(Failure.LOGIN_REQUIRED, "The session for profile " + profile
                + " has expired; run 'cliauth login --profile " + profile + "'.");
    }
}
