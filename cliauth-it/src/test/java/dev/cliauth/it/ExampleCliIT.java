package dev.cliauth.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The library as a program of its own uses it: {@code bin/example-cli} (cliauth-example, public API only) as a
 * process against the dev IdP's Keycloak, with headless Chromium signing in, sharing its session with
 * {@code bin/cliauth} under the same profile.
 */
class ExampleCliIT {
    static final Pattern SIGN_IN_URL = Pattern.compile("^\\s+(http://127\\.0\\.0\\.1:\\d+/realms/open/protocol/openid-connect/auth\\?\\S+)$");
    static final Duration WAIT = Duration.ofSeconds(90);

    static String issuer;

    @TempDir
    Path home;

    @BeforeAll
    static void devIdp() throws Exception {
        issuer = DevIdpServer.openIssuer();
    }

    private Cli example() throws Exception {
        return new Cli(home).with("EXAMPLE_ISSUER", issuer).with("EXAMPLE_CLIENT_ID", "cliauth").launcher(Cli.ROOT.resolve("bin/example-cli"));
    }

    @Test
    void whoamiSignsInOnceThenTheSessionIsCachedSharedAndEndedByLogout() throws Exception {
        Cli.Running whoami = example().start("whoami", "--no-browser");
        String url = whoami.awaitStderr(SIGN_IN_URL, WAIT);
        try (Browser browser = new Browser()) {
            browser.signIn(url, "demo", "demo");
            browser.consentIfAsked(true);
            assertThat(browser.pageText()).contains("You are signed in");
        }
        Cli.Result signedIn = whoami.await(WAIT);
        assertThat(signedIn.exitCode()).as(signedIn.stderr()).isZero();
        assertThat(signedIn.stdout()).contains("username: demo").contains("issuer:   " + issuer).containsPattern("subject:  [0-9a-f-]{36}");
        assertThat(signedIn.stderr()).contains("Signed in as demo to " + issuer + " (profile example;");

        // the next run is served from the stored session: no sign-in URL, the same person
        Cli.Result again = example().run(WAIT, "whoami");
        assertThat(again.exitCode()).as(again.stderr()).isZero();
        assertThat(withoutExpiry(again.stdout())).isEqualTo(withoutExpiry(signedIn.stdout())); // the store keeps whole seconds
        assertThat(again.stderr()).doesNotContain("/protocol/openid-connect/auth");

        // the cliauth command sees the same session under the program's profile
        Cli cliauth = new Cli(home);
        Cli.Result token = cliauth.run(WAIT, "token", "--profile", "example");
        assertThat(token.exitCode()).as(token.stderr()).isZero();
        assertThat(token.stdout()).startsWith("ey");

        // logout ends it for both
        Cli.Result logout = example().run(WAIT, "logout");
        assertThat(logout.exitCode()).as(logout.stderr()).isZero();
        assertThat(logout.stderr()).contains("Signed out (profile example): revoked at the provider and removed here.");
        assertThat(cliauth.run(WAIT, "token", "--profile", "example").exitCode()).isEqualTo(3);
    }

    private static String withoutExpiry(String whoami) {
        return whoami.replaceAll("(?m)^expires:.*$", "");
    }

    @Test
    void onACiRunnerTheExampleRefusesInteractiveLogin() throws Exception {
        Cli.Result whoami = example().with("CI", "true").run(WAIT, "whoami");

        assertThat(whoami.exitCode()).isEqualTo(3);
        assertThat(whoami.stderr()).startsWith("example-cli: Interactive login is refused on a CI runner");
    }
}
