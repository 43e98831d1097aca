package dev.cliauth.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.regex.Pattern;

import static dev.cliauth.it.LoginThroughTheBrowserIT.LOGIN_WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The device flow against the dev IdP's Keycloak, approved by headless Chromium on the verification page; and the
 * strict tenant, which blocks the device flow, where login still succeeds through the browser.
 */
class DeviceFlowIT {
    static final Pattern VERIFICATION_COMPLETE = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/realms/open/device\\?user_code=[A-Z0-9-]+)");
    static final Pattern STRICT_SIGN_IN_URL = Pattern.compile("^\\s+(http://127\\.0\\.0\\.1:\\d+/realms/strict/protocol/openid-connect/auth\\?\\S+)$");

    static String issuer;
    static String strictIssuer;

    @TempDir
    Path home;

    @BeforeAll
    static void devIdp() throws Exception {
        issuer = DevIdpServer.openIssuer();
        strictIssuer = DevIdpServer.strictIssuer();
    }

    @Test
    void deviceCodeApprovedInABrowserSignsIn() throws Exception {
        Cli cli = new Cli(home).with("HOSTNAME", "build-box-7");
        Cli.Running login = cli.start("login", "--device", "--no-browser", "--issuer", issuer, "--client-id", "cliauth");
        String verification = login.awaitStderr(VERIFICATION_COMPLETE, LOGIN_WAIT);
        String userCode = verification.substring(verification.indexOf("user_code=") + "user_code=".length());
        login.awaitStderr(Pattern.compile(Pattern.quote(userCode)), LOGIN_WAIT);

        try (Browser browser = new Browser()) {
            browser.approveDevice(verification, "demo", "demo");
        }
        Cli.Result result = login.await(LOGIN_WAIT);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stderr()).contains("build-box-7").contains("Signed in as demo");
        assertThat(result.stderr()).doesNotContainPattern("device_code\\s*[=:]");

        Cli.Result status = cli.run(LOGIN_WAIT, "status", "--profile", "default", "--json");
        assertThat(status.exitCode()).isZero();
        assertThat(status.stdout()).contains("\"grant\":\"device_code\"").contains("\"username\":\"demo\"");
        Cli.Result token = cli.run(LOGIN_WAIT, "token");
        assertThat(token.exitCode()).isZero();
        assertThat(token.stdout().strip()).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
    }

    @Test
    void aTenantThatBlocksTheDeviceFlowStillSignsInThroughTheBrowser() throws Exception {
        Cli cli = new Cli(home);
        Cli.Running login = cli.start("login", "--device", "--no-browser", "--issuer", strictIssuer, "--client-id", "cliauth-strict");
        String notice = login.awaitStderr(Pattern.compile("(does not allow the device flow.*)"), LOGIN_WAIT);
        assertThat(notice).contains("unauthorized_client").contains("continuing with a browser sign-in");
        String url = login.awaitStderr(STRICT_SIGN_IN_URL, LOGIN_WAIT);

        try (Browser browser = new Browser()) {
            browser.signIn(url, "demo", "demo");
            browser.consentIfAsked(true);
        }
        Cli.Result result = login.await(LOGIN_WAIT);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        Cli.Result status = cli.run(LOGIN_WAIT, "status", "--profile", "default", "--json");
        assertThat(status.stdout()).contains("\"grant\":\"authorization_code+pkce\"").contains("\"issuer\":\"" + strictIssuer + "\"");
    }
}
