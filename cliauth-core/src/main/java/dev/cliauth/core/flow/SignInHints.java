package dev.cliauth.core.flow;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.token.Session;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one sign-in asks of the provider besides the profile's settings (OpenID Connect Core §3.1.2.1): which account
 * ({@code prompt}, {@code login_hint}), and how strongly the person must have authenticated ({@code acr_values},
 * {@code max_age}, or a {@code claims} request, as a step-up challenge demands, RFC 9470); and the check that the new
 * ID token says so.
 *
 * @param prompt    {@code select_account}, {@code login} or {@code consent}
 * @param loginHint the account to sign in as
 * @param acrValues authentication context classes, most preferred first
 * @param maxAge    the longest time since the person last authenticated actively
 * @param claims    an OpenID Connect claims request (JSON), as Entra ID's claims challenge carries it
 */
public record SignInHints(Optional<String> prompt, Optional<String> loginHint, List<String> acrValues, Optional<Duration> maxAge,
                          Optional<String> claims) {
    /** Leeway for clocks that differ a little between cliauth and the provider, when checking {@code auth_time}. */
    static final Duration LEEWAY = Duration.ofSeconds(60);
    static final List<String> PROMPTS = List.of("select_account", "login", "consent", "none");

    public SignInHints {
        Objects.requireNonNull(prompt);
        Objects.requireNonNull(loginHint);
        acrValues = List.copyOf(acrValues);
        Objects.requireNonNull(maxAge);
        Objects.requireNonNull(claims);
        if (prompt.isPresent() && !PROMPTS.contains(prompt.get())) {
            throw new CliauthException(Failure.CONFIGURATION, "prompt must be one of " + String.join(", ", PROMPTS) + ", not '" + prompt.get() + "'.");
        }
        if (maxAge.filter(Duration::isNegative).isPresent()) {
            throw new CliauthException(Failure.CONFIGURATION, "max_age must not be negative.");
        }
    }

    public static final SignInHints NONE = new SignInHints(Optional.empty(), Optional.empty(), List.of(), Optional.empty(), Optional.empty());

    /** The authorization request parameters these hints add. */
    public Map<String, String> parameters() {
        Map<String, String> params = new LinkedHashMap<>();
        prompt.ifPresent(v -> params.put("prompt", v));
        loginHint.ifPresent(v -> params.put("login_hint", v));
        if (!acrValues.isEmpty()) {
            params.put("acr_values", String.join(" ", acrValues));
        }
        maxAge.ifPresent(v -> params.put("max_age", Long.toString(v.toSeconds())));
        claims.ifPresent(v -> params.put("claims", v));
        return params;
    }

    /** Whether a step-up is asked for, so the ID token must prove it. */
    public boolean asksForAuthentication() {
        return !acrValues.isEmpty() || maxAge.isPresent();
    }

    /**
     * OpenID Connect Core §3.1.3.7 items 11–12 and RFC 9470 §6: the new ID token's {@code acr} must be one asked for,
     * and its {@code auth_time} within {@code max_age}; otherwise the session does not satisfy the challenge.
     *
     * @throws CliauthException (LOGIN_FAILED) when it does not
     */
    public void check(Session session, Instant now) {
        if (!asksForAuthentication()) {
            return;
        }
        JWTClaimsSet idToken;
        try {
            idToken = JWTParser.parse(session.tokens().idToken().orElseThrow(() -> new CliauthException(Failure.LOGIN_FAILED,
                    "A step-up sign-in needs an ID token to prove how the person authenticated, and the provider issued none."))).getJWTClaimsSet();
        } catch (java.text.ParseException e) {
            throw new CliauthException(Failure.LOGIN_FAILED, "The provider's ID token is not a JWT.");
        }
        Object acr = idToken.getClaim("acr");
        if (!acrValues.isEmpty() && (acr == null || !acrValues.contains(acr.toString()))) {
            throw new CliauthException(Failure.LOGIN_FAILED, "The provider signed you in with authentication context " + (acr == null ? "(none stated)" : acr)
                    + ", not one of " + String.join(", ", acrValues) + " that was asked for; the API will refuse the token.");
        }
        if (maxAge.isPresent()) {
            Object authTime = idToken.getClaim("auth_time");
            if (!(authTime instanceof Number seconds)) {
                throw new CliauthException(Failure.LOGIN_FAILED, "The provider's ID token has no auth_time, which max_age requires (OpenID Connect Core 3.1.2.1).");
            }
            Instant authenticated = Instant.ofEpochSecond(seconds.longValue());
            if (authenticated.plus(maxAge.get()).plus(LEEWAY).isBefore(now)) {
                throw new CliauthException(Failure.LOGIN_FAILED, "The provider reused an authentication from " + authenticated
                        + ", older than the " + maxAge.get().toSeconds() + " s that was asked for.");
            }
        }
    }
}
