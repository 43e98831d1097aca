package dev.cliauth.core.flow.workload;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import dev.cliauth.core.config.Profile;
import dev.cliauth.core.config.Workload;
import dev.cliauth.core.oauth.Discovery;
import dev.cliauth.core.oauth.OAuthHttp;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A scripted provider on 127.0.0.1 (WireMock: discovery and a token endpoint), a fake environment, and the workload
 * login wired to them with a fixed clock. Platform tokens are signed by a key made per test bed.
 */
final class WorkloadTestBed implements AutoCloseable {
    static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    static final String TOKEN_PATH = "/realms/test/protocol/openid-connect/token";
    static final String CLIENT_ID = "ci-client";

    final WireMockServer provider = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final Map<String, String> env = new HashMap<>();
    final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    final OAuthHttp http = new OAuthHttp(Duration.ofSeconds(2), Duration.ofSeconds(5));
    final ECKey platformKey;

    WorkloadTestBed() {
        provider.start();
        try {
            platformKey = new ECKeyGenerator(Curve.P_256).keyID("platform-1").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        provider.stubFor(get(urlPathEqualTo("/realms/test/.well-known/openid-configuration")).willReturn(json(200, discovery())));
    }

    String base() {
        return "http://127.0.0.1:" + provider.port();
    }

    URI issuer() {
        return URI.create(base() + "/realms/test");
    }

    URI tokenEndpoint() {
        return URI.create(base() + TOKEN_PATH);
    }

    WorkloadLogin login() {
        return login(SecretFiles.system());
    }

    WorkloadLogin login(SecretFiles files) {
        return new WorkloadLogin(new Discovery(http), http, env, files, warnings::add, clock);
    }

    /** A workload profile of this provider that asks for no scope. */
    Profile profile(Workload workload) {
        return Profile.of("ci", issuer(), CLIENT_ID).withWorkload(workload).withScope("");
    }

    static Workload workload(Workload.Grant grant, Workload.ClientAuth auth, Workload.TokenSource source) {
        return new Workload(grant, auth, Optional.ofNullable(source), Optional.empty(), Optional.empty());
    }

    static Workload.ClientAuth secretIn(String variable) {
        return new Workload.ClientAuth.Secret(new Workload.SecretRef.EnvVariable(variable), false);
    }

    /** The token endpoint answers {@code answer}. */
    void tokenEndpointAnswers(ResponseDefinitionBuilder answer) {
        provider.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(answer));
    }

    void issuesTokens() {
        tokenEndpointAnswers(json(200, "{\"access_token\":\"opaque-at-1\",\"token_type\":\"Bearer\",\"expires_in\":300}"));
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    static ResponseDefinitionBuilder oauthError(int status, String error, String description) {
        return json(status, "{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}");
    }

    /** The one token request sent. */
    LoggedRequest tokenRequest() {
        List<LoggedRequest> requests = provider.findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
        if (requests.size() != 1) {
            throw new AssertionError("expected one token request, got " + requests.size());
        }
        return requests.get(0);
    }

    /** The form parameters of the one token request. */
    Map<String, List<String>> form() {
        return URLUtils.parseParameters(tokenRequest().getBodyAsString());
    }

    /** A platform token as a CI platform would issue it, signed with {@link #platformKey}. */
    String platformToken(UnaryOperator<JWTClaimsSet.Builder> tweak) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer("https://token.actions.example.com")
                .subject("repo:acme/app:ref:refs/heads/main").audience(issuer().toString())
                .issueTime(Date.from(NOW)).expirationTime(Date.from(NOW.plusSeconds(300))).jwtID(UUID.randomUUID().toString());
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(platformKey.getKeyID()).build(), tweak.apply(claims).build());
        try {
            jwt.sign(new ECDSASigner(platformKey));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    String platformToken() {
        return platformToken(UnaryOperator.identity());
    }

    private String discovery() {
        return "{\"issuer\":\"" + issuer() + "\",\"authorization_endpoint\":\"" + base() + "/realms/test/protocol/openid-connect/auth\","
                + "\"token_endpoint\":\"" + tokenEndpoint() + "\",\"jwks_uri\":\"" + base() + "/realms/test/protocol/openid-connect/certs\","
                + "\"response_types_supported\":[\"code\"],\"subject_types_supported\":[\"public\"],"
                + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
    }

    /** A new key pair: "RSA" with its size, or "EC" with a curve name like {@code secp256r1}. */
    static KeyPair keyPair(String type, Object parameter) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(type);
            if (parameter instanceof Integer bits) {
                generator.initialize(bits);
            } else {
                generator.initialize(new ECGenParameterSpec((String) parameter));
            }
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A private key as {@code openssl genpkey} writes it: PKCS#8 PEM. */
    static String pkcs8Pem(KeyPair pair) {
        return pem("PRIVATE KEY", pair.getPrivate().getEncoded());
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    static Path write(Path file, String content) {
        try {
            Files.writeString(file, content);
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Files in memory: any path, including the Kubernetes default, without touching the real one. */
    static final class FakeFiles implements SecretFiles {
        final Map<Path, String> content = new HashMap<>();
        final Set<Path> shared = new HashSet<>();

        @Override
        public boolean exists(Path file) {
            return content.containsKey(file);
        }

        @Override
        public String read(Path file) throws IOException {
            String text = content.get(file);
            if (text == null) {
                throw new NoSuchFileException(file.toString());
            }
            return text;
        }

        @Override
        public boolean readableByOthers(Path file) {
            return shared.contains(file);
        }
    }

    @Override
    public void close() {
        provider.stop();
    }
}
