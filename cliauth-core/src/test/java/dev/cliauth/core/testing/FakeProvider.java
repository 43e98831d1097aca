package dev.cliauth.core.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A small OpenID provider on 127.0.0.1 for use-case tests: discovery, an authorization endpoint that answers at
 * once with a redirect (as if the person had signed in), a token endpoint that checks PKCE, a revocation endpoint
 * (RFC 7009) that ends a refresh token, and a JWKS.
 * Tests script misbehaviour through its public fields and read what it received.
 */
public final class FakeProvider implements AutoCloseable {
    public static final String CLIENT_ID = "test-cli";
    public static final String SUBJECT = "user-123";

    private final HttpServer server;
    private final RSAKey signingKey;
    private final com.nimbusds.jose.jwk.ECKey ecKey;
    private final Map<String, Map<String, List<String>>> pushed = new ConcurrentHashMap<>();
    private final String issuer;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
    private final AtomicInteger counter = new AtomicInteger();
    private volatile String lastJkt;

    /** Every request's method, path and form/query parameters, in order. */
    public final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    /** Answer the authorization request with this error instead of a code (e.g. {@code access_denied}). */
    public volatile String authorizationError;
    /** The issuer stated in discovery; defaults to the real one. */
    public volatile String statedIssuer;
    /** Changes the ID token's claims before signing (wrong nonce, audience...). */
    public volatile UnaryOperator<JWTClaimsSet.Builder> idTokenTweak = UnaryOperator.identity();
    /** How the ID token is signed. */
    public enum Signing { RS256, ES256, HS256_WITH_PUBLIC_KEY, NONE, UNKNOWN_KID }

    public volatile Signing signing = Signing.RS256;
    /** Serve this many JWKS documents without the signing keys (a stale cache during key rotation) before the right one. */
    public final AtomicInteger staleJwks = new AtomicInteger();
    /** Offer pushed authorization requests (RFC 9126). */
    public volatile boolean offerPar;
    /** Advertise authorization_response_iss_parameter_supported (RFC 9207). */
    public volatile boolean advertiseIss;
    /** The iss to put in the authorization response; null sends none. */
    public volatile String authorizationIss;
    /** Ask for a DPoP-Nonce (RFC 9449 §8) before accepting a DPoP proof at the token endpoint. */
    public volatile boolean requireDpopNonce;
    /** The DPoP proofs received at the token endpoint, in order (null for a request without one). */
    public final List<String> dpopProofs = Collections.synchronizedList(new ArrayList<>());
    /** Thumbprints bound to refresh tokens: a DPoP-bound refresh token needs a proof with the same key. */
    private final Map<String, String> boundRefreshTokens = new ConcurrentHashMap<>();
    private static final String DPOP_NONCE = "n-" + UUID.randomUUID();
    /** Access token lifetime in seconds. */
    public volatile long accessTokenLifetime = 300;
    /** Answer this many refresh requests with 503 temporarily_unavailable before serving them. */
    public final AtomicInteger refreshOutages = new AtomicInteger();
    /** Answer refresh requests with Bearer tokens even when the refresh token is bound to a DPoP key (a downgrade). */
    public volatile boolean refreshWithBearer;
    /** Answer refresh requests with this OAuth error (e.g. {@code invalid_grant}). */
    public volatile String refreshError;
    /** Offer dynamic client registration (RFC 7591) at {@code /realms/test/clients-registrations}. */
    public volatile boolean offerRegistration;
    /** The bodies of registration requests received, in order. */
    public final List<String> registrationRequests = Collections.synchronizedList(new ArrayList<>());
    /** Changes the registration answer before it is sent (a hostile server's). */
    public volatile UnaryOperator<Map<String, Object>> registrationTweak = UnaryOperator.identity();

    public record Request(String method, String path, Map<String, List<String>> params) {
        public String param(String name) {
            List<String> values = params.get(name);
            return values == null ? null : values.get(0);
        }
    }

    private record Grant(String clientId, String redirectUri, String challenge, String nonce) {
    }

