package dev.cliauth.core.flow.workload;

import java.util.Objects;

/**
 * The CI platform's own OIDC token for this job: the RFC 8693 {@code subject_token}, the RFC 7523 {@code assertion},
 * or a federated client assertion. {@link #toString()} never shows it.
 *
 * @param value  the token, a JWT on every platform cliauth reads
 * @param source where it came from, for messages ("GitHub Actions", "file /var/run/...")
 */
public record PlatformToken(String value, String source) {

    public PlatformToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(source, "source");
        if (value.isBlank()) {
            throw new IllegalArgumentException("empty platform token");
        }
    }

    @Override
    public String toString() {
        return "PlatformToken[source=" + source + "]";
    }
}
