package dev.cliauth.it;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static dev.cliauth.it.LoginThroughTheBrowserIT.LOGIN_WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cliauth kube-credential} as a real kubectl's exec credential plugin (kubectl from {@code -Dkubectl=PATH}, else
 * the one on PATH; Debian's kubernetes-client is 1.20), against a TLS API server stand-in that checks the token.
 */
class KubectlIT {
    static final String KUBECTL = System.getProperty("kubectl", "kubectl");
    static String issuer;

    @TempDir
    Path home;

    @BeforeAll
    static void devIdp() throws Exception {
        issuer = DevIdpServer.openIssuer();
    }

    /**
     * The default exec config sends the ID token, which an API server whose OIDC authenticator is configured with
     * --oidc-issuer-url = the dev IdP and --oidc-client-id = cliauth accepts (issuer, signature, audience, expiry, sub).
     */
    @Test
    void kubectlGetsPodsFromAnApiServerThatValidatesTheIdToken() throws Exception {
        Cli cli = new Cli(home);
        BrowserSignIn.signIn(cli, issuer, "k8s");
        Tool shell = new Tool(home);
        KubeOidcAuthenticator authenticator = new KubeOidcAuthenticator(issuer, "cliauth");
        try (KubeApiStandIn api = KubeApiStandIn.oidc(home, authenticator)) {
            Tool.Result pods = getPods(shell, api, "k8s", "");
            assertThat(pods.exitCode()).as(pods.stderr()).isZero();
            assertThat(pods.stdout()).contains(KubeApiStandIn.POD);
            // every request carried the stored session's ID token, and none went without it
            String idToken = BrowserSignIn.storedIdToken(cli, "k8s");
            assertThat(api.authorizations()).isNotEmpty().containsOnly("Bearer " + idToken);
            assertThat(authenticator.users()).isNotEmpty().allSatisfy(user -> assertThat(user).startsWith(issuer + "#"));
            assertThat(pods.stderr()).doesNotContain(idToken);
        }
    }

    /** The access token is for another audience (Keycloak's "account"): the same API server refuses it. */
    @Test
    void anAccessTokenForAnotherAudienceIsRefusedByThatApiServer() throws Exception {
        Cli cli = new Cli(home);
        BrowserSignIn.signIn(cli, issuer, "k8sat");
        Tool shell = new Tool(home);
        KubeOidcAuthenticator authenticator = new KubeOidcAuthenticator(issuer, "cliauth");
        try (KubeApiStandIn api = KubeApiStandIn.oidc(home, authenticator)) {
            Tool.Result pods = getPods(shell, api, "k8sat", ", --token-type, access");
            assertThat(pods.exitCode()).isNotZero();
            assertThat(api.authorizations()).contains("Bearer " + BrowserSignIn.storedAccessToken(cli, "k8sat"));
            assertThat(authenticator.users()).isEmpty();
        }
    }

    @Test
    void withoutASessionKubectlFailsAndSaysWhichLoginToRun() throws Exception {
        Cli cli = new Cli(home);
        Cli.Result configured = cli.run(LOGIN_WAIT, "configure", "--profile", "nobody", "--issuer", issuer, "--client-id", "cliauth");
        assertThat(configured.exitCode()).as(configured.stderr()).isZero();
        Tool shell = new Tool(home);
        try (KubeApiStandIn api = new KubeApiStandIn(home, () -> "no token is right")) {
            Path kubeconfig = home.resolve("kubeconfig");
            Files.writeString(kubeconfig, api.kubeconfig(Cli.LAUNCHER, "nobody",
                    Map.of("XDG_CONFIG_HOME", shell.get("XDG_CONFIG_HOME"), "XDG_STATE_HOME", shell.get("XDG_STATE_HOME"))));

            Tool.Result pods = shell.run(LOGIN_WAIT, "", KUBECTL, "--kubeconfig", kubeconfig.toString(), "get", "pods");
            assertThat(pods.exitCode()).isNotZero();
            assertThat(pods.stderr()).contains("cliauth login --profile nobody");
            assertThat(api.authorizations()).noneMatch(a -> a.startsWith("Bearer"));
        }
    }

    @Test
    void whenKubectlSaysThePersonIsAtATerminalItSignsInThenAnswers() throws Exception {
        Cli cli = new Cli(home).with("BROWSER", "/bin/true")
                .with("KUBERNETES_EXEC_INFO", "{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/v1\",\"spec\":{\"interactive\":true}}");
        Cli.Result configured = cli.run(LOGIN_WAIT, "configure", "--profile", "ondemand", "--issuer", issuer, "--client-id", "cliauth");
        assertThat(configured.exitCode()).as(configured.stderr()).isZero();

        Cli.Running plugin = cli.start("kube-credential", "--profile", "ondemand");
        BrowserSignIn.completeIn(plugin);
        Cli.Result result = plugin.await(LOGIN_WAIT);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stderr()).contains("Signed in as demo");

        Map<String, Object> credential = JSONObjectUtils.parse(result.stdout());
        assertThat(credential).containsEntry("apiVersion", "client.authentication.k8s.io/v1").containsEntry("kind", "ExecCredential");
        Map<String, Object> status = JSONObjectUtils.getJSONObject(credential, "status");
        String idToken = BrowserSignIn.storedIdToken(cli, "ondemand");
        assertThat(status).containsEntry("token", idToken);
        // expirationTimestamp is the ID token's own exp
        assertThat(Instant.parse((String) status.get("expirationTimestamp")))
                .isEqualTo(com.nimbusds.jwt.SignedJWT.parse(idToken).getJWTClaimsSet().getExpirationTime().toInstant());
    }

    /** kubectl get pods against {@code api}, with cliauth kube-credential for {@code profile} (and {@code moreArgs}) in the kubeconfig. */
    private Tool.Result getPods(Tool shell, KubeApiStandIn api, String profile, String moreArgs) throws Exception {
        Path kubeconfig = home.resolve("kubeconfig-" + profile);
        Files.writeString(kubeconfig, api.kubeconfig(Cli.LAUNCHER, profile,
                Map.of("XDG_CONFIG_HOME", shell.get("XDG_CONFIG_HOME"), "XDG_STATE_HOME", shell.get("XDG_STATE_HOME")), moreArgs));
        return shell.run(LOGIN_WAIT, "", KUBECTL, "--kubeconfig", kubeconfig.toString(), "get", "pods");
    }
}
