package dev.cliauth.it;

import com.nimbusds.jose.util.JSONObjectUtils;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A realm of the dev IdP's Keycloak made through its admin REST API for one protected API: anonymous dynamic client
 * registration allowed from loopback (the "Trusted Hosts" policy naming 127.0.0.1, as an administrator would set it),
 * the user demo/demo, and a default client scope whose audience mapper puts the API in every access token's
 * {@code aud} — Keycloak does not read RFC 8707's {@code resource}, so that is how its tokens are made for the API.
 * Removed again on close; the dev IdP's own realms are left as they are.
 */
final class KeycloakResourceRealm implements AutoCloseable {
    private static final String POLICY_TYPE = "org.keycloak.services.clientregistration.policy.ClientRegistrationPolicy";

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String realm;
    private final String adminToken;

    private KeycloakResourceRealm(String base, String realm, String adminToken) {
        this.base = base;
        this.realm = realm;
        this.adminToken = adminToken;
    }

    /** A new realm on the Keycloak that serves {@code anyIssuer}, issuing tokens for {@code resource}. */
    static KeycloakResourceRealm create(String anyIssuer, String resource) throws Exception {
        URI issuer = URI.create(anyIssuer);
        String base = issuer.getScheme() + "://" + issuer.getRawAuthority();
        String token = (String) JSONObjectUtils.parse(post(HttpClient.newHttpClient(), base + "/realms/master/protocol/openid-connect/token",
                "application/x-www-form-urlencoded", form(Map.of("grant_type", "password", "client_id", "admin-cli", "username", "admin",
                        "password", "admin")), null, 200)).get("access_token");
        KeycloakResourceRealm created = new KeycloakResourceRealm(base, "resource-" + UUID.randomUUID().toString().substring(0, 8), token);
        created.setUp(resource);
        return created;
    }

    String issuer() {
        return base + "/realms/" + realm;
    }

    String jwksUri() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    private void setUp(String resource) throws Exception {
        admin("POST", "/admin/realms", Map.of("realm", realm, "enabled", true), 201);
        String prefix = "/admin/realms/" + realm;
        admin("POST", prefix + "/users", Map.of("username", "demo", "enabled", true, "email", "demo@example.com", "emailVerified", true,
                "firstName", "Demo", "lastName", "User",
                "credentials", List.of(Map.of("type", "password", "value", "demo", "temporary", false))), 201);
        Map<String, Object> mapper = Map.of("name", "api-audience", "protocol", "openid-connect", "protocolMapper", "oidc-audience-mapper",
                "config", Map.of("included.custom.audience", resource, "access.token.claim", "true", "id.token.claim", "false",
                        "introspection.token.claim", "true"));
        admin("POST", prefix + "/client-scopes", Map.of("name", "api-audience", "protocol", "openid-connect",
                "attributes", Map.of("include.in.token.scope", "false"), "protocolMappers", List.of(mapper)), 201);
        List<Object> scopes = com.nimbusds.jose.util.JSONArrayUtils.parse(admin("GET", prefix + "/client-scopes", null, 200));
        String scopeId = scopes.stream().map(s -> (Map<?, ?>) s).filter(s -> "api-audience".equals(s.get("name"))).map(s -> (String) s.get("id"))
                .findFirst().orElseThrow();
        admin("PUT", prefix + "/default-default-client-scopes/" + scopeId, null, 204);
        // the anonymous Trusted Hosts policy: registration requests from, and redirect URIs on, 127.0.0.1
        List<Object> policies = com.nimbusds.jose.util.JSONArrayUtils.parse(admin("GET", prefix + "/components?type=" + POLICY_TYPE, null, 200));
        Map<String, Object> trusted = policies.stream().map(p -> new LinkedHashMap<>((Map<String, Object>) p))
                .filter(p -> "trusted-hosts".equals(p.get("providerId")) && "anonymous".equals(p.get("subType"))).findFirst().orElseThrow();
        trusted.put("config", Map.of("trusted-hosts", List.of("127.0.0.1"), "host-sending-registration-request-must-match", List.of("true"),
                "client-uris-must-match", List.of("true")));
        admin("PUT", prefix + "/components/" + trusted.get("id"), trusted, 204);
    }

    @Override
    public void close() throws Exception {
        admin("DELETE", "/admin/realms/" + realm, null, 204);
    }

    private String admin(String method, String path, Object body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + adminToken)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSONObjectUtils.toJSONString(asJson(body))));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asJson(Object body) {
        return (Map<String, Object>) body;
    }

    private static String post(HttpClient http, String url, String type, String body, String token, int expected) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new AssertionError("POST " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String form(Map<String, String> fields) {
        return String.join("&", fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).toList());
    }
}
