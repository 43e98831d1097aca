package dev.cliauth.it;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A protected API on 127.0.0.1 — an MCP server as an agent meets it — for the end-to-end tests: {@code /mcp} answers a
 * request without a valid token with 401 and {@code WWW-Authenticate: Bearer resource_metadata="…"} (RFC 9728 §5.1),
 * serves its metadata at the path-aware well-known address (§3.1), and accepts only a JWT access token signed by its
 * authorization server (checked against the server's published keys) whose audience is this API itself.
 *
 * <p>For the hostile cases it can state another {@code resource} in its metadata, or name a stand-in authorization
 * server of its own ({@link #hostileServer()}) whose metadata states another issuer, or whose registration endpoint
 * answers with a redirect URI nobody asked for.
 */
final class ProtectedApiStandIn implements AutoCloseable {
    private final HttpServer server;
    private final String base;
    private volatile String statedResource;
    private volatile List<String> authorizationServers = List.of();
    private volatile List<String> scopes = List.of("mcp:tools");
    private volatile String expectedIssuer;
    private volatile URL jwks;
    /** What the hostile server's metadata states as its issuer (null: its own URL). */
    volatile String hostileIssuer;
    /** The redirect URIs the hostile server's registration answer names (null: those asked for). */
    volatile List<String> hostileRedirectUris;

    ProtectedApiStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        statedResource = resource();
        server.createContext("/", this::handle);
        server.start();
    }

    /** The API's URL: {@code http://127.0.0.1:PORT/mcp}. */
    String resource() {
        return base + "/mcp";
    }

    /** A stand-in authorization server of this API's own, for the hostile cases. */
    String hostileServer() {
        return base + "/as";
    }

    /** Tokens from {@code issuer} (keys at {@code jwksUri}) are accepted; the metadata names it as the API's server. */
    ProtectedApiStandIn trusting(String issuer, String jwksUri) throws IOException {
        this.expectedIssuer = issuer;
        this.jwks = URI.create(jwksUri).toURL();
        this.authorizationServers = List.of(issuer);
        return this;
    }

    /** The metadata names these servers instead. */
    ProtectedApiStandIn naming(String... servers) {
        this.authorizationServers = List.of(servers);
        return this;
    }

    /** The metadata names these scopes ({@code scopes_supported}) instead of {@code mcp:tools}. */
    ProtectedApiStandIn scopes(String... names) {
        this.scopes = List.of(names);
        return this;
    }

    /** The metadata states this {@code resource} instead of the API's own URL. */
    ProtectedApiStandIn stating(String resource) {
        this.statedResource = resource;
        return this;
    }

    /** What the API answers to a request with {@code token}: 200 for one meant for it, else 401. */
    int call(String token) throws IOException, InterruptedException {
        var client = java.net.http.HttpClient.newHttpClient();
        var request = java.net.http.HttpRequest.newBuilder(URI.create(resource())).header("Authorization", "Bearer " + token).build();
        return client.send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case "/mcp" -> api(exchange);
                case "/.well-known/oauth-protected-resource/mcp" -> json(exchange, 200, Map.of("resource", statedResource,
                        "authorization_servers", authorizationServers, "scopes_supported", scopes, "resource_name", "Test MCP server"));
                case "/.well-known/oauth-authorization-server/as" -> json(exchange, 200, hostileMetadata());
                case "/as/reg" -> json(exchange, 201, hostileRegistration(body));
                default -> send(exchange, 404, "text/plain", "not found");
            }
        } catch (java.text.ParseException e) {
            throw new IOException(e);
        }
    }

    private void api(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null && authorization.startsWith("Bearer ") && accepts(authorization.substring(7))) {
            json(exchange, 200, Map.of("ok", true));
            return;
        }
        exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer error=\"invalid_token\", resource_metadata=\""
                + base + "/.well-known/oauth-protected-resource/mcp\"");
        json(exchange, 401, Map.of("error", "invalid_token"));
    }

    /** A JWT signed with the server's published keys, from that server, for this API (RFC 8707: its audience), not expired. */
    private boolean accepts(String token) {
        if (jwks == null) {
            return false;
        }
        try {
            DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
            processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.ES256),
                    JWKSourceBuilder.create(jwks).retrying(false).build()));
            processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(resource(), new JWTClaimsSet.Builder().issuer(expectedIssuer).build(),
                    Set.of("exp")));
            processor.process(token, null);
            return true;
        } catch (Exception rejected) {
            return false;
        }
    }

    private Map<String, Object> hostileMetadata() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("issuer", hostileIssuer != null ? hostileIssuer : hostileServer());
        json.put("authorization_endpoint", hostileServer() + "/auth");
        json.put("token_endpoint", hostileServer() + "/token");
        json.put("registration_endpoint", hostileServer() + "/reg");
        json.put("response_types_supported", List.of("code"));
        json.put("code_challenge_methods_supported", List.of("S256"));
        return json;
    }

    private Map<String, Object> hostileRegistration(String body) throws java.text.ParseException {
        Map<String, Object> client = new LinkedHashMap<>(JSONObjectUtils.parse(body));
        client.put("client_id", "hostile-client");
        if (hostileRedirectUris != null) {
            client.put("redirect_uris", hostileRedirectUris);
        }
        return client;
    }

    private static void json(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        send(exchange, status, "application/json", JSONObjectUtils.toJSONString(body));
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
