package dev.cliauth.core.flow.refresh;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.oauth.TokenClient;
import dev.cliauth.core.oauth.TokenResult;
import dev.cliauth.core.token.Session;
import dev.cliauth.core.token.TokenSet;
import dev.cliauth.core.token.TokenStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Gives the current session for a profile. Order: no stored session → log in; access token still fresh → return
 * it; a refresh token exists → refresh, store the result (with any rotated refresh token) and return it; else →
 * log in. "Fresh" means more than a tenth of the token's lifetime (at most 60 s) remains, so a short-lived token is
 * not refreshed on every call and a long-lived one is not used up to its last second.
 */
public final class TokenService {
    static final Duration MAX_MARGIN = Duration.ofSeconds(60);

    private final TokenStore store;
    private final TokenClient client;
    private final Clock clock;

    public TokenService(TokenStore store, TokenClient client, Clock clock) {
        this.store = store;
        this.client = client;
        this.clock = clock;
    }

    public Session current(String profile) {
        Session session = store.load(profile).orElseThrow(() -> new CliauthException(Failure.LOGIN_REQUIRED,
                "Not signed in (profile " + profile + "); run 'cliauth login --profile " + profile + "'."));
        Instant now = clock.instant();
        if (session.tokens().isFreshAt(now, margin(session))) {
            return session;
        }
        String refreshToken = session.tokens().refreshToken().orElseThrow(() -> new CliauthException(Failure.LOGIN_REQUIRED,
                "The session for profile " + profile + " has expired; run 'cliauth login --profile " + profile + "'."));
        TokenResult result = client.refresh(session.tokenEndpoint(), session.clientId(), refreshToken);
        if (result instanceof TokenResult.Rejected rejected) {
            if (rejected.error().equals("invalid_grant")) {
                throw new CliauthException(Failure.LOGIN_REQUIRED, "The session for profile " + profile
                        + " has ended at the provider (" + rejected.summary() + "); run 'cliauth login --profile " + profile + "'.");
            }
            throw new CliauthException(Failure.LOGIN_FAILED, "Refreshing the session for profile " + profile + " failed: "
                    + rejected.summary() + ". The stored session is unchanged.");
        }
        TokenSet fresh = ((TokenResult.Issued) result).tokens();
        Session refreshed = session.withRefreshedTokens(fresh, now);
        store.save(refreshed); // stored before the token is handed out: a rotated refresh token is never lost
        return refreshed;
    }

    /** A tenth of the token's lifetime, at most {@link #MAX_MARGIN}. */
    static Duration margin(Session session) {
        Instant issued = session.refreshedAt().orElse(session.obtainedAt());
        return session.tokens().expiresAt()
                .map(expiry -> Duration.between(issued, expiry).dividedBy(10))
                .filter(d -> !d.isNegative())
                .map(d -> d.compareTo(MAX_MARGIN) > 0 ? MAX_MARGIN : d)
                .orElse(Duration.ZERO);
    }
}
