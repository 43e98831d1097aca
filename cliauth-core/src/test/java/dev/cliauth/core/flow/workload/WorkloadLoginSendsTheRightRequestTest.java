package dev.cliauth.core.flow.workload;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.cliauth.core.config.Workload;
import dev.cliauth.core.config.Workload.ClientAuth;
import dev.cliauth.core.config.Workload.Grant;
import dev.cliauth.core.config.Workload.SecretRef;
import dev.cliauth.core.config.Workload.SubjectTokenType;
import dev.cliauth.core.config.Workload.TokenSource;
import dev.cliauth.core.token.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.cliauth.core.flow.workload.WorkloadTestBed.CLIENT_ID;
import static dev.cliauth.core.flow.workload.WorkloadTestBed.NOW;
import static dev.cliauth.core.flow.workload.WorkloadTestBed.secretIn;
import static dev.cliauth.core.flow.workload.WorkloadTestBed.workload;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each grant and client authentication puts exactly the RFC's parameters on the wire (RFC 6749 §2.3.1 and §4.4,
 * RFC 8693 §2.1, RFC 7523 §2.1 and §2.2) — nothing more, and no secret where it does not belong.
 */
class WorkloadLoginSendsTheRightRequestTest {
    private static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private final WorkloadTestBed bed = new WorkloadTestBed();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        bed.close();
    }

    @Test
    void clientCredentialsWithClientSecretBasic() {
        bed.env.put("CI_SECRET", "s3cr3t-basic-value");
        bed.issuesTokens();

        Session session = bed.login().obtain(bed.profile(workload(Grant.CLIENT_CREDENTIALS, secretIn("CI_SECRET"), null)));

        assertThat(bed.form()).isEqualTo(Map.of("grant_type", List.of("client_credentials")));
        String basic = Base64.getEncoder().encodeToString((CLIENT_ID + ":s3cr3t-basic-value").getBytes(StandardCharsets.UTF_8));
        assertThat(bed.tokenRequest().getHeader("Authorization")).isEqualTo("Basic " + basic);
        assertThat(session.grant()).isEqualTo("client_credentials");
        assertThat(session.tokenEndpoint()).isEqualTo(bed.tokenEndpoint());
        assertThat(session.clientId()).isEqualTo(CLIENT_ID);
        assertThat(session.tokens().accessToken()).isEqualTo("opaque-at-1");
        assertThat(session.tokens().expiresAt()).contains(NOW.plusSeconds(300));
        assertThat(session.tokens().refreshToken()).isEmpty();
        assertThat(session.subject()).isEmpty();
    }

    @Test
    void clientSecretPostFromAFileWithoutItsTrailingNewlineAndTheProfilesScope() {
        Path secret = WorkloadTestBed.write(dir.resolve("secret"), "s3cr3t-from-a-file\n");
        bed.issuesTokens();
        Workload w = workload(Grant.CLIENT_CREDENTIALS, new ClientAuth.Secret(new SecretRef.SecretFile(secret), true), null);

        bed.login().obtain(bed.profile(w).withScope("api://backend/.default"));

        assertThat(bed.form()).isEqualTo(Map.of("grant_type", List.of("client_credentials"), "client_id", List.of(CLIENT_ID),
                "client_secret", List.of("s3cr3t-from-a-file"), "scope", List.of("api://backend/.default")));
        assertThat(bed.tokenRequest().containsHeader("Authorization")).isFalse();
    }

    @Test
    void privateKeyJwtWithAnRsaKeyIsAShortLivedRs256AssertionForTheTokenEndpoint() throws Exception {
        KeyPair pair = WorkloadTestBed.keyPair("RSA", 2048);
        Path key = WorkloadTestBed.write(dir.resolve("key.pem"), WorkloadTestBed.pkcs8Pem(pair));
        bed.issuesTokens();

        bed.login().obtain(bed.profile(workload(Grant.CLIENT_CREDENTIALS, new ClientAuth.PrivateKey(key, Optional.of("k1")), null)));

        Map<String, List<String>> form = bed.form();
        assertThat(form).containsOnlyKeys("grant_type", "client_assertion_type", "client_assertion");
        assertThat(form.get("client_assertion_type")).containsExactly(ASSERTION_TYPE);
        SignedJWT assertion = SignedJWT.parse(form.get("client_assertion").get(0));
        assertThat(assertion.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(assertion.getHeader().getKeyID()).isEqualTo("k1");
        assertThat(assertion.verify(new RSASSAVerifier((RSAPublicKey) pair.getPublic()))).isTrue();
        assertClientAssertionClaims(assertion.getJWTClaimsSet());
        assertThat(bed.tokenRequest().containsHeader("Authorization")).isFalse();
    }

    @Test
    void privateKeyJwtWithAnEcKeySignsEs256() throws Exception {
        KeyPair pair = WorkloadTestBed.keyPair("EC", "secp256r1");
        Path key = WorkloadTestBed.write(dir.resolve("key.pem"), WorkloadTestBed.pkcs8Pem(pair));
        bed.issuesTokens();

        bed.login().obtain(bed.profile(workload(Grant.CLIENT_CREDENTIALS, new ClientAuth.PrivateKey(key, Optional.empty()), null)));

        SignedJWT assertion = SignedJWT.parse(bed.form().get("client_assertion").get(0));
        assertThat(assertion.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(assertion.getHeader().getKeyID()).isNull();
        assertThat(assertion.verify(new ECDSAVerifier((ECPublicKey) pair.getPublic()))).isTrue();
        assertClientAssertionClaims(assertion.getJWTClaimsSet());
    }

    private void assertClientAssertionClaims(JWTClaimsSet claims) {
        assertThat(claims.getIssuer()).isEqualTo(CLIENT_ID);
        assertThat(claims.getSubject()).isEqualTo(CLIENT_ID);
        assertThat(claims.getAudience()).containsExactly(bed.tokenEndpoint().toString());
        assertThat(claims.getIssueTime()).isEqualTo(Date.from(NOW));
        assertThat(claims.getExpirationTime()).isEqualTo(Date.from(NOW.plusSeconds(60)));
        assertThat(claims.getJWTID()).isNotBlank();
    }

    @ParameterizedTest
    @EnumSource(SubjectTokenType.class)
    void tokenExchangeSendsThePlatformTokenAsTheSubjectToken(SubjectTokenType type) {
        String platformToken = bed.platformToken();
        Path file = WorkloadTestBed.write(dir.resolve("token"), platformToken + "\n");
        bed.env.put("CI_SECRET", "s3cr3t-exchange");
        bed.issuesTokens();
        Workload w = new Workload(Grant.TOKEN_EXCHANGE, secretIn("CI_SECRET"), Optional.of(new TokenSource.TokenFile(file)),
                Optional.empty(), Optional.of(type));

        Session session = bed.login().obtain(bed.profile(w));

        assertThat(bed.form()).isEqualTo(Map.of("grant_type", List.of("urn:ietf:params:oauth:grant-type:token-exchange"),
                "subject_token", List.of(platformToken), "subject_token_type", List.of("urn:ietf:params:oauth:token-type:" + type.value())));
        assertThat(bed.tokenRequest().getHeader("Authorization")).startsWith("Basic ");
        assertThat(session.grant()).isEqualTo("token_exchange");
    }

    @Test
    void theDefaultSubjectTokenTypeIsJwt() {
        String platformToken = bed.platformToken();
        bed.env.put("PLATFORM_TOKEN", platformToken);
        bed.env.put("CI_SECRET", "s3cr3t-exchange");
        bed.issuesTokens();

        bed.login().obtain(bed.profile(workload(Grant.TOKEN_EXCHANGE, secretIn("CI_SECRET"), new TokenSource.EnvVariable("PLATFORM_TOKEN"))));

        assertThat(bed.form().get("subject_token_type")).containsExactly("urn:ietf:params:oauth:token-type:jwt");
    }

    @Test
    void jwtBearerSendsThePlatformTokenAsTheAssertionAndAPublicClientNamesItself() {
        String platformToken = bed.platformToken();
        bed.env.put("CI_JOB_JWT", platformToken);
        bed.issuesTokens();

        Session session = bed.login().obtain(bed.profile(workload(Grant.JWT_BEARER, new ClientAuth.None(), new TokenSource.GitLab("CI_JOB_JWT"))));

        assertThat(bed.form()).isEqualTo(Map.of("grant_type", List.of("urn:ietf:params:oauth:grant-type:jwt-bearer"),
                "assertion", List.of(platformToken), "client_id", List.of(CLIENT_ID)));
        assertThat(bed.tokenRequest().containsHeader("Authorization")).isFalse();
        assertThat(session.grant()).isEqualTo("jwt_bearer");
    }

    @Test
    void federatedSendsThePlatformTokenAsTheClientAssertionOfAClientCredentialsRequest() {
        String platformToken = bed.platformToken();
        bed.env.put("PLATFORM_TOKEN", platformToken);
        bed.issuesTokens();

        Session session = bed.login().obtain(bed.profile(workload(Grant.JWT_BEARER, new ClientAuth.Federated(), new TokenSource.EnvVariable("PLATFORM_TOKEN"))));

        assertThat(bed.form()).isEqualTo(Map.of("grant_type", List.of("client_credentials"), "client_id", List.of(CLIENT_ID),
                "client_assertion_type", List.of(ASSERTION_TYPE), "client_assertion", List.of(platformToken)));
        assertThat(bed.tokenRequest().containsHeader("Authorization")).isFalse();
        assertThat(session.grant()).isEqualTo("client_credentials");
    }

    @Test
    void aJwtAccessTokenGivesTheSessionItsSubjectNameAndExpiryWhenTheProviderStatesNone() {
        Instant exp = NOW.plusSeconds(120);
        String accessToken = bed.platformToken(c -> c.subject("svc-42").claim("preferred_username", "service-account-ci")
                .expirationTime(Date.from(exp)));
        bed.env.put("CI_SECRET", "s3cr3t-basic-value");
        bed.tokenEndpointAnswers(WorkloadTestBed.json(200, "{\"access_token\":\"" + accessToken + "\",\"token_type\":\"Bearer\"}"));

        Session session = bed.login().obtain(bed.profile(workload(Grant.CLIENT_CREDENTIALS, secretIn("CI_SECRET"), null)));

        assertThat(session.subject()).contains("svc-42");
        assertThat(session.username()).contains("service-account-ci");
        assertThat(session.tokens().expiresAt()).contains(exp);
        assertThat(session.obtainedAt()).isEqualTo(NOW);
    }

    @Test
    void theDiscoveredTokenEndpointIsUsed() {
        bed.env.put("CI_SECRET", "s3cr3t-basic-value");
        bed.issuesTokens();
        bed.login().obtain(bed.profile(workload(Grant.CLIENT_CREDENTIALS, secretIn("CI_SECRET"), null)));
        LoggedRequest request = bed.tokenRequest();
        assertThat(request.getUrl()).isEqualTo(WorkloadTestBed.TOKEN_PATH);
        assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
    }
}
