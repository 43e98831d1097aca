package dev.cliauth.core.flow.refresh;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.Problem;
import dev.cliauth.core.flow.Sleeper;
import dev.cliauth.core.flow.token.TokenRule;
import dev.cliauth.core.oauth.DpopKey;
import dev.cliauth.core.oauth.TokenClient;
import dev.cliauth.core.oauth.TokenResult;
import dev.cliauth.core.provider.ProviderHabits;
import dev.cliauth.core.token.Session;
import dev.cliauth.core.token.TokenSet;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Uses a session's refresh token (RFC 6749 §6) and checks what comes back before anyone may store it: a session bound
 * to a key stays bound (RFC 9449 §5: a Bearer answer to a DPoP refresh would hand an unbound token to every tool),
 * and a refreshed ID token names the same issuer, subject and audience (OpenID Connect Core §12.2). Transient failures
 * (network, 5xx, {@code temporarily_unavailable}) are retried a bounded number of times. It stores nothing: the
 * caller holds the profile's lock and stores the result before handing it out.
 */
public final class Refresher {
    /** Waits before the second and third attempt after a transient failure. */
    static final List<Duration> RETRY_WAITS = List.of(Duration.ofMillis(500), Duration.ofSeconds(2));
    /** What a provider answers when it will not issue a token for that resource or scope (RFC 8707 §2, RFC 6749 §5.2). */
    static final java.util.Set<String> TARGET_ERRORS = java.util.Set.of("invalid_target", "invalid_scope", "invalid_resource");

    private final TokenClient client;
    private final Clock clock;
    private final Sleeper sleeper;

    public Refresher(TokenClient client, Clock clock, Sleeper sleeper) {
        this.client = client;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** How a refresh ended, short of failures that leave the session as it was (thrown). */
    public sealed interface Outcome {
    }

    /** New tokens, checked, merged into the session. */
    public record Refreshed(Session session) implements Outcome {
    }

    /** The provider ended the session ({@code invalid_grant}): the caller marks it ended. */
    public record Ended(Session session, String reason) implements Outcome {
    }

    /**
     * @param habits the profile's provider habits (its token endpoint dialect, its issuer rule), or null: the standard
     * @throws CliauthException when the provider refuses otherwise, cannot be reached, or answers what must not be
     *                          stored; the stored session is then unchanged
     */
    public Outcome refresh(Session session, ProviderHabits habits) {
        return refresh(session, habits, Optional.empty(), Optional.empty(), "");
    }

    /**
     * A token for another resource (RFC 8707) or scope, with the session's refresh token, kept in the session under
     * {@code key}; a rotated refresh token replaces the session's (it is one grant).
     *
     * @throws CliauthException with {@link Problem.TargetRefused} when the provider will not issue it
     */
    public Outcome refreshFor(Session session, ProviderHabits habits, Optional<String> resource, Optional<String> scope, String key) {
        return refresh(session, habits, resource, scope, key);
    }

    private Outcome refresh(Session session, ProviderHabits habits, Optional<String> resource, Optional<String> scope, String key) {
        String refreshToken = session.tokens().refreshToken().orElseThrow();
        boolean derived = resource.isPresent() || scope.isPresent();
        Map.Entry<Optional<String>, Optional<String>> target = habits == null ? Map.entry(resource, scope) : habits.target(resource, scope);
        TokenResult result = refreshWithRetries(session, refreshToken, habits, target.getKey(), target.getValue());
        if (derived && result instanceof TokenResult.Rejected rejected && TARGET_ERRORS.contains(rejected.error())) {
            throw new CliauthException(new Problem.TargetRefused(session.profile(), resource.map(r -> "resource " + r)
                    .orElse("scope \"" + scope.orElse("") + "\""), rejected.summary()));
        }
        if (result instanceof TokenResult.Rejected rejected) {
            if (rejected.error().equals("invalid_grant")) {
                return new Ended(session.endedBecause("the provider rejected the refresh token (" + rejected.summary() + ")"),
                        rejected.summary());
            }
            throw new CliauthException(Failure.LOGIN_FAILED, "Refreshing the session for profile " + session.profile() + " failed: "
                    + rejected.summary() + ". The stored session is unchanged."
                    + (habits == null ? "" : habits.advice(rejected.error(), rejected.description()).map(advice -> "\n" + advice).orElse("")));
        }
        TokenSet fresh = ((TokenResult.Issued) result).tokens();
        if (TokenRule.isBound(session) && !fresh.tokenType().equalsIgnoreCase("DPoP")) {
            throw new CliauthException(Failure.LOGIN_FAILED, "The provider answered the refresh of profile " + session.profile()
                    + "'s key-bound (DPoP) session with a " + fresh.tokenType() + " token, which anyone holding it could use;"
                    + " it was not stored, and the stored session is unchanged (RFC 9449 §5).");
        }
        fresh.idToken().ifPresent(idToken -> checkSameIdentity(session, idToken, habits));
        return new Refreshed(derived ? session.withDerived(key, fresh, clock.instant()) : session.withRefreshedTokens(fresh, clock.instant()));
    }

    private TokenResult refreshWithRetries(Session session, String refreshToken, ProviderHabits habits, Optional<String> resource,
                                           Optional<String> scope) {
        // the provider's habits (Google's installed-app secret, GitHub's JSON) come from the profile; without one, the standard
        TokenClient client = habits == null ? this.client : this.client.with(habits.tokenEndpoint());
        for (int attempt = 0; ; attempt++) {
            try {
                TokenResult result = client.refresh(session.tokenEndpoint(), session.clientId(), refreshToken,
                        session.dpopKey().map(DpopKey::parse).orElse(null), resource, scope);
                if (!(result instanceof TokenResult.Rejected rejected) || !rejected.isTransient() || attempt == RETRY_WAITS.size()) {
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

    private void pause(Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliauthException(Failure.CANCELLED, "Cancelled.");
        }
    }
}
