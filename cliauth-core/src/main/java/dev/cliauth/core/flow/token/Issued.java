package dev.cliauth.core.flow.token;

import dev.cliauth.core.token.Session;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The token handed to a caller: the value to send and what is known of it. {@link #toString()} never shows the value.
 *
 * @param value     the token
 * @param type      {@code Bearer} or {@code DPoP} for an access token, {@code N_A} for an ID token (RFC 8693's name
 *                  for a token that is not an access token)
 * @param expiresAt when it expires, when known
 * @param scope     the scope it was granted, when the provider said
 * @param resource  the resource it is for (RFC 8707), when one was asked for
 */
public record Issued(String value, String type, Optional<Instant> expiresAt, Optional<String> scope, Optional<String> resource) {
    public Issued {
        Objects.requireNonNull(value);
        Objects.requireNonNull(type);
        Objects.requireNonNull(expiresAt);
        Objects.requireNonNull(scope);
        Objects.requireNonNull(resource);
    }

    /** The session's own access token. */
    public static Issued access(Session session) {
        return new Issued(session.tokens().accessToken(), session.tokens().tokenType(), session.tokens().expiresAt(), session.tokens().scope(),
                Optional.empty());
    }

    @Override
    public String toString() {
        return "Issued[type=" + type + ", expiresAt=" + expiresAt.map(Instant::toString).orElse("unknown") + ", scope=" + scope.orElse("-")
                + ", resource=" + resource.orElse("-") + "]";
    }
}
