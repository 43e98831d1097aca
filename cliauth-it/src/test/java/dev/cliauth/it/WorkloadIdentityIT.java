package dev.cliauth.it;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Workload identity end to end: {@code bin/cliauth configure} then {@code bin/cliauth token} with {@code CI=true},
 * no login and no browser, against the dev IdP's Keycloak — client secret (basic and post), private_key_jwt, RFC 8693
 * token exchange, the RFC 7523 JWT bearer grant and a federated client assertion, the last two with a platform token
 * from a GitHub-Actions-style ID token endpoint on 127.0.0.1. The keys in {@code src/test/resources/workload} are
 * published test-only fixtures the realm trusts.
 */
class WorkloadIdentityIT {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final String CI_CLIENT = "cliauth-ci";
    static final String CI_SECRET = "cliauth-ci-secret";
    static final String REQUEST_TOKEN = "gh-request-token-for-tests";
    static final String JOB = "repo:cliauth/cliauth:ref:refs/heads/main";
    static String issuer;

    @TempDir
    Path home;

    private HttpServer actions;
    private final List<URI> tokenRequests = Collections.synchronizedList(new ArrayList<>());
    private final List<String> tokenRequestAuthorizations = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void devIdp() throws Exception {
        issuer = DevIdpServer.openIssuer();
    }

