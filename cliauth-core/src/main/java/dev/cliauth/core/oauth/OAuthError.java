package dev.cliauth.core.oauth;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;

import java.util.Objects;
import java.util.Optional;

/**
 * A provider's OAuth error answer, wherever it came from — the token endpoint (RFC 6749 §5.2), the device
 * authorization endpoint and its polls (RFC 8628 §3.5), the authorization response (RFC 6749 §4.1.2.1), revocation
 * (RFC 7009 §2.2.1) — in one shape, with one rule for "may this pass" ({@link #isTransient()}). Codes are compared
 * with Nimbus' {@link ErrorObject} constants ({@link #is}), never spelt again here.
 *
 * @param code        the {@code error} code; for an answer without one, what came back ("HTTP 502 without an OAuth error")
 * @param description the {@code error_description}, when the provider gave one
 * @param httpStatus  the HTTP status of the answer (0 where there was none: an authorization response)
 */
public record OAuthError(String code, Optional<String> description, int httpStatus) {
    /** A description is cut here, so a provider's page of text cannot flood the terminal. */
    private static final int MAX_DESCRIPTION = 300;

    public OAuthError {
        Objects.requireNonNull(code);
        description = Objects.requireNonNull(description).filter(d -> !d.isBlank());
    }

    /** Nimbus' parse of an error answer, with the status it came with. */
    public static OAuthError of(ErrorObject error, int httpStatus) {
        String code = error.getCode() != null ? error.getCode() : "HTTP " + httpStatus + " without an OAuth error";
        return new OAuthError(code, Optional.ofNullable(error.getDescription()), httpStatus);
    }

    /** Whether this is {@code known}'s error code, e.g. {@code is(OAuth2Error.INVALID_GRANT)}. */
    public boolean is(ErrorObject known) {
        return code.equals(known.getCode());
    }

    /**
     * Server trouble that may pass, unlike a refusal: HTTP 5xx, or RFC 6749's {@code server_error} and
     * {@code temporarily_unavailable}. The one rule every caller follows (refresh retries, device polls, workloads).
     */
    public boolean isTransient() {
        return httpStatus >= 500 || is(OAuth2Error.SERVER_ERROR) || is(OAuth2Error.TEMPORARILY_UNAVAILABLE);
    }

    /**
     * "invalid_grant: Token is not active", on one line: providers put trace ids on later lines (Entra), and a
     * description must not be able to draw on the terminal.
     */
    public String summary() {
        String line = description.map(d -> d.lines().findFirst().orElse("")).orElse("").replaceAll("[\\p{Cc}\\p{Cf}]", "").trim();
        if (line.length() > MAX_DESCRIPTION) {
            line = line.substring(0, MAX_DESCRIPTION) + "...";
        }
        String safeCode = code.replaceAll("[\\p{Cc}\\p{Cf}]", "");
        return line.isEmpty() ? safeCode : safeCode + ": " + line;
    }

    /** This error with {@code secret} (a device code, a client secret a provider echoes) cut out of the description. */
    public OAuthError without(String secret, String replacement) {
        if (secret == null || secret.isEmpty() || description.filter(d -> d.contains(secret)).isEmpty()) {
            return this;
        }
        return new OAuthError(code, description.map(d -> d.replace(secret, replacement)), httpStatus);
    }
}
