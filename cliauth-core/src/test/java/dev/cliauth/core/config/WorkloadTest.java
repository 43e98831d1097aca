package dev.cliauth.core.config;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.config.Workload.ClientAuth;
import dev.cliauth.core.config.Workload.Grant;
import dev.cliauth.core.config.Workload.SecretRef;
import dev.cliauth.core.config.Workload.SubjectTokenType;
import dev.cliauth.core.config.Workload.TokenSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Workload settings: what makes sense is accepted, and what cannot work names the flags that would fix it. */
class WorkloadTest {
    private static final ClientAuth SECRET = new ClientAuth.Secret(new SecretRef.EnvVariable("CI_SECRET"), false);

    private static Workload workload(Grant grant, ClientAuth auth, TokenSource source, String audience, SubjectTokenType type) {
        return new Workload(grant, auth, Optional.ofNullable(source), Optional.ofNullable(audience), Optional.ofNullable(type));
    }

    private static String refused(Supplier<Object> make) {
        CliauthException e = catchThrowableOfType(CliauthException.class, make::get);
        assertThat(e).as("should be refused").isNotNull();
        assertThat(e.failure()).isEqualTo(Failure.CONFIGURATION);
        return e.getMessage();
    }

    @Test
    void sensibleCombinations() {
        assertThat(workload(Grant.CLIENT_CREDENTIALS, SECRET, null, null, null).usesPlatformToken()).isFalse();
        assertThat(workload(Grant.TOKEN_EXCHANGE, new ClientAuth.None(), new TokenSource.GitHubActions(), "sts.example.com", SubjectTokenType.ID_TOKEN)
                .usesPlatformToken()).isTrue();
        assertThat(workload(Grant.JWT_BEARER, new ClientAuth.PrivateKey(Path.of("/k.pem"), Optional.of("kid")), null, null, null)
                .subjectTokenTypeOrDefault()).isEqualTo(SubjectTokenType.JWT);
    }

    @Test
    void theFederatedJwtBearerFormIsStoredAsWhatGoesOnTheWire() {
        Workload federated = workload(Grant.JWT_BEARER, new ClientAuth.Federated(), null, null, null);
        assertThat(federated.grant()).isEqualTo(Grant.CLIENT_CREDENTIALS);
        assertThat(federated.usesPlatformToken()).isTrue();
        assertThat(federated.describe()).isEqualTo("client_credentials, the platform token as client assertion, platform token from the detected CI platform");
    }

    @Test
    void nonsenseNamesTheFlags() {
        assertThat(refused(() -> workload(Grant.CLIENT_CREDENTIALS, new ClientAuth.None(), null, null, null)))
                .isEqualTo("--grant client_credentials needs client authentication: give --client-secret-env VAR, --client-secret-file PATH,"
                        + " --private-key-file PATH or --federated.");
        assertThat(refused(() -> workload(Grant.TOKEN_EXCHANGE, new ClientAuth.Federated(), null, null, null)))
                .startsWith("--federated makes the platform token the client's credential");
        assertThat(refused(() -> workload(Grant.JWT_BEARER, SECRET, null, null, SubjectTokenType.JWT)))
                .isEqualTo("--subject-token-type is only used with --grant token_exchange.");
        assertThat(refused(() -> workload(Grant.CLIENT_CREDENTIALS, SECRET, new TokenSource.GitHubActions(), null, null)))
                .startsWith("--subject-token-source is for a platform token").contains("client_secret_basic");
        assertThat(refused(() -> workload(Grant.CLIENT_CREDENTIALS, SECRET, null, "aud", null))).startsWith("--audience is for a platform token");
        // with any source, --audience names what the platform token must be for before it is sent
        assertThat(workload(Grant.JWT_BEARER, SECRET, new TokenSource.GitLab("ID_TOKEN"), "aud", null).audience()).contains("aud");
        assertThat(refused(() -> new ClientAuth.PrivateKey(Path.of("/k.pem"), Optional.of(" ")))).isEqualTo("--key-id must not be empty.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"github-actions", "gitlab:CI_ID_TOKEN", "kubernetes", "kubernetes:/run/tokens/vault", "file:/run/token",
            "env:PLATFORM_TOKEN", "azure", "aws"})
    void tokenSourceSpecsRoundTrip(String spec) {
        assertThat(TokenSource.parse(spec).spec()).isEqualTo(spec);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "github", "gitlab", "gitlab:", "env:", "file:", "aws:x", "github-actions:x"})
    void unknownTokenSourcesListTheKnownOnes(String spec) {
        assertThat(refused(() -> TokenSource.parse(spec))).satisfiesAnyOf(
                m -> assertThat(m).startsWith("Unknown --subject-token-source value; give github-actions, gitlab:VAR"),
                m -> assertThat(m).contains("needs"));
    }

    @Test
    void aTokenPastedWhereAVariableNameBelongsIsNotRepeated() {
        String token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln";
        assertThat(refused(() -> TokenSource.parse("env:" + token))).doesNotContain(token).contains("CI_SECRET, not $CI_SECRET");
        assertThat(refused(() -> TokenSource.parse(token))).doesNotContain(token);
        assertThat(refused(() -> new SecretRef.EnvVariable("s3cr3t/value+x"))).doesNotContain("s3cr3t");
    }

    @Test
    void grantsAndTokenTypesParseTheirCommandLineSpelling() {
        assertThat(Grant.parse("token_exchange")).isEqualTo(Grant.TOKEN_EXCHANGE);
        assertThat(refused(() -> Grant.parse("password"))).contains("client_credentials, token_exchange or jwt_bearer");
        assertThat(SubjectTokenType.parse("id_token").urn()).isEqualTo("urn:ietf:params:oauth:token-type:id_token");
        assertThat(SubjectTokenType.parse("urn:ietf:params:oauth:token-type:access_token")).isEqualTo(SubjectTokenType.ACCESS_TOKEN);
        assertThat(refused(() -> SubjectTokenType.parse("saml2"))).contains("jwt, id_token or access_token");
    }
}
