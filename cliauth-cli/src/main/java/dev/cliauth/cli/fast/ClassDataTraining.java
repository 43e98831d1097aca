package dev.cliauth.cli.fast;

import com.sun.net.httpserver.HttpServer;
import dev.cliauth.cli.App;
import dev.cliauth.cli.Main;
import dev.cliauth.core.config.Profile;
import dev.cliauth.core.io.PrivateFiles;
import dev.cliauth.core.token.FileTokenStore;
import dev.cliauth.core.token.Session;
import dev.cliauth.core.token.TokenSet;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The training run behind {@code bin/cliauth}'s class-data archive (JDK 17–23 AppCDS, JDK 24+ AOT cache): one JVM
 * that walks the routes {@code cliauth token} takes on every kubectl or git call, so that the classes they load are
 * parsed and linked once, not on every call. Route one: a stored token handed out by {@link FastToken}. Route two: a
 * token that needs a refresh (the profile's lock, the token store, the token request and its answer through Nimbus,
 * the store written) against a token endpoint served here on 127.0.0.1. Its environment is the caller's: bin/cliauth
 * gives it throwaway XDG directories. Writes nothing to stdout or stderr; always exits 0 (a failed route only makes
 * the archive smaller).
 */
public final class ClassDataTraining {
    private ClassDataTraining() {
    }

    public static void main(String[] args) throws IOException {
        train(System.getenv());
    }

    /** Walks both routes with {@code env}'s directories; returns the store the sessions are in. */
    static FileTokenStore train(Map<String, String> env) throws IOException {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        App app = new App(env, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), Clock.systemUTC(), false);
        Instant now = Instant.now();
        FileTokenStore files = new FileTokenStore(app.locations().stateDir(), new PrivateFiles());
        URI issuer = URI.create("https://id.example.com");
        app.profiles().save(Profile.of("training", issuer, "cli"));
        files.save(session("training", issuer, URI.create("https://id.example.com/token"), now, Duration.ofHours(1)));
        new FastToken(env, Clock.systemUTC(), System.getProperty("os.name", ""), app::locks)
                .run(new String[] {"token", "--profile", "training"}, quiet, () -> 1);

        HttpServer provider = tokenEndpoint(form -> "{\"access_token\":\"training-2\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
                + "\"refresh_token\":\"r2\"}");
        try {
            URI endpoint = URI.create("http://127.0.0.1:" + provider.getAddress().getPort() + "/token");
            app.profiles().save(Profile.of("training-refresh", issuer, "cli").withScope("profile"));
            files.save(session("training-refresh", issuer, endpoint, now.minusSeconds(7200), Duration.ofSeconds(60)));
            // what main() runs once FastToken finds the token stale and takes the lock
            new FastToken(env, Clock.systemUTC(), System.getProperty("os.name", ""), app::locks)
                    .run(new String[] {"token", "--profile", "training-refresh"}, quiet,
                            () -> Main.token(app, "token", "--profile", "training-refresh"));
        } finally {
            provider.stop(0);
        }
        return files;
    }

    /**
     * A token endpoint at {@code http://127.0.0.1:PORT/token}, started: each request's form goes to {@code answer},
     * whose JSON comes back with HTTP 200.
     */
    static HttpServer tokenEndpoint(Function<String, String> answer) throws IOException {
        HttpServer provider = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        provider.createContext("/token", exchange -> {
            byte[] body = answer.apply(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        provider.start();
        return provider;
    }

    private static Session session(String profile, URI issuer, URI tokenEndpoint, Instant obtained, Duration lifetime) {
        TokenSet tokens = new TokenSet("training", "Bearer", Optional.of(obtained.plus(lifetime)), Optional.of("r"), Optional.empty(),
                Optional.of("profile"));
        return new Session(profile, issuer, "cli", tokenEndpoint, Optional.empty(), Optional.empty(), "authorization_code+pkce", obtained,
                Optional.empty(), tokens);
    }
}
