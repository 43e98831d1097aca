package dev.cliauth.core.token;

import dev.cliauth.core.io.JsonObject;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Reads one number claim ({@code exp}) from a JWT cliauth already validated when it was issued, to decide whether it
 * is still fresh — no signature check here: the ID token in a stored session was verified with Nimbus at sign-in
 * (or came straight from the token endpoint over TLS at a refresh, OpenID Connect Core §3.1.3.7). With the JDK's
 * Base64 and a JSON reader given by the caller, so that {@code cliauth token}'s fast path can use it.
 */
public final class JwtClaims {
    private JwtClaims() {
    }

    /** The token's {@code exp}, or empty when it cannot be read with {@code reader} (the caller treats that as stale). */
    public static Optional<Instant> expiry(String jwt, JsonObject.Reader reader) {
        try {
            String[] parts = jwt.split("\\.", -1);
            if (parts.length != 3) {
                return Optional.empty();
            }
            String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            return reader.read(payload).number("exp").map(Instant::ofEpochSecond);
        } catch (java.text.ParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
