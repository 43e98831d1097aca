package dev.cliauth.core.flow.workload;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.config.Profile;
import dev.cliauth.core.config.Workload.ClientAuth;
import dev.cliauth.core.config.Workload.Grant;
import dev.cliauth.core.config.Workload.SecretRef;
import dev.cliauth.core.config.Workload.TokenSource;
import dev.cliauth.core.token.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Date;
import java.util.Optional;

import static dev.cliauth.core.flow.workload.WorkloadTestBed.NOW;
import static dev.cliauth.core.flow.workload.WorkloadTestBed.oauthError;
import static dev.cliauth.core.flow.workload.WorkloadTestBed.secretIn;
import static dev.cliauth.core.flow.workload.WorkloadTestBed.workload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Secrets and tokens never reach a message or a warning: failures name where the credential lives ({@code $VAR},
 * a file), a rejected client authentication says so, and even a provider that echoes what it was sent is scrubbed.
 */
class WorkloadLoginNeverShowsSecretsTest {
    private static final String SECRET = "wrong-s3cr3t-value";
    private final WorkloadTestBed bed = new WorkloadTestBed();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        bed.close();
    }

    private CliauthException failure(Profile profile) {
        return failure(bed.login(), profile);
    }

    private static CliauthException failure(WorkloadLogin login, Profile profile) {
        CliauthException e = catchThrowableOfType(CliauthException.class, () -> login.obtain(profile));
        assertThat(e).as("obtain should fail").isNotNull();
        assertThat(e.getMessage()).doesNotContain("\n");
        return e;
    }

    @Test
    void aWrongSecretIsClientAuthenticationFailedNamingTheVariableNotTheSecret() {
        bed.env.put("CI_SECRET", SECRET);
        // a careless provider that repeats the credential it was given
        bed.tokenEndpointAnswers(oauthError(401, "invalid_client", "Invalid client credentials " + SECRET));

        CliauthException e = failure(bed.profile(workload(Grant.CLIENT_CREDENTIALS, secretIn("CI_SECRET"), null)));

        assertThat(e.failure()).isEqualTo(Failure.LOGIN_FAILED);
        assertThat(e.getMessage()).startsWith("Client authentication failed for client 'ci-client'")
                .contains("$CI_SECRET").contains("[redacted]").doesNotContain(SECRET);
    }

    @Test
    void keycloaksUnauthorizedClientWith401IsAlsoClientAuthenticationFailed() {
        bed.env.put("CI_SECRET", SECRET);
        bed.tokenEndpointAnswers(oauthError(401, "unauthorized_client", "Invalid client or Invalid client credentials"));

        CliauthException e = failure(bed.profile(workload(Grant.CLIENT_CREDENTIALS, secretIn("CI_SECRET"), null)));

        assertThat(e.getMessage()).startsWith("Client authentication failed").contains("Invalid client or Invalid client credentials");
    }

    @Test
    void aPlatformTokenEchoedInARefusalIsScrubbed() {
        String token = bed.platformToken();
        bed.env.put("PLATFORM_TOKEN", token);
        bed.env.put("CI_SECRET", SECRET);
        bed.tokenEndpointAnswers(oauthError(400, "invalid_grant", "subject_token " + token + " is not trusted"));

        CliauthException e = failure(bed.profile(workload(Grant.TOKEN_EXCHANGE, secretIn("CI_SECRET"), new TokenSource.EnvVariable("PLATFORM_TOKEN"))));

        assertThat(e.failure()).isEqualTo(Failure.LOGIN_FAILED);
        assertThat(e.getMessage()).isEqualTo("The provider refused the token_exchange request of profile ci"
                + " (invalid_grant: subject_token [redacted] is not trusted).");
    }

    @Test
    void aMissingSecretVariableIsNamed() {
        CliauthException e = failure(bed.profile(workload(Grant.CLIENT_CREDENTIALS, secretIn("CI_SECRET"), null)));
        assertThat(e.failure()).isEqualTo(Failure.CONFIGURATION);
        assertThat(e.getMessage()).contains("$CI_SECRET").contains("not set");
    }

    @Test
    void aMissingSecretFileIsNamed() {
        Path missing = dir.resolve("nope");
        CliauthException e = failure(bed.profile(workload(Grant.CLIENT_CREDENTIALS,
                new ClientAuth.Secret(new SecretRef.SecretFile(missing), false), null)));
        assertThat(e.failure()).isEqualTo(Failure.CONFIGURATION);
        assertThat(e.getMessage()).isEqualTo("The client secret file " + missing + " does not exist.");
    }

    @Test
    void aSecretFileOthersCanReadGetsAWarningWithoutTheSecret() throws Exception {
        Path secret = WorkloadTestBed.write(dir.resolve("secret"), SECRET + "\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
        bed.issuesTokens();

        Session session = bed.login().obtain(bed.profile(workload(Grant.CLIENT_CREDENTIALS,
                new ClientAuth.Secret(new SecretRef.SecretFile(secret), false), null)));

        assertThat(session.tokens().accessToken()).isEqualTo("opaque-at-1");
        assertThat(bed.warnings).singleElement().asString().contains(secret.toString()).contains("chmod 600").doesNotContain(SECRET);
    }

    @Test
    void aPrivateSecretFileGetsNoWarning() throws Exception {
        Path secret = WorkloadTestBed.write(dir.resolve("secret"), SECRET);
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        bed.issuesTokens();
        bed.login().obtain(bed.profile(workload(Grant.CLIENT_CREDENTIALS, new ClientAuth.Secret(new SecretRef.SecretFile(secret), false), null)));
        assertThat(bed.warnings).isEmpty();
    }

    @Test
    void aPlatformTokenThatIsNotAJwtIsRefusedWithoutShowingIt() {
        bed.env.put("PLATFORM_TOKEN", "opaque-platform-secret-token");
        CliauthException e = failure(bed.profile(workload(Grant.JWT_BEARER, new ClientAuth.None(), new TokenSource.EnvVariable("PLATFORM_TOKEN"))));
        assertThat(e.failure()).isEqualTo(Failure.CONFIGURATION);
        assertThat(e.getMessage()).isEqualTo("The platform token from environment variable $PLATFORM_TOKEN is not a signed JWT.");
        assertThat(bed.provider.getAllServeEvents()).noneMatch(event -> event.getRequest().getMethod().value().equals("POST"));
    }

    @Test
    void anExpiredPlatformTokenIsRefusedBeforeItIsSent() {
        bed.env.put("PLATFORM_TOKEN", bed.platformToken(c -> c.expirationTime(Date.from(NOW.minusSeconds(1)))));
        CliauthException e = failure(bed.profile(workload(Grant.JWT_BEARER, new ClientAuth.None(), new TokenSource.EnvVariable("PLATFORM_TOKEN"))));
        assertThat(e.failure()).isEqualTo(Failure.PROVIDER_UNAVAILABLE);
        assertThat(e.getMessage()).contains("expired at " + NOW.minusSeconds(1)).doesNotContain("eyJ");
    }

    @Test
    void aGarbledPrivateKeyFileIsNamedButNotQuoted() {
        Path key = WorkloadTestBed.write(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWtleS1ieXRlcw==\n-----END PRIVATE KEY-----\n");
        CliauthException e = failure(bed.profile(workload(Grant.CLIENT_CREDENTIALS, new ClientAuth.PrivateKey(key, Optional.empty()), null)));
        assertThat(e.failure()).isEqualTo(Failure.CONFIGURATION);
        assertThat(e.getMessage()).contains(key.toString()).doesNotContain("c2VjcmV0");
    }

    @Test
    void aTokenEndpointAnsweringOutsideTheProtocolIsProviderUnavailable() {
        bed.env.put("CI_SECRET", SECRET);
        bed.tokenEndpointAnswers(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(502).withBody("<html>" + SECRET + "</html>"));
        CliauthException e = failure(bed.profile(workload(Grant.CLIENT_CREDENTIALS, secretIn("CI_SECRET"), null)));
        assertThat(e.failure()).isEqualTo(Failure.PROVIDER_UNAVAILABLE);
        assertThat(e.getMessage()).contains("HTTP 502").doesNotContain(SECRET);
    }

    @Test
    void anInteractiveProfileIsAConfigurationError() {
        CliauthException e = failure(Profile.of("laptop", bed.issuer(), "cli"));
        assertThat(e.failure()).isEqualTo(Failure.CONFIGURATION);
        assertThat(e.getMessage()).contains("not a workload profile").contains("--grant client_credentials");
    }

    @Test
    void valuesHoldingSecretsDoNotShowThemInToString() {
        String token = bed.platformToken();
        assertThat(new PlatformToken(token, "GitHub Actions").toString()).isEqualTo("PlatformToken[source=GitHub Actions]");
        SigningKey key = SigningKey.parsePem(WorkloadTestBed.pkcs8Pem(WorkloadTestBed.keyPair("EC", "secp256r1")), dir.resolve("k"));
        assertThat(key.toString()).isEqualTo("SigningKey[ES256]");
    }
}