    public FakeProvider() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/test";
        statedIssuer = issuer;
        try {
            signingKey = new RSAKeyGenerator(2048).keyID("k1").generate();
            ecKey = new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_256).keyID("e1").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    public URI issuer() {
        return URI.create(issuer);
    }

    public List<Request> requestsTo(String pathSuffix) {
        synchronized (requests) {
            return requests.stream().filter(r -> r.path().endsWith(pathSuffix)).toList();
        }
    }

    /** Issues a refresh token outside a login, for refresh tests. */
    public String issueRefreshToken() {
        return issueRefreshToken(CLIENT_ID);
    }

    private String issueRefreshToken(String clientId) {
        String token = "rt-" + counter.incrementAndGet() + "-" + UUID.randomUUID();
        refreshTokens.put(token, clientId);
        return token;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> params = URLUtils.parseParameters(
                    exchange.getRequestMethod().equals("POST") ? body : exchange.getRequestURI().getRawQuery());
            Request request = new Request(exchange.getRequestMethod(), path, params);
            requests.add(request);
            switch (path) {
                case "/realms/test/.well-known/openid-configuration" -> json(exchange, 200, discovery());
                case "/realms/test/protocol/openid-connect/auth" -> authorize(exchange, request);
                case "/realms/test/protocol/openid-connect/token" -> token(exchange, request);
                case "/realms/test/protocol/openid-connect/certs" -> send(exchange, 200, "application/json", jwks());
                case "/realms/test/protocol/openid-connect/ext/par/request" -> par(exchange, request);
                case "/realms/test/protocol/openid-connect/revoke" -> revoke(exchange, request);
                case "/realms/test/clients-registrations" -> register(exchange, body);
                default -> send(exchange, 404, "text/plain", "not found");
            }
        } catch (RuntimeException | JOSEException e) {
            throw new IOException(e);
        }
    }

    private Map<String, Object> discovery() {
        Map<String, Object> json = new LinkedHashMap<>();
        String base = issuer + "/protocol/openid-connect";
        json.put("issuer", statedIssuer);
        json.put("authorization_endpoint", base + "/auth");
        json.put("token_endpoint", base + "/token");
        json.put("jwks_uri", base + "/certs");
        json.put("revocation_endpoint", base + "/revoke");
        json.put("response_types_supported", List.of("code"));
        json.put("subject_types_supported", List.of("public"));
        json.put("code_challenge_methods_supported", List.of("S256"));
        if (offerPar) {
            json.put("pushed_authorization_request_endpoint", base + "/ext/par/request");
        }
        if (advertiseIss) {
            json.put("authorization_response_iss_parameter_supported", true);
        }
        json.put("id_token_signing_alg_values_supported", List.of("RS256", "ES256"));
        if (offerRegistration) {
            json.put("registration_endpoint", issuer + "/clients-registrations");
        }
        return json;
    }

    /** RFC 7591 §3.2.1: the client as registered, with its id, a management URI and the token for it. */
    private void register(HttpExchange exchange, String body) throws IOException {
        if (!offerRegistration) {
            send(exchange, 404, "text/plain", "not found");
            return;
        }
        registrationRequests.add(body);
        Map<String, Object> client;
        try {
            client = new LinkedHashMap<>(JSONObjectUtils.parse(body));
        } catch (java.text.ParseException e) {
            json(exchange, 400, Map.of("error", "invalid_client_metadata"));
            return;
        }
        String id = "registered-" + counter.incrementAndGet();
        client.put("client_id", id);
        client.put("client_id_issued_at", Instant.now().getEpochSecond());
        client.put("registration_client_uri", issuer + "/clients-registrations/" + id);
        client.put("registration_access_token", "rat-" + UUID.randomUUID());
        json(exchange, 201, registrationTweak.apply(client));
    }

    private String jwks() throws JOSEException {
        if (staleJwks.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return new JWKSet(new RSAKeyGenerator(2048).keyID("old").generate().toPublicJWK()).toString();
        }
        // a key it cannot use (an encryption key) is listed too, and must be ignored
        RSAKey encryption = new RSAKeyGenerator(2048).keyID("enc").keyUse(com.nimbusds.jose.jwk.KeyUse.ENCRYPTION).generate().toPublicJWK();
        return new JWKSet(List.of(signingKey.toPublicJWK(), ecKey.toPublicJWK(), encryption)).toString();
    }

    /** RFC 7009 §2.2: 200 whether or not the token was known; a revoked refresh token no longer works. */
    private void revoke(HttpExchange exchange, Request request) throws IOException {
        if (request.param("token") != null) {
            refreshTokens.remove(request.param("token"));
        }
        send(exchange, 200, "text/plain", "");
    }

    private void par(HttpExchange exchange, Request request) throws IOException {
        String requestUri = "urn:ietf:params:oauth:request_uri:" + UUID.randomUUID();
        pushed.put(requestUri, request.params());
        json(exchange, 201, Map.of("request_uri", requestUri, "expires_in", 60));
    }

    private void authorize(HttpExchange exchange, Request request) throws IOException {
        if (request.param("request_uri") != null) {
            Map<String, List<String>> params = pushed.remove(request.param("request_uri"));
            if (params == null) {
                send(exchange, 400, "text/plain", "unknown request_uri");
                return;
            }
            request = new Request("PUSHED", request.path(), params);
        }
        String redirect = request.param("redirect_uri");
        String state = request.param("state");
        String query;
        if (authorizationError != null) {
            query = "error=" + authorizationError + "&error_description=" + URLUtils.serializeParameters(Map.of("d", List.of("The user said no"))).substring(2);
        } else {
            String code = "code-" + counter.incrementAndGet();
            codes.put(code, new Grant(request.param("client_id"), redirect, request.param("code_challenge"), request.param("nonce")));
            query = "code=" + code;
        }
        if (authorizationIss != null) {
            query += "&iss=" + java.net.URLEncoder.encode(authorizationIss, StandardCharsets.UTF_8);
        }
        exchange.getResponseHeaders().set("Location", redirect + "?" + query + "&state=" + state);
        exchange.sendResponseHeaders(302, -1);
    }

    private void token(HttpExchange exchange, Request request) throws IOException, JOSEException {
        String grantType = request.param("grant_type");
        String proof = exchange.getRequestHeaders().getFirst("DPoP");
        dpopProofs.add(proof);
        String jkt = null;
        if (proof != null) {
            try {
                SignedJWT jwt = SignedJWT.parse(proof);
                com.nimbusds.jose.jwk.JWK jwk = jwt.getHeader().getJWK();
                var claims = jwt.getJWTClaimsSet();
                boolean valid = "dpop+jwt".equals(jwt.getHeader().getType().getType()) && jwk != null && !jwk.isPrivate()
                        && jwt.verify(new com.nimbusds.jose.crypto.ECDSAVerifier(jwk.toECKey()))
                        && "POST".equals(claims.getStringClaim("htm")) && (issuer + "/protocol/openid-connect/token").equals(claims.getStringClaim("htu"))
                        && claims.getJWTID() != null && claims.getIssueTime() != null;
                if (!valid) {
                    json(exchange, 400, Map.of("error", "invalid_dpop_proof"));
                    return;
                }
                if (requireDpopNonce && !DPOP_NONCE.equals(claims.getStringClaim("nonce"))) {
                    exchange.getResponseHeaders().set("DPoP-Nonce", DPOP_NONCE);
                    json(exchange, 400, Map.of("error", "use_dpop_nonce", "error_description", "Authorization server requires nonce in DPoP proof"));
                    return;
                }
                jkt = jwk.computeThumbprint().toString();
            } catch (java.text.ParseException e) {
                json(exchange, 400, Map.of("error", "invalid_dpop_proof"));
                return;
            }
        }
        if ("refresh_token".equals(grantType)) {
            String bound = boundRefreshTokens.get(String.valueOf(request.param("refresh_token")));
            if (bound != null && !bound.equals(jkt)) {
                json(exchange, 400, Map.of("error", "invalid_grant", "error_description", "DPoP proof does not match the bound key"));
                return;
            }
        }
        lastJkt = jkt;
        if ("authorization_code".equals(grantType)) {
            Grant grant = codes.remove(request.param("code"));
            String verifier = request.param("code_verifier");
            if (grant == null || verifier == null || !grant.redirectUri().equals(request.param("redirect_uri"))
                    || !CodeChallenge.compute(CodeChallengeMethod.S256, new CodeVerifier(verifier)).getValue().equals(grant.challenge())) {
                json(exchange, 400, Map.of("error", "invalid_grant", "error_description", "Code not valid"));
                return;
            }
            json(exchange, 200, tokens(grant.clientId(), grant.nonce()));
        } else if ("refresh_token".equals(grantType)) {
            if (refreshOutages.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                json(exchange, 503, Map.of("error", "temporarily_unavailable"));
                return;
            }
            if (refreshError != null) {
                json(exchange, 400, Map.of("error", refreshError, "error_description", "Token is not active"));
                return;
            }
            String clientId = refreshTokens.remove(request.param("refresh_token")); // rotation: each one works once
            if (clientId == null) {
                json(exchange, 400, Map.of("error", "invalid_grant", "error_description", "Stale token"));
                return;
            }
            Map<String, Object> issued = tokens(clientId, null);
            if (refreshWithBearer) {
                issued.put("token_type", "Bearer");
            }
            json(exchange, 200, issued);
        } else if ("client_credentials".equals(grantType)) {
            // a workload (RFC 6749 §4.4): the client's own credentials, and no person, refresh token or ID token
            if (exchange.getRequestHeaders().getFirst("Authorization") == null && request.param("client_secret") == null) {
                json(exchange, 401, Map.of("error", "invalid_client"));
                return;
            }
            json(exchange, 200, Map.of("access_token", "cc-" + counter.incrementAndGet(), "token_type", "Bearer", "expires_in", accessTokenLifetime));
        } else {
            json(exchange, 400, Map.of("error", "unsupported_grant_type"));
        }
    }

    private Map<String, Object> tokens(String clientId, String nonce) throws JOSEException {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer).subject(SUBJECT).audience(clientId)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .claim("preferred_username", "alice").claim("email", "alice@example.com");
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        String idToken = signIdToken(idTokenTweak.apply(claims).build());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("access_token", "at-" + counter.incrementAndGet());
        json.put("refresh_token", issueRefreshToken(clientId));
        json.put("token_type", lastJkt == null ? "Bearer" : "DPoP");
        if (lastJkt != null) {
            boundRefreshTokens.put((String) json.get("refresh_token"), lastJkt);
        }
        json.put("expires_in", accessTokenLifetime);
        json.put("id_token", idToken);
        json.put("scope", "openid profile email");
        return json;
    }

    private String signIdToken(JWTClaimsSet claims) throws JOSEException {
        switch (signing) {
            case ES256 -> {
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(ecKey.getKeyID()).build(), claims);
                jwt.sign(new com.nimbusds.jose.crypto.ECDSASigner(ecKey));
                return jwt.serialize();
            }
            case HS256_WITH_PUBLIC_KEY -> {
                // the classic forgery: an HMAC keyed with the provider's public key, which anyone has
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(signingKey.getKeyID()).build(), claims);
                jwt.sign(new com.nimbusds.jose.crypto.MACSigner(signingKey.toPublicJWK().toRSAPublicKey().getEncoded()));
                return jwt.serialize();
            }
            case NONE -> {
                return new com.nimbusds.jwt.PlainJWT(claims).serialize();
            }
            case UNKNOWN_KID -> {
                RSAKey stranger = new RSAKeyGenerator(2048).keyID("stranger").generate();
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("stranger").build(), claims);
                jwt.sign(new RSASSASigner(stranger));
                return jwt.serialize();
            }
            default -> {
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(), claims);
                jwt.sign(new RSASSASigner(signingKey));
                return jwt.serialize();
            }
        }
    }

    static void json(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        send(exchange, status, "application/json", JSONObjectUtils.toJSONString(body));
    }

    static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
