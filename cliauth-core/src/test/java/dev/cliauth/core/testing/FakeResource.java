package dev.cliauth.core.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A protected resource on 127.0.0.1 (an MCP server's stand-in) for use-case tests: {@code /mcp} answers a request
 * without a token with 401 and a {@code WWW-Authenticate: Bearer resource_metadata="…"} challenge (RFC 9728 §5.1),
 * and its metadata is served at the path-aware well-known address (§3.1). Tests script what it states and read what
 * it was asked.
 */
public final class FakeResource implements AutoCloseable {
    private final HttpServer server;
    private final String base;

    /** Every request's method and path, in order. */
    public final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    /** The {@code resource} the metadata states; defaults to the real one. */
    public volatile String statedResource;
    /** The authorization servers the metadata names. */
    public volatile List<String> authorizationServers = List.of();
    /** The scopes the metadata names. */
    public volatile List<String> scopes = List.of("mcp:tools");
    /** Answer the unauthenticated request with the challenge (else with 404, leaving only the well-known address). */
    public volatile boolean challenge = true;

    public FakeResource() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        statedResource = resource().toString();
        server.createContext("/", this::handle);
        server.start();
    }

    /** The resource's URL, {@code http://127.0.0.1:PORT/mcp}. */
    public URI resource() {
        return URI.create(base + "/mcp");
    }

    /** Where its metadata is: {@code /.well-known/oauth-protected-resource/mcp}. */
    public URI metadataUrl() {
        return URI.create(base + "/.well-known/oauth-protected-resource/mcp");
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            requests.add(exchange.getRequestMethod() + " " + path);
            if (path.equals("/mcp") && challenge) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer error=\"invalid_request\", error_description=\"No token\", "
                        + "resource_metadata=\"" + metadataUrl() + "\"");
                FakeProvider.send(exchange, 401, "application/json", "{\"error\":\"unauthorized\"}");
            } else if (path.equals(metadataUrl().getPath())) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("resource", statedResource);
                json.put("authorization_servers", authorizationServers);
                json.put("scopes_supported", scopes);
                json.put("resource_name", "Test MCP server");
                FakeProvider.json(exchange, 200, json);
            } else {
                FakeProvider.send(exchange, 404, "text/plain", "not found");
            }
        }
    }
}
