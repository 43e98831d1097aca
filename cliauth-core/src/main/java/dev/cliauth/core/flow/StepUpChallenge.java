package dev.cliauth.core.flow;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.token.BearerTokenError;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.oauth.BearerChallenge;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An API's {@code WWW-Authenticate} step-up challenge, as the sign-in it asks for: RFC 9470's
 * {@code error="insufficient_user_authentication"} with {@code acr_values} and/or {@code max_age}, or Entra ID's
 * claims challenge ({@code error="insufficient_claims", claims="BASE64(JSON)"}). Nimbus' {@link BearerTokenError}
 * checks the scheme and reads the error; it keeps only RFC 6750's parameters, so the step-up ones are read with
 * {@link BearerChallenge}, the one reader of RFC 9110 §11.2's challenge grammar.
 */
public final class StepUpChallenge {
    private StepUpChallenge() {
    }

    /** The hints the challenge asks the next sign-in for. */
    public static SignInHints parse(String wwwAuthenticate) {
        String header = wwwAuthenticate == null ? "" : wwwAuthenticate.strip();
        String error;
        try {
            error = BearerTokenError.parse(header).getCode();
        } catch (ParseException e) {
            throw invalid("it is not a Bearer challenge (" + e.getMessage() + ")");
        }
        Map<String, String> params = BearerChallenge.find(List.of(header)).map(BearerChallenge::parameters).orElse(Map.of());
        Optional<String> claims = Optional.ofNullable(params.get("claims")).map(StepUpChallenge::claimsJson);
        List<String> acr = Optional.ofNullable(params.get("acr_values")).map(v -> List.of(v.trim().split("\\s+"))).orElse(List.of());
        Optional<Duration> maxAge;
        try {
            maxAge = Optional.ofNullable(params.get("max_age")).map(v -> Duration.ofSeconds(Long.parseLong(v.trim())));
        } catch (NumberFormatException e) {
            throw invalid("its max_age is not a number of seconds");
        }
        if (acr.isEmpty() && maxAge.isEmpty() && claims.isEmpty()) {
            throw invalid("it asks for no step-up (no acr_values, max_age or claims; error " + (error == null ? "none" : error) + ")");
        }
        return new SignInHints(Optional.empty(), Optional.empty(), acr, maxAge, claims);
    }

    /** Entra sends the claims request base64-encoded; RFC 9470 servers that send one send JSON. */
    private static String claimsJson(String value) {
        String v = value.strip();
        if (v.startsWith("{")) {
            return v;
        }
        try {
            return new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid("its claims value is neither JSON nor base64");
        }
    }

    private static CliauthException invalid(String why) {
        return new CliauthException(Failure.CONFIGURATION, "The step-up challenge cannot be used: " + why
                + ". Give the API's WWW-Authenticate header value, like: Bearer error=\"insufficient_user_authentication\", acr_values=\"mfa\"");
    }
}
