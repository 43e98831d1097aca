package dev.cliauth.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.cliauth.it.LoginThroughTheBrowserIT.LOGIN_WAIT;
import static dev.cliauth.it.LoginThroughTheBrowserIT.SIGN_IN_URL;
import static org.assertj.core.api.Assertions.assertThat;

/** Logins that must end cleanly without a session: denied consent, nobody signing in, a CI runner. */
class LoginFailuresIT {
    static String issuer;

    @TempDir
    Path home;

    @BeforeAll
    static void devIdp() throws Exception {
        issuer = DevIdpServer.openIssuer();
    }

    @Test
    void deniedConsentEndsWithTheProvidersErrorAndStoresNothing() throws Exception {
        Cli cli = new Cli(home);
        Cli.Running login = cli.start("login", "--issuer", issuer, "--client-id", "cliauth", "--no-browser");
        String url = login.awaitStderr(SIGN_IN_URL, LOGIN_WAIT);
        try (Browser browser = new Browser()) {
            browser.signIn(url, "bob", "bob");
            browser.consentIfAsked(false);
            assertThat(browser.pageText()).contains("access_denied");
        }
        Cli.Result result = login.await(LOGIN_WAIT);
        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.stderr()).contains("access_denied").contains("Nothing was stored");
        assertThat(cli.stateDir().resolve("sessions/default.json")).doesNotExist();
        assertThat(cli.configDir().resolve("profiles/default.json")).doesNotExist();
        assertThat(cli.run(LOGIN_WAIT, "status", "--profile", "default").exitCode()).isEqualTo(3);
    }

    @Test
    void nobodySigningInTimesOut() throws Exception {
        Cli cli = new Cli(home);
        Cli.Result result = cli.run(LOGIN_WAIT, "login", "--issuer", issuer, "--client-id", "cliauth", "--no-browser", "--timeout", "3s");
        assertThat(result.exitCode()).isEqualTo(5);
        assertThat(result.stderr()).contains("No sign-in arrived within 3s").contains("--timeout");
        assertThat(cli.stateDir().resolve("sessions/default.json")).doesNotExist();
    }

    @Test
    void aCiRunnerRefusesInteractiveLogin() throws Exception {
        Cli cli = new Cli(home).with("CI", "true");
        Cli.Result result = cli.run(LOGIN_WAIT, "login", "--issuer", issuer, "--client-id", "cliauth", "--no-browser");
        assertThat(result.exitCode()).isEqualTo(7);
        assertThat(result.stderr()).contains("CI runner");
        assertThat(result.stderr()).doesNotContain("/protocol/openid-connect/auth");
        assertThat(Files.exists(cli.stateDir().resolve("sessions/default.json"))).isFalse();
    }

    @Test
    void aPlainHttpIssuerThatIsNotLoopbackIsRefused() throws Exception {
        Cli cli = new Cli(home);
        Cli.Result result = cli.run(LOGIN_WAIT, "login", "--issuer", "http://id.example.com/realms/x", "--client-id", "cliauth", "--no-browser");
        assertThat(result.exitCode()).isEqualTo(8);
        assertThat(result.stderr().strip()).doesNotContain("\n").contains("only https is accepted");
    }
}
