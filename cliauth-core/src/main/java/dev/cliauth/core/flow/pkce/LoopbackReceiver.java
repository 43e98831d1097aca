package dev.cliauth.core.flow.pkce;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The redirect URI's listener (RFC 8252 §7.3): bound to 127.0.0.1 only, on the given port or one the operating
 * system picks. It answers GET on its one path; a request for another host name (DNS rebinding), or with a wrong
 * or missing {@code state}, gets a 4xx and the login keeps waiting. The first genuine callback ends the wait.
 *
 * <p>Use it as {@code try (var receiver = LoopbackReceiver.start(...)) { ... receiver.await(timeout) ... }}.
 */
public final class LoopbackReceiver implements AutoCloseable {
    static final String PATH = "/callback";
    /** Far more than any code, state and iss need; bounds what a hostile page can make the listener parse. */
    static final int MAX_QUERY = 8192;

    private final HttpServer server;
    private final ExecutorService executor;
    private final CallbackParser parser;
    private final CompletableFuture<Callback> result = new CompletableFuture<>();
    private final int port;

    private LoopbackReceiver(HttpServer server, ExecutorService executor, CallbackParser parser) {
        this.server = server;
        this.executor = executor;
        this.parser = parser;
        this.port = server.getAddress().getPort();
    }

    /** Starts listening on 127.0.0.1:{@code port} (0: any free port). */
    public static LoopbackReceiver start(int port, CallbackParser parser) {
        InetAddress loopback;
        HttpServer server;
        try {
            loopback = InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
            server = HttpServer.create(new InetSocketAddress(loopback, port), 4);
        } catch (BindException e) {
            throw new CliauthException(Failure.CONFIGURATION, "Port " + port + " on 127.0.0.1 is in use; choose another with --port, or leave --port out to let the system pick.", e);
        } catch (IOException e) {
            throw new CliauthException(Failure.CONFIGURATION, "Cannot listen on 127.0.0.1:" + port + " for the login callback: " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cliauth-loopback");
            thread.setDaemon(true);
            return thread;
        });
        LoopbackReceiver receiver = new LoopbackReceiver(server, executor, parser);
        server.createContext("/", receiver::handle);
        server.setExecutor(executor);
        server.start();
        return receiver;
    }

    /** {@code http://127.0.0.1:PORT/callback}: an IP literal, never {@code localhost} (RFC 8252 §8.3). */
    public URI redirectUri() {
        return URI.create("http://127.0.0.1:" + port + PATH);
    }

    public int port() {
        return port;
    }

    /** Waits for the genuine callback: a code or a provider error. */
    public Callback await(Duration timeout) {
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new CliauthException(Failure.TIMEOUT, "No sign-in arrived within " + describe(timeout)
                    + "; run the command again (use --timeout to wait longer).");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliauthException(Failure.CANCELLED, "Login cancelled.");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Ends the wait from outside, e.g. when the person pastes the redirect instead. */
    public boolean complete(Callback callback) {
        return result.complete(callback);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String host = exchange.getRequestHeaders().getFirst("Host");
            if (!("127.0.0.1:" + port).equals(host)) {
                respond(exchange, 400, "Wrong address", "This listener only answers at http://127.0.0.1:" + port + ".");
                return;
            }
            String query = exchange.getRequestURI().getRawQuery();
            if (query != null && query.length() > MAX_QUERY) {
                respond(exchange, 414, "Too long", "This address is longer than any sign-in answer.");
                return;
            }
            if (!exchange.getRequestURI().getPath().equals(PATH)) {
                respond(exchange, 404, "Not found", "Nothing here.");
                return;
            }
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                respond(exchange, 405, "Method not allowed", "Only GET is answered here.");
                return;
            }
            if (result.isDone()) {
                respond(exchange, 410, "Already done", "This sign-in has already completed. You can close this tab.");
                return;
            }
            Callback callback = parser.parse(exchange.getRequestURI().getRawQuery());
            if (callback instanceof Callback.Rejected rejected) {
                respond(exchange, 400, "Not accepted", "This is not the answer to the sign-in cliauth is waiting for ("
                        + rejected.reason() + "). Start the sign-in from the link cliauth printed.");
                return;
            }
            if (callback instanceof Callback.ProviderError error) {
                respond(exchange, 200, "Sign-in failed", "The provider said: " + error.summary() + ". You can close this tab and return to the terminal.");
            } else {
                respond(exchange, 200, "Signed in", "You are signed in to cliauth. You can close this tab and return to the terminal.");
            }
            exchange.close(); // the page reaches the browser before the waiting login moves on and closes the server
            result.complete(callback);
        }
    }

    private static void respond(HttpExchange exchange, int status, String title, String message) throws IOException {
        String html = "<!doctype html><html><head><meta charset=\"utf-8\"><title>cliauth: " + escape(title) + "</title>"
                + "<style>body{font-family:sans-serif;max-width:36em;margin:4em auto;padding:0 1em}</style></head>"
                + "<body><h1>" + escape(title) + "</h1><p>" + escape(message) + "</p></body></html>";
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "text/html; charset=utf-8");
        headers.set("Cache-Control", "no-store");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String describe(Duration timeout) {
        long seconds = timeout.toSeconds();
        return seconds % 60 == 0 ? (seconds / 60) + "m" : seconds + "s";
    }
}
