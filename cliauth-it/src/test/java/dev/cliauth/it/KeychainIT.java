package dev.cliauth.it;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static dev.cliauth.it.LoginThroughTheBrowserIT.LOGIN_WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Sessions in a real OS keychain: a headless gnome-keyring's Secret Service in a D-Bus session, which bin/test
 * provides through bin/with-test-keyring (CLIAUTH_TEST_KEYRING=1). Outside it these tests are skipped, so they
 * never touch a developer's own keyring.
 */
class KeychainIT {
    static String issuer;

    @TempDir
    Path home;

    @BeforeAll
    static void setUp() throws Exception {
        assumeTrue("1".equals(System.getenv("CLIAUTH_TEST_KEYRING")), "needs bin/with-test-keyring");
        issuer = DevIdpServer.openIssuer();
    }

    private Cli withKeyring() throws Exception {
        return new Cli(home).with("DBUS_SESSION_BUS_ADDRESS", System.getenv("DBUS_SESSION_BUS_ADDRESS"));
    }

    @Test
    void aSessionLivesInTheKeychainNotInAFileAndLogoutRemovesIt() throws Exception {
        Cli cli = withKeyring();
        Cli.Running login = cli.start("login", "--profile", "kc", "--issuer", issuer, "--client-id", "cliauth", "--no-browser");
        BrowserSignIn.completeIn(login);
        Cli.Result result = login.await(LOGIN_WAIT);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stderr()).contains("keychain (Secret Service)");

        assertThat(cli.stateDir().resolve("sessions/kc.json")).doesNotExist();
        Map<String, Object> status = JSONObjectUtils.parse(cli.run(LOGIN_WAIT, "status", "--profile", "kc", "--json").stdout());
        assertThat((String) status.get("storage")).startsWith("keychain (Secret Service)");
        String token = cli.run(LOGIN_WAIT, "token", "--profile", "kc").stdout().strip();
        String item = secretTool("lookup", "service", "cliauth", "account", "kc");
        assertThat(JSONObjectUtils.parse(item)).containsEntry("access_token", token);

        assertThat(cli.run(LOGIN_WAIT, "logout", "--profile", "kc").exitCode()).isZero();
        assertThat(secretTool("lookup", "service", "cliauth", "account", "kc")).isEmpty();
    }

    @Test
    void withoutAKeychainTheFileIsUsedAndSaysWhy() throws Exception {
        Cli cli = new Cli(home);
        cli.run(LOGIN_WAIT, "configure", "--profile", "nokc", "--issuer", issuer, "--client-id", "cliauth");
        Map<String, Object> status = JSONObjectUtils.parse(cli.run(LOGIN_WAIT, "status", "--profile", "nokc", "--json").stdout());
        assertThat((String) status.get("storage")).startsWith("file ").contains("no keychain: DBUS_SESSION_BUS_ADDRESS is not set");
    }

    /**
     * A session bus that is named but gone (a terminal multiplexer outliving its login): the session falls back to a
     * file, and token says so once on stderr — never on stdout — for that session file; CLIAUTH_KEYCHAIN=required makes
     * it an error instead.
     */
    @Test
    void aKeychainThatDoesNotAnswerIsNamedOnceByTokenAndRequiredMakesItAnError() throws Exception {
        Cli cli = new Cli(home).with("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + home.resolve("gone-bus"));
        BrowserSignIn.signIn(cli, issuer, "fb");
        assertThat(cli.stateDir().resolve("sessions/fb.json")).exists();

        Cli.Result first = cli.run(LOGIN_WAIT, "token", "--profile", "fb");
        assertThat(first.exitCode()).as(first.stderr()).isZero();
        assertThat(first.stdout().strip()).isEqualTo(BrowserSignIn.storedAccessToken(cli, "fb"));
        assertThat(first.stderr().strip()).doesNotContain("\n").contains("plain file").contains("CLIAUTH_KEYCHAIN=required");
        Cli.Result second = cli.run(LOGIN_WAIT, "token", "--profile", "fb");
        assertThat(second.exitCode()).isZero();
        assertThat(second.stderr()).isEmpty();
        assertThat(second.stdout()).isEqualTo(first.stdout());

        Cli.Result required = cli.with("CLIAUTH_KEYCHAIN", "required").run(LOGIN_WAIT, "token", "--profile", "fb");
        assertThat(required.exitCode()).isEqualTo(7);
        assertThat(required.stdout()).isEmpty();
        assertThat(required.stderr().strip()).doesNotContain("\n").contains("CLIAUTH_KEYCHAIN=required").contains("no keychain answers");
    }

    @Test
    void aPolicyRequiringTheKeychainRefusesToWriteAFile() throws Exception {
        Path policy = home.resolve("policy.toml");
        Files.writeString(policy, "token_storage = \"keychain\"\n");
        Cli cli = new Cli(home).with("CLIAUTH_POLICY", policy.toString());
        Cli.Result result = cli.run(LOGIN_WAIT, "login", "--issuer", issuer, "--client-id", "cliauth", "--no-browser");
        assertThat(result.exitCode()).isEqualTo(7);
        assertThat(result.stderr().strip()).doesNotContain("\n").contains("token_storage").contains(policy.toString());
        assertThat(cli.stateDir().resolve("sessions")).doesNotExist();
    }

    private static String secretTool(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "secret-tool";
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return out.strip();
    }
}
