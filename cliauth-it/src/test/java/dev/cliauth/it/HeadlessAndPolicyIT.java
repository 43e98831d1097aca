package dev.cliauth.it;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.cliauth.it.LoginThroughTheBrowserIT.LOGIN_WAIT;
import static dev.cliauth.it.LoginThroughTheBrowserIT.SIGN_IN_URL;
import static org.assertj.core.api.Assertions.assertThat;

/** SSH sessions (paste mode), the administrator's policy, explain and the audit log, through bin/cliauth. */
class HeadlessAndPolicyIT {
    static String issuer;

    @TempDir
    Path home;

    @TempDir
    Path installed;

    @BeforeAll
    static void devIdp() throws Exception {
        issuer = DevIdpServer.openIssuer();
    }

    @Test
    void inAnSshSessionTheRedirectPastedFromAnotherMachineSignsIn() throws Exception {
        Cli cli = new Cli(home).with("SSH_CONNECTION", "203.0.113.9 51000 198.51.100.7 22").withStdin();
        Cli.Running login = cli.start("login", "--issuer", issuer, "--client-id", "cliauth");
        String url = login.awaitStderr(SIGN_IN_URL, LOGIN_WAIT);
        login.awaitStderr(java.util.regex.Pattern.compile("ssh -L (\\d+):127\\.0\\.0\\.1:\\d+"), LOGIN_WAIT);

        int keycloakPort = URI.create(issuer).getPort();
        String finalAddress;
        // "Another machine": every loopback address but the IdP's goes through a proxy that is not there.
        try (Browser browser = new Browser(List.of("--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>;127.0.0.1:" + keycloakPort))) {
            finalAddress = browser.signInAndReadFinalAddress(url, "demo", "demo");
        }
        assertThat(finalAddress).contains("code=").contains("state=");
        login.type(finalAddress);

        Cli.Result result = login.await(LOGIN_WAIT);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(cli.run(LOGIN_WAIT, "status", "--profile", "default").stdout()).contains("Signed in: yes, as demo");
    }

    @Test
    void aPolicyThatForbidsTheDeviceFlowRefusesItAndAuditsWhy() throws Exception {
        Path audit = home.resolve("audit/cliauth.jsonl");
        Path policy = home.resolve("policy.toml");
        Files.writeString(policy, "device_flow = \"never\"\naudit_log = \"" + audit + "\"\n");
        Cli cli = new Cli(home).with("CLIAUTH_POLICY", policy.toString());

        Cli.Result result = cli.run(LOGIN_WAIT, "login", "--device", "--issuer", issuer, "--client-id", "cliauth");

        assertThat(result.exitCode()).isEqualTo(7);
        assertThat(result.stderr().strip()).doesNotContain("\n").contains(policy.toString()).contains("device_flow");
        List<String> lines = Files.readAllLines(audit);
        assertThat(lines).hasSizeGreaterThanOrEqualTo(2);
        assertThat(JSONObjectUtils.parse(lines.get(0))).containsEntry("event", "flow_chosen").containsEntry("flow", "refused");
        assertThat(JSONObjectUtils.parse(lines.get(1))).containsEntry("event", "policy_refused").containsEntry("setting", "device_flow");
    }

    @Test
    void theAuditLogRecordsASuccessfulLoginWithoutAnyToken() throws Exception {
        Path audit = home.resolve("audit.jsonl");
        Path policy = home.resolve("policy.toml");
        Files.writeString(policy, "audit_log = \"" + audit + "\"\n");
        Cli cli = new Cli(home).with("CLIAUTH_POLICY", policy.toString());
        Cli.Running login = cli.start("login", "--no-browser", "--issuer", issuer, "--client-id", "cliauth");
        BrowserSignIn.completeIn(login);
        assertThat(login.await(LOGIN_WAIT).exitCode()).isZero();
        String token = cli.run(LOGIN_WAIT, "token").stdout().strip();
        String log = Files.readString(audit);
        assertThat(log).contains("\"login_succeeded\"").doesNotContain(token).doesNotContain("code=");
        String session = Files.readString(cli.stateDir().resolve("sessions/default.json"));
        assertThat(log).doesNotContain((String) JSONObjectUtils.parse(session).get("refresh_token"));
    }

    @Test
    void explainShowsTheDecisionForSshAndForAHeadlessPolicy() throws Exception {
        Cli ssh = new Cli(home).with("SSH_CONNECTION", "203.0.113.9 51000 198.51.100.7 22");
        Cli.Result plain = ssh.run(LOGIN_WAIT, "explain", "--issuer", issuer, "--client-id", "cliauth", "--json");
        assertThat(plain.exitCode()).as(plain.stderr()).isZero();
        Map<String, Object> json = JSONObjectUtils.parse(plain.stdout());
        assertThat(json).containsEntry("flow", "authorization_code+pkce").containsEntry("paste_mode", true).containsKey("reasons");
        assertThat(JSONObjectUtils.getJSONObject(json, "environment")).containsEntry("ssh", true);

        // the device flow by itself in headless places is the administrator's to allow (a user's file can only tighten)
        Installation installation = Installation.in(installed).policy("device_flow = \"headless\"\n");
        Cli.Result headless = installation.cli(home).with("SSH_CONNECTION", "203.0.113.9 51000 198.51.100.7 22")
                .run(LOGIN_WAIT, "explain", "--issuer", issuer, "--client-id", "cliauth");
        assertThat(headless.stdout()).contains("SSH session").contains(installation.policy().toString()).contains("Device Authorization Grant");
        Path userPolicy = Files.writeString(home.resolve("policy.toml"), "device_flow = \"headless\"\n");
        Cli.Result fromUser = ssh.with("CLIAUTH_POLICY", userPolicy.toString()).run(LOGIN_WAIT, "explain", "--issuer", issuer, "--client-id", "cliauth");
        assertThat(fromUser.stdout()).contains("Authorization Code + PKCE").contains("Overruled:");

        // headless-only: the device flow where no browser can be used, and nowhere else, even when asked for
        installation.policy("device_flow = \"headless-only\"\n");
        Cli.Result sshDevice = installation.cli(home).with("SSH_CONNECTION", "203.0.113.9 51000 198.51.100.7 22")
                .run(LOGIN_WAIT, "explain", "--device", "--issuer", issuer, "--client-id", "cliauth", "--json");
        assertThat(JSONObjectUtils.parse(sshDevice.stdout())).containsEntry("flow", "device_code");
        Cli.Result desktopDevice = installation.cli(home).with("BROWSER", "/bin/true")
                .run(LOGIN_WAIT, "login", "--device", "--issuer", issuer, "--client-id", "cliauth");
        assertThat(desktopDevice.exitCode()).isEqualTo(7);
        assertThat(desktopDevice.stderr()).contains("headless-only").contains(installation.policy().toString());

        Cli.Result ci = new Cli(home).with("CI", "true").run(LOGIN_WAIT, "explain", "--json");
        assertThat(JSONObjectUtils.parse(ci.stdout())).containsEntry("flow", "refused");
    }

    @Test
    void aMalformedPolicyIsAnErrorNotASilentDefault() throws Exception {
        Path policy = home.resolve("policy.toml");
        Files.writeString(policy, "device_flow = \"sometimes\"\n");
        Cli.Result result = new Cli(home).with("CLIAUTH_POLICY", policy.toString())
                .run(LOGIN_WAIT, "login", "--device", "--issuer", issuer, "--client-id", "cliauth");
        assertThat(result.exitCode()).isEqualTo(8);
        assertThat(result.stderr()).contains(policy.toString()).contains("device_flow");
    }
}
