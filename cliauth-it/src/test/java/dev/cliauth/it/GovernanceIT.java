package dev.cliauth.it;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.cliauth.it.LoginThroughTheBrowserIT.LOGIN_WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The administrator's policy as a hostile user meets it, through an installed {@code bin/cliauth} against the dev
 * IdP: a user's policy file (or {@code CLIAUTH_POLICY=/dev/null}) cannot lift it, and it is enforced wherever a token
 * is handed out — sessions made before the administrator narrowed the list included — with one line naming the file
 * and the setting, nothing on stdout, and the refusal in the audit log. And a reconfigured profile never gets the old
 * issuer's token.
 */
class GovernanceIT {
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
    void aUsersPolicyCannotLiftTheAdministrators() throws Exception {
        Installation installation = Installation.in(installed).policy("device_flow = \"never\"\nallowed_issuers = [\"" + issuer + "\"]\n");
        Path loose = Files.writeString(home.resolve("loose.toml"), "device_flow = \"headless\"\nallowed_issuers = [\""
                + DevIdpServer.strictIssuer() + "\", \"" + issuer + "\"]\n");

        for (String userPolicy : List.of("/dev/null", loose.toString())) {
            Cli cli = installation.cli(home).with("CLIAUTH_POLICY", userPolicy);

            Cli.Result device = cli.run(LOGIN_WAIT, "login", "--device", "--issuer", issuer, "--client-id", "cliauth");
            assertThat(device.exitCode()).as(device.stderr()).isEqualTo(7);
            assertThat(device.stderr().strip()).doesNotContain("\n").contains(installation.policy().toString()).contains("device_flow");

            Cli.Result other = cli.run(LOGIN_WAIT, "login", "--issuer", DevIdpServer.strictIssuer(), "--client-id", "cliauth-strict");
            assertThat(other.exitCode()).isEqualTo(7);
            assertThat(other.stderr()).contains("is not allowed by policy " + installation.policy()).contains("allowed_issuers");

            Cli.Result explain = cli.run(LOGIN_WAIT, "explain", "--issuer", issuer, "--json");
            Map<String, Object> policy = JSONObjectUtils.getJSONObject(JSONObjectUtils.parse(explain.stdout()), "policy");
            assertThat(policy.get("device_flow")).isEqualTo("never");
            assertThat(JSONObjectUtils.getJSONObject(policy, "decided_by")).containsEntry("device_flow", installation.policy().toString())
                    .containsEntry("allowed_issuers", installation.policy().toString());
            assertThat(JSONObjectUtils.getJSONObjectArray(policy, "sources")).extracting(source -> source.get("authority"))
                    .contains("administrator", "user");
        }
        Cli.Result text = installation.cli(home).with("CLIAUTH_POLICY", loose.toString()).run(LOGIN_WAIT, "explain");
        assertThat(text.stdout()).contains("Overruled:").contains(loose.toString()).contains("device_flow = \"headless\"");
    }

    @Test
    void aSessionMadeBeforeTheAdministratorNarrowedTheIssuersIsRefusedEverywhere() throws Exception {
        Installation installation = Installation.in(installed);
        Cli cli = installation.cli(home);
        BrowserSignIn.signIn(cli, issuer, "work");
        assertThat(cli.run(LOGIN_WAIT, "token", "--profile", "work").exitCode()).isZero();

        Path audit = home.resolve("audit.jsonl");
        installation.policy("allowed_issuers = [\"https://id.example.com/realms/only\"]\naudit_log = \"" + audit + "\"\n");

        for (List<String> command : List.of(List.of("token", "--profile", "work"), List.of("kube-credential", "--profile", "work"),
                List.of("run", "--profile", "work", "--", "true"), List.of("dpop-proof", "--profile", "work", "--method", "GET", "--url", "https://api.example.com/"))) {
            Cli.Result refused = cli.run(LOGIN_WAIT, command.toArray(String[]::new));
            assertThat(refused.exitCode()).as(command + ": " + refused.stderr()).isEqualTo(7);
            assertThat(refused.stdout()).as(String.join(" ", command)).isEmpty();
            assertThat(refused.stderr().strip()).doesNotContain("\n")
                    .contains("Issuer " + issuer + " is not allowed by policy " + installation.policy() + " (allowed_issuers)");
        }
        assertThat(Files.readAllLines(audit)).anySatisfy(line -> assertThat(line).contains("\"event\":\"token_refused\"")
                .contains("\"setting\":\"allowed_issuers\"").contains("\"caller\":\"token\""));
    }

    @Test
    void aReconfiguredProfileNeverHandsOutTheOldIssuersToken() throws Exception {
        Cli cli = new Cli(home);
        BrowserSignIn.signIn(cli, issuer, "work");
        String old = BrowserSignIn.storedAccessToken(cli, "work");

        Cli.Result configured = cli.run(LOGIN_WAIT, "configure", "--profile", "work", "--issuer", DevIdpServer.strictIssuer(),
                "--client-id", "cliauth-strict");
        assertThat(configured.exitCode()).as(configured.stderr()).isZero();

        Cli.Result token = cli.run(LOGIN_WAIT, "token", "--profile", "work");
        assertThat(token.exitCode()).isEqualTo(3);
        assertThat(token.stdout()).isEmpty();
        assertThat(token.stderr()).doesNotContain(old).contains("was made for " + issuer).contains("cliauth login --profile work");
    }
}
