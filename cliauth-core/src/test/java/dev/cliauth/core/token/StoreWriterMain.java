package dev.cliauth.core.token;

import dev.cliauth.core.io.PrivateFiles;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * A child process for {@link FileStoreSurvivesSigkillTest}: writes two different sessions in turn, forever, and
 * says "ready" after the first write. The test kills it with SIGKILL at random moments.
 */
public final class StoreWriterMain {
    private StoreWriterMain() {
    }

    public static void main(String[] args) {
        FileTokenStore store = new FileTokenStore(Path.of(args[0]), new PrivateFiles());
        Session a = session("A", 1);
        Session b = session("B", 40_000);
        store.save(a);
        System.out.println("ready");
        System.out.flush();
        for (long i = 0; ; i++) {
            store.save(i % 2 == 0 ? b : a);
        }
    }

    /** A session whose ID token has {@code padding} characters, so that writes take a while. */
    static Session session(String name, int padding) {
        TokenSet tokens = new TokenSet("access-" + name, "Bearer", Optional.of(Instant.parse("2026-11-26T10:05:00Z")),
                Optional.of("refresh-" + name), Optional.of("x".repeat(padding)), Optional.empty());
        return new Session("crash", URI.create("https://id.example.com"), "cli", URI.create("https://id.example.com/token"),
                Optional.of("sub"), Optional.empty(), "authorization_code+pkce", Instant.parse("2026-11-26T10:00:00Z"), Optional.empty(), tokens);
    }
}
