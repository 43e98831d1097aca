package dev.cliauth.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A git server on 127.0.0.1: real {@code git http-backend} (smart HTTP, protocol v2 when the client asks) as a CGI
 * behind a JDK HTTP server that lets a request through only with HTTP Basic whose password is the expected token;
 * otherwise 401 with {@code WWW-Authenticate: Basic}, which makes git ask its credential helpers.
 */
final class GitServerStandIn implements AutoCloseable {
    /** What the server was sent: the Basic username, and whether the password was the expected token. */
    record Attempt(String username, boolean tokenMatched) {
    }

    private final HttpServer server;
    private final Path projectRoot;
    private final Supplier<String> expectedToken;
    private final List<Optional<Attempt>> attempts = Collections.synchronizedList(new ArrayList<>());

    GitServerStandIn(Path projectRoot, Supplier<String> expectedToken) throws IOException {
        this.projectRoot = projectRoot;
        this.expectedToken = expectedToken;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String repository) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + repository;
    }

    /** One entry per request: empty when it carried no Basic credentials. */
    List<Optional<Attempt>> attempts() {
        synchronized (attempts) {
            return List.copyOf(attempts);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] requestBody = exchange.getRequestBody().readAllBytes();
            Optional<Attempt> attempt = basic(exchange.getRequestHeaders().getFirst("Authorization"));
            attempts.add(attempt);
            if (attempt.isEmpty() || !attempt.get().tokenMatched()) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"cliauth test\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            cgi(exchange, attempt.get().username(), requestBody);
        }
    }

    private Optional<Attempt> basic(String header) {
        if (header == null || !header.startsWith("Basic ")) {
            return Optional.empty();
        }
        String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return Optional.of(new Attempt(decoded.substring(0, colon), decoded.substring(colon + 1).equals(expectedToken.get())));
    }

    /** Runs git http-backend as a CGI script (RFC 3875) for one request. */
    private void cgi(HttpExchange exchange, String user, byte[] requestBody) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("git", "http-backend");
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("GIT_PROJECT_ROOT", projectRoot.toString());
        env.put("GIT_HTTP_EXPORT_ALL", "1");
        env.put("GATEWAY_INTERFACE", "CGI/1.1");
        env.put("SERVER_PROTOCOL", "HTTP/1.1");
        env.put("REQUEST_METHOD", exchange.getRequestMethod());
        env.put("PATH_INFO", exchange.getRequestURI().getPath());
        env.put("QUERY_STRING", Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse(""));
        env.put("CONTENT_LENGTH", Integer.toString(requestBody.length));
        env.put("REMOTE_USER", user);
        env.put("REMOTE_ADDR", "127.0.0.1");
        copyHeader(exchange, "Content-Type", "CONTENT_TYPE", env);
        copyHeader(exchange, "Content-Encoding", "HTTP_CONTENT_ENCODING", env);
        copyHeader(exchange, "Git-Protocol", "GIT_PROTOCOL", env);
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(requestBody);
        }
        byte[] output;
        try (InputStream out = process.getInputStream()) {
            output = out.readAllBytes();
        }
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int end = indexOf(output, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        int separator = 4;
        if (end < 0) {
            end = indexOf(output, "\n\n".getBytes(StandardCharsets.US_ASCII));
            separator = 2;
        }
        int status = 200;
        for (String line : new String(output, 0, Math.max(end, 0), StandardCharsets.ISO_8859_1).split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Status")) {
                status = Integer.parseInt(value.split(" ")[0]);
            } else {
                exchange.getResponseHeaders().add(name, value);
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(output, end < 0 ? 0 : end + separator, end < 0 ? output.length : output.length - end - separator);
        exchange.sendResponseHeaders(status, body.size() == 0 ? -1 : body.size());
        body.writeTo(exchange.getResponseBody());
    }

    private static void copyHeader(HttpExchange exchange, String header, String variable, Map<String, String> env) {
        String value = exchange.getRequestHeaders().getFirst(header);
        if (value != null) {
            env.put(variable, value);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
