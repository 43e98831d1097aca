package dev.cliauth.it;

import com.nimbusds.jose.util.JSONObjectUtils;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.cliauth.it.LoginThroughTheBrowserIT.LOGIN_WAIT;
import static dev.cliauth.it.LoginThroughTheBrowserIT.SIGN_IN_URL;
import static org.assertj.core.api.Assertions.assertThat;

/** Signs a profile in on the dev IdP with Chromium as the person, for tests about what comes after the login. */
final class BrowserSignIn {
    private BrowserSignIn() {
    }

    /** {@code cliauth login --profile NAME} against the open realm, completed as demo/demo. */
    static void signIn(Cli cli, String issuer, String profile) throws Exception {
        Cli.Running login = cli.start("login", "--profile", profile, "--issuer", issuer, "--client-id", "cliauth", "--no-browser");
        completeIn(login);
        Cli.Result result = login.await(LOGIN_WAIT);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
    }

    /** Reads the sign-in URL a running cliauth printed on stderr and signs in there; the caller awaits the process. */
    static void completeIn(Cli.Running running) throws Exception {
        String url = running.awaitStderr(SIGN_IN_URL, LOGIN_WAIT);
        try (Browser browser = new Browser()) {
            browser.signIn(url, "demo", "demo");
            browser.consentIfAsked(true);
        }
    }

    /** The ID token in the profile's stored session (the file store: the test environment has no keychain). */
    static String storedIdToken(Cli cli, String profile) throws Exception {
        Path session = cli.stateDir().resolve("sessions/" + profile + ".json");
        return (String) JSONObjectUtils.parse(Files.readString(session)).get("id_token");
    }

    /** The access token in the profile's stored session (the file store: the test environment has no keychain). */
    static String storedAccessToken(Cli cli, String profile) throws Exception {
        Path session = cli.stateDir().resolve("sessions/" + profile + ".json");
        return (String) JSONObjectUtils.parse(Files.readString(session)).get("access_token");
    }
}
