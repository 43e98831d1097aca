package dev.cliauth.cli;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code cliauth kube-credential} in-process: the ExecCredential kubectl reads, and when it may and may not sign in. */
class KubeCredentialCommandTest {
    static final Instant EXPIRY = Instant.parse("2099-01-02T03:04:05Z");

    @TempDir
    Path home;

    InProcessCli cli;

    @BeforeEach
    void setUp() {
        cli = new InProcessCli(home);
    }

    @Test
    void sendsTheIdTokenWithItsOwnExpiryByDefault() throws Exception {
        java.time.Instant idExpiry = java.time.Instant.now().plusSeconds(1800).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String idToken = InProcessCli.idToken(idExpiry);
        cli.signedIn("work", "the-access-token", "Bearer", Optional.of(EXPIRY), Optional.of(idToken));
        InProcessCli.Outcome o = cli.run("kube-credential", "--profile", "work");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(JSONObjectUtils.getJSONObject(JSONObjectUtils.parse(o.out()), "status"))
                .containsEntry("token", idToken).containsEntry("expirationTimestamp", idExpiry.toString());
    }

    @Test
    void aSessionWithoutAnIdTokenSaysSoInOneLine() {
        cli.signedIn("work", "the-access-token", Optional.of(EXPIRY));
        InProcessCli.Outcome o = cli.run("kube-credential", "--profile", "work");
        assertThat(o.code()).isEqualTo(8);
        assertThat(o.out()).isEmpty();
        assertThat(o.err()).hasLineCount(1).contains("holds no ID token").contains("--token-type access").doesNotContain("the-access-token");
    }

    @Test
    void printsAV1ExecCredentialWithTheAccessTokenAndItsExpiryWhenAsked() throws Exception {
        cli.signedIn("work", "the-access-token", Optional.of(EXPIRY));
        InProcessCli.Outcome o = cli.run("kube-credential", "--profile", "work", "--token-type", "access");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.err()).isEmpty();
        Map<String, Object> json = JSONObjectUtils.parse(o.out());
        assertThat(json).containsEntry("apiVersion", "client.authentication.k8s.io/v1").containsEntry("kind", "ExecCredential");
        assertThat(JSONObjectUtils.getJSONObject(json, "status"))
                .containsEntry("token", "the-access-token").containsEntry("expirationTimestamp", "2099-01-02T03:04:05Z");
        assertThat(o.out()).endsWith("\n").hasLineCount(1);
    }

    @Test
    void answersTheApiVersionKubectlAsksFor() throws Exception {
        cli.signedIn("work", "t", Optional.of(EXPIRY));
        for (String version : new String[]{"client.authentication.k8s.io/v1beta1", "client.authentication.k8s.io/v1"}) {
            InProcessCli.Outcome o = cli.run(Map.of("KUBERNETES_EXEC_INFO",
                    "{\"kind\":\"ExecCredential\",\"apiVersion\":\"" + version + "\",\"spec\":{\"interactive\":false}}"), "kube-credential", "-p", "work",
                    "--token-type", "access");
            assertThat(o.code()).as(o.err()).isZero();
            assertThat(JSONObjectUtils.parse(o.out())).containsEntry("apiVersion", version);
        }
    }

    @Test
    void kubectl120sInfoWithoutInteractiveIsUnderstood() throws Exception {
        cli.signedIn("work", "t", Optional.of(EXPIRY));
        InProcessCli.Outcome o = cli.run(Map.of("KUBERNETES_EXEC_INFO",
                "{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/v1beta1\",\"spec\":{}}"), "kube-credential", "-p", "work",
                "--token-type", "access");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(JSONObjectUtils.parse(o.out())).containsEntry("apiVersion", "client.authentication.k8s.io/v1beta1");
    }

    @Test
    void anUnknownExpiryIsLeftOut() throws Exception {
        cli.signedIn("work", "t", Optional.empty());
        InProcessCli.Outcome o = cli.run("kube-credential", "-p", "work", "--token-type", "access");
        assertThat(JSONObjectUtils.getJSONObject(JSONObjectUtils.parse(o.out()), "status")).containsOnlyKeys("token");
    }

    @Test
    void anApiVersionCliauthDoesNotSpeakIsAConfigurationError() {
        cli.signedIn("work", "t", Optional.of(EXPIRY));
        InProcessCli.Outcome o = cli.run(Map.of("KUBERNETES_EXEC_INFO", "{\"apiVersion\":\"client.authentication.k8s.io/v1alpha1\"}"),
                "kube-credential", "-p", "work");
        assertThat(o.code()).isEqualTo(8);
        assertThat(o.out()).isEmpty();
        assertThat(o.err()).contains("v1alpha1").contains("client.authentication.k8s.io/v1beta1");
    }

    @Test
    void malformedExecInfoIsAClearError() {
        cli.signedIn("work", "t", Optional.of(EXPIRY));
        for (String bad : new String[]{"{", "[]", "{\"spec\":{}}", "{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"spec\":{\"interactive\":\"yes\"}}"}) {
            InProcessCli.Outcome o = cli.run(Map.of("KUBERNETES_EXEC_INFO", bad), "kube-credential", "-p", "work");
            assertThat(o.code()).as(bad).isEqualTo(8);
            assertThat(o.out()).isEmpty();
            assertThat(o.err()).startsWith("cliauth: Cannot read KUBERNETES_EXEC_INFO").doesNotContain("Exception").hasLineCount(1);
        }
    }

    @Test
    void withoutASessionAndNoTerminalItFailsNamingTheLoginCommand() {
        for (Map<String, String> env : java.util.List.of(Map.<String, String>of(), Map.of("KUBERNETES_EXEC_INFO",
                "{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"spec\":{\"interactive\":false}}"))) {
            InProcessCli.Outcome o = cli.run(env, "kube-credential", "--profile", "work");
            assertThat(o.code()).isEqualTo(3);
            assertThat(o.out()).isEmpty();
            assertThat(o.err()).hasLineCount(1).contains("run 'cliauth login --profile work'").contains("without a terminal");
        }
    }

    @Test
    void withoutASessionAtATerminalItSignsIn() {
        String interactive = "{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"spec\":{\"interactive\":true}}";
        // no provider settings to sign in with: says how to add them
        InProcessCli.Outcome none = cli.run(Map.of("KUBERNETES_EXEC_INFO", interactive), "kube-credential", "--profile", "work");
        assertThat(none.code()).isEqualTo(8);
        assertThat(none.err()).contains("cliauth login --profile work --issuer URL --client-id ID");
        // with them, it goes to the login use case, which (in CI) refuses before contacting the provider
        cli.run("configure", "--profile", "work", "--issuer", "https://id.example.com/realms/acme", "--client-id", "cli");
        InProcessCli.Outcome ci = cli.run(Map.of("KUBERNETES_EXEC_INFO", interactive, "CI", "true"), "kube-credential", "--profile", "work");
        assertThat(ci.code()).isEqualTo(7);
        assertThat(ci.out()).isEmpty();
        assertThat(ci.err()).contains("CI runner");
    }

    @Test
    void aDpopBoundTokenIsNotHandedToKubectl() {
        cli.signedIn("work", "bound-token", "DPoP", Optional.of(EXPIRY));
        InProcessCli.Outcome o = cli.run("kube-credential", "--profile", "work", "--token-type", "access");
        assertThat(o.code()).isEqualTo(8);
        assertThat(o.out()).isEmpty();
        assertThat(o.err()).contains("bound to a key").doesNotContain("bound-token");
    }
}