    /** GitHub Actions' ID token endpoint, as a pretend CI platform (issuer https://ci.cliauth.test) the realm trusts. */
    @BeforeEach
    void startActions() throws Exception {
        ECPrivateKey platformKey = (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pemBody("ci-platform.key.pem")));
        actions = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 4);
        actions.createContext("/_apis/actions/idtoken", exchange -> {
            tokenRequests.add(exchange.getRequestURI());
            tokenRequestAuthorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body;
            int status;
            try {
                String query = exchange.getRequestURI().getRawQuery();
                String audience = URLDecoder.decode(query.substring(query.indexOf("audience=") + "audience=".length()), StandardCharsets.UTF_8);
                SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.ES256), new JWTClaimsSet.Builder()
                        .issuer("https://ci.cliauth.test").subject(JOB).audience(audience).jwtID(UUID.randomUUID().toString())
                        .issueTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + 240_000)).build());
                jwt.sign(new ECDSASigner(platformKey));
                body = ("{\"count\":1,\"value\":\"" + jwt.serialize() + "\"}").getBytes(StandardCharsets.UTF_8);
                status = ("Bearer " + REQUEST_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization")) ? 200 : 401;
            } catch (Exception e) {
                body = e.toString().getBytes(StandardCharsets.UTF_8);
                status = 500;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        actions.start();
    }

    @AfterEach
    void stopActions() {
        actions.stop(0);
    }

    /** A CI runner's environment: CI=true, no display, no terminal. */
    private Cli ci() throws IOException {
        return new Cli(home).with("CI", "true");
    }

    private Cli githubActions() throws IOException {
        return ci().with("GITHUB_ACTIONS", "true")
                .with("ACTIONS_ID_TOKEN_REQUEST_URL", "http://127.0.0.1:" + actions.getAddress().getPort() + "/_apis/actions/idtoken?api-version=2.0")
                .with("ACTIONS_ID_TOKEN_REQUEST_TOKEN", REQUEST_TOKEN);
    }

    private static void ok(Cli.Result result) {
        assertThat(result.exitCode()).as(result.stderr()).isZero();
    }

    /** Runs {@code cliauth token}, checks stdout is exactly one token and a newline, and returns its verified claims. */
    private static JWTClaimsSet token(Cli cli, String profile) throws Exception {
        Cli.Result result = cli.run(WAIT, "token", "--profile", profile);
        ok(result);
        assertThat(result.stdout()).endsWith("\n").doesNotContain(" ");
        assertThat(result.stdout().lines()).hasSize(1);
        return realmToken(result.stdout().strip());
    }

    /** Verifies the access token against the realm's published keys: signature, issuer, expiry. */
    static JWTClaimsSet realmToken(String token) throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        JWKSet keys = JWKSet.load(new URL(issuer + "/protocol/openid-connect/certs"));
        RSAKey key = (RSAKey) keys.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(key).as("the realm's signing key " + jwt.getHeader().getKeyID()).isNotNull();
        assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(issuer);
        assertThat(claims.getExpirationTime()).isInTheFuture();
        return claims;
    }

    private static byte[] pemBody(String resource) throws IOException {
        String pem = resource(resource);
        String body = pem.substring(pem.indexOf("-----BEGIN PRIVATE KEY-----") + "-----BEGIN PRIVATE KEY-----".length(), pem.indexOf("-----END"));
        return Base64.getMimeDecoder().decode(body);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = WorkloadIdentityIT.class.getResourceAsStream("/workload/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A credential file as a person would keep it: mode 0600. */
    private Path privateFile(String name, String content) throws IOException {
        Path file = home.resolve(name);
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    @Test
    void clientCredentialsWithASecretFromTheEnvironmentPrintsARealmTokenAndCachesIt() throws Exception {
        Cli cli = ci().with("CLIAUTH_CI_SECRET", CI_SECRET);
        Cli.Result configured = cli.run(WAIT, "configure", "--profile", "ci", "--issuer", issuer, "--client-id", CI_CLIENT,
                "--grant", "client_credentials", "--client-secret-env", "CLIAUTH_CI_SECRET");
        ok(configured);
        assertThat(Files.readString(cli.configDir().resolve("profiles/ci.json"))).contains("CLIAUTH_CI_SECRET").doesNotContain(CI_SECRET);

        Cli.Result first = cli.run(WAIT, "token", "--profile", "ci");
        ok(first);
        JWTClaimsSet claims = realmToken(first.stdout().strip());
        assertThat(claims.getStringClaim("azp")).isEqualTo(CI_CLIENT);
        assertThat(first.stderr()).doesNotContain(CI_SECRET).doesNotContain(first.stdout().strip());

        Cli.Result second = cli.run(WAIT, "token", "--profile", "ci");
        ok(second);
        assertThat(second.stdout()).as("cached until shortly before expiry").isEqualTo(first.stdout());
    }

    @Test
    void aWrongSecretSaysClientAuthenticationFailedWithoutTheSecret() throws Exception {
        Cli cli = ci().with("CLIAUTH_CI_SECRET", "not-the-right-secret");
        ok(cli.run(WAIT, "configure", "--profile", "ci", "--issuer", issuer, "--client-id", CI_CLIENT,
                "--grant", "client_credentials", "--client-secret-env", "CLIAUTH_CI_SECRET"));

        Cli.Result result = cli.run(WAIT, "token", "--profile", "ci");

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr().strip()).doesNotContain("\n").containsIgnoringCase("client authentication failed")
                .contains("$CLIAUTH_CI_SECRET").doesNotContain("not-the-right-secret");
    }

    /**
     * Two CI jobs share a runner's home: the first one's cached token goes to nobody without the same secret. A job
     * with a wrong secret fails at the provider even while the cache is warm, one with none fails before anything is
     * sent, and the cache on disk holds no readable token.
     */
    @Test
    void aCachedWorkloadTokenGoesOnlyToACallerHoldingTheSameSecret() throws Exception {
        Cli first = ci().with("CLIAUTH_CI_SECRET", CI_SECRET);
        ok(first.run(WAIT, "configure", "--profile", "ci", "--issuer", issuer, "--client-id", CI_CLIENT,
                "--grant", "client_credentials", "--client-secret-env", "CLIAUTH_CI_SECRET"));
        Cli.Result warm = first.run(WAIT, "token", "--profile", "ci");
        ok(warm);
        String token = warm.stdout().strip();

        Cli.Result wrong = ci().with("CLIAUTH_CI_SECRET", "another-jobs-secret").run(WAIT, "token", "--profile", "ci");
        assertThat(wrong.exitCode()).isEqualTo(4);
        assertThat(wrong.stdout()).isEmpty();
        assertThat(wrong.stderr()).containsIgnoringCase("client authentication failed");

        Cli.Result none = ci().run(WAIT, "token", "--profile", "ci");
        assertThat(none.exitCode()).isEqualTo(8);
        assertThat(none.stdout()).isEmpty();
        assertThat(none.stderr()).contains("$CLIAUTH_CI_SECRET").doesNotContain(token);

        Cli.Result again = first.run(WAIT, "token", "--profile", "ci");
        ok(again);
        assertThat(again.stdout().strip()).as("still cached for the right secret").isEqualTo(token);
        try (var files = Files.walk(first.stateDir())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain(token).doesNotContain(CI_SECRET);
            }
        }
    }

    /**
     * A platform token meant for another audience — the pod's service-account token, for the cluster's API server —
     * is not sent to the provider, which could replay it there.
     */
    @Test
    void aPlatformTokenForAnotherAudienceIsNotSent() throws Exception {
        ECPrivateKey platformKey = (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pemBody("ci-platform.key.pem")));
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.ES256), new JWTClaimsSet.Builder()
                .issuer("https://ci.cliauth.test").subject(JOB).audience("https://kubernetes.default.svc.cluster.local")
                .issueTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + 240_000)).build());
        jwt.sign(new ECDSASigner(platformKey));
        Path serviceAccountToken = privateFile("sa-token", jwt.serialize());
        Cli cli = ci();
        Path key = privateFile("ci.key.pem", resource("cliauth-ci-jwt.key.pem"));
        ok(cli.run(WAIT, "configure", "--profile", "k8s", "--issuer", issuer, "--client-id", "cliauth-ci-jwt", "--grant", "jwt_bearer",
                "--private-key-file", key.toString(), "--subject-token-source", "kubernetes:" + serviceAccountToken));

        Cli.Result result = cli.run(WAIT, "token", "--profile", "k8s");

        assertThat(result.exitCode()).isEqualTo(7);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr().strip()).doesNotContain("\n").contains("Not sending the platform token")
                .contains("https://kubernetes.default.svc.cluster.local").doesNotContain(jwt.serialize());
    }

    @Test
    void aSecretFileWithClientSecretPost() throws Exception {
        Cli cli = ci();
        Path secret = privateFile("ci-secret", CI_SECRET + "\n");
        ok(cli.run(WAIT, "configure", "--profile", "ci", "--issuer", issuer, "--client-id", CI_CLIENT, "--grant", "client_credentials",
                "--client-secret-file", secret.toString(), "--client-auth", "client_secret_post"));

        assertThat(token(cli, "ci").getStringClaim("azp")).isEqualTo(CI_CLIENT);
    }

    @Test
    void privateKeyJwtSignsTheClientInWithItsKey() throws Exception {
        Cli cli = ci();
        Path key = privateFile("ci.key.pem", resource("cliauth-ci-jwt.key.pem"));
        ok(cli.run(WAIT, "configure", "--profile", "pkjwt", "--issuer", issuer, "--client-id", "cliauth-ci-jwt", "--grant", "client_credentials",
                "--private-key-file", key.toString()));

        Cli.Result result = cli.run(WAIT, "token", "--profile", "pkjwt");
        ok(result);
        assertThat(realmToken(result.stdout().strip()).getStringClaim("azp")).isEqualTo("cliauth-ci-jwt");
        assertThat(result.stderr()).doesNotContain("warning");
    }

    @Test
    void tokenExchangeTradesASubjectTokenReadFromAFile() throws Exception {
        Cli cli = ci().with("CLIAUTH_CI_SECRET", CI_SECRET);
        ok(cli.run(WAIT, "configure", "--profile", "ci", "--issuer", issuer, "--client-id", CI_CLIENT,
                "--grant", "client_credentials", "--client-secret-env", "CLIAUTH_CI_SECRET"));
        Cli.Result subject = cli.run(WAIT, "token", "--profile", "ci");
        ok(subject);
        Path subjectFile = privateFile("subject-token", subject.stdout());
        // Keycloak's standard token exchange takes only its own access tokens as subject_token
        ok(cli.run(WAIT, "configure", "--profile", "exchange", "--issuer", issuer, "--client-id", CI_CLIENT, "--grant", "token_exchange",
                "--client-secret-env", "CLIAUTH_CI_SECRET", "--subject-token-source", "file:" + subjectFile, "--subject-token-type", "access_token"));

        Cli.Result exchanged = cli.run(WAIT, "token", "--profile", "exchange");
        ok(exchanged);
        assertThat(exchanged.stdout()).isNotEqualTo(subject.stdout());
        JWTClaimsSet claims = realmToken(exchanged.stdout().strip());
        assertThat(claims.getStringClaim("azp")).isEqualTo(CI_CLIENT);
        assertThat(claims.getSubject()).isEqualTo(realmToken(subject.stdout().strip()).getSubject());
    }

    @Test
    void theJwtBearerGrantWithTheGitHubActionsTokenSignsInTheLinkedUser() throws Exception {
        Cli cli = githubActions();
        Path key = privateFile("ci.key.pem", resource("cliauth-ci-jwt.key.pem"));
        ok(cli.run(WAIT, "configure", "--profile", "gh", "--issuer", issuer, "--client-id", "cliauth-ci-jwt", "--grant", "jwt_bearer",
                "--private-key-file", key.toString(), "--subject-token-source", "github-actions"));

        JWTClaimsSet claims = token(cli, "gh");

        assertThat(claims.getStringClaim("azp")).isEqualTo("cliauth-ci-jwt");
        assertThat(claims.getStringClaim("preferred_username")).isEqualTo("ci-bot");
        assertThat(tokenRequests).singleElement().satisfies(uri -> assertThat(uri.getRawQuery())
                .isEqualTo("api-version=2.0&audience=" + java.net.URLEncoder.encode(issuer, StandardCharsets.UTF_8)));
        assertThat(tokenRequestAuthorizations).containsExactly("Bearer " + REQUEST_TOKEN);
    }

    @Test
    void aFederatedClientAssertionFromTheDetectedPlatform() throws Exception {
        Cli cli = githubActions();
        ok(cli.run(WAIT, "configure", "--profile", "federated", "--issuer", issuer, "--client-id", "cliauth-ci-federated",
                "--grant", "jwt_bearer", "--federated"));

        assertThat(token(cli, "federated").getStringClaim("azp")).isEqualTo("cliauth-ci-federated");
        assertThat(tokenRequests).hasSize(1);
    }

    @Test
    void withoutAPlatformTokenOneLineSaysWhatWasExpected() throws Exception {
        Cli cli = ci();
        Path key = privateFile("ci.key.pem", resource("cliauth-ci-jwt.key.pem"));
        ok(cli.run(WAIT, "configure", "--profile", "gh", "--issuer", issuer, "--client-id", "cliauth-ci-jwt", "--grant", "jwt_bearer",
                "--private-key-file", key.toString(), "--subject-token-source", "github-actions"));

        Cli.Result result = cli.run(WAIT, "token", "--profile", "gh");

        assertThat(result.exitCode()).isEqualTo(8);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr().strip()).doesNotContain("\n").contains("$ACTIONS_ID_TOKEN_REQUEST_URL", "$ACTIONS_ID_TOKEN_REQUEST_TOKEN");
    }
}
