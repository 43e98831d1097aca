package dev.cliauth.core.audit;

import java.nio.file.Path;
import java.time.Clock;

/**
 * A separate cliauth-like process for {@link JsonLinesAuditLogConcurrentAppendTest}: appends {@code count} events
 * as writer {@code name}, each with a long message so that interleaved writes would show.
 * Arguments: file, name, count, message length.
 */
public final class AuditLogAppender {
    private AuditLogAppender() {
    }

    public static void main(String[] args) {
        append(Path.of(args[0]), args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
    }

    static void append(Path file, String name, int count, int messageLength) {
        AuditLog log = new JsonLinesAuditLog(file, Clock.systemUTC(), name, "host", warning -> {
            throw new AssertionError(warning);
        });
        String padding = "x".repeat(messageLength);
        for (int i = 0; i < count; i++) {
            log.record(new AuthEvent.FellBack(name, "https://id.example.com", "pkce", "device", i + " " + padding));
        }
    }
}
