package dev.cliauth.it;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.support.ui.FluentWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole walking skeleton as a person meets it: {@code bin/cliauth} as a process, the dev IdP's real Keycloak,
 * and headless Chromium signing in on Keycloak's pages.
 */
class LoginThroughTheBrowserIT {
    static final Pattern SIGN_IN_URL = Pattern.compile("^\\s+(http://127\\.0\\.0\\.1:\\d+/realms/open/protocol/openid-connect/auth\\?\\S+)$");
    static final Duration LOGIN_WAIT = Duration.ofSeconds(90);

    static String issuer;

    @TempDir
    Path home;

    @BeforeAll
    static void devIdp() throws Exception {
        issuer = DevIdpServer.openIssuer();
    }

    @Test
    void signInWithPrintedUrlThenTokenStatusAndLogout() throws Exception {
        Cli cli = new Cli(home);
        Cli.Running login = cli.start("login", "--issuer", issuer, "--client-id", "cliauth", "--no-browser", "--timeout", "2m");
        String url = login.awaitStderr(SIGN_IN_URL, LOGIN_WAIT);
        // Keycloak offers PAR (RFC 9126): the challenge, state, nonce and redirect went over the back channel, and the
        // browser URL carries only client_id and request_uri.
        assertThat(java.net.URI.create(url).getRawQuery().split("&")).hasSize(2)
                .anyMatch(p -> p.equals("client_id=cliauth")).anyMatch(p -> p.startsWith("request_uri="));
        assertThat(url).doesNotContain("code_challenge").doesNotContain("state=");

        try (Browser browser = new Browser()) {
            browser.signIn(url, "demo", "demo");
            browser.consentIfAsked(true);
            assertThat(browser.pageText()).contains("You are signed in");
        }
        Cli.Result result = login.await(LOGIN_WAIT);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stderr()).contains("Signed in as demo");

        // token: a JWT from the realm on stdout, and nothing else
        Cli.Result token = cli.run(LOGIN_WAIT, "token");
        assertThat(token.exitCode()).as(token.stderr()).isZero();
        assertThat(token.stdout()).endsWith("\n").doesNotContain(" ");
        String accessToken = token.stdout().strip();
        assertThat(token.stdout()).isEqualTo(accessToken + "\n");
        assertThat(JWTParser.parse(accessToken).getJWTClaimsSet().getIssuer()).isEqualTo(issuer);
        assertThat(token.stderr()).isEmpty();

        // status --json names the user and never shows a token
        Cli.Result status = cli.run(LOGIN_WAIT, "status", "--profile", "default", "--json");
        assertThat(status.exitCode()).as(status.stderr()).isZero();
        Map<String, Object> json = JSONObjectUtils.parse(status.stdout());
        assertThat(json).containsEntry("username", "demo").containsEntry("signed_in", true).containsEntry("issuer", issuer)
                .containsEntry("grant", "authorization_code+pkce");
        assertThat((String) json.get("storage")).startsWith("file ");
        assertThat(status.stdout()).doesNotContain(accessToken);
        String stored = Files.readString(cli.stateDir().resolve("sessions/default.json"));
        String refreshToken = (String) JSONObjectUtils.parse(stored).get("refresh_token");
        assertThat(refreshToken).isNotBlank();
        assertThat(status.stdout() + status.stderr()).doesNotContain(refreshToken);

        // the session is private to its owner
        assertThat(Files.getPosixFilePermissions(cli.stateDir().resolve("sessions/default.json")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(cli.stateDir().resolve("sessions")))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));

        // the flags given to login were saved: later commands need only the profile
        assertThat(Files.readString(cli.configDir().resolve("profiles/default.json"))).contains("cliauth").contains("open");

        // logout ends it
        Cli.Result logout = cli.run(LOGIN_WAIT, "logout");
        assertThat(logout.exitCode()).isZero();
        Cli.Result after = cli.run(LOGIN_WAIT, "token");
        assertThat(after.exitCode()).isEqualTo(3);
        assertThat(after.stdout()).isEmpty();
        assertThat(after.stderr().strip()).doesNotContain("\n").contains("cliauth login --profile default");
    }

    @Test
    void signInThroughTheBrowserCommandInBROWSER() throws Exception {
        Path opened = home.resolve("opened-url");
        Path script = home.resolve("fake-browser");
        // The "browser" records the URL it was given as its single argument; Chromium then plays the person.
        Files.writeString(script, "#!/bin/sh\nprintf '%s' \"$1\" > '" + opened + ".tmp' && mv '" + opened + ".tmp' '" + opened + "'\n");
        Files.setPosixFilePermissions(script, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
        Cli cli = new Cli(home).with("BROWSER", script.toString());

        Cli.Running login = cli.start("login", "--profile", "viabrowser", "--issuer", issuer, "--client-id", "cliauth");
        String url = new FluentWait<>(opened).withTimeout(LOGIN_WAIT).pollingEvery(Duration.ofMillis(100))
                .until(p -> Files.exists(p) ? read(p) : null);
        assertThat(login.awaitStderr(Pattern.compile("Opened your browser"), LOGIN_WAIT)).isNotEmpty();

        try (Browser browser = new Browser()) {
            browser.signIn(url, "demo", "demo");
            browser.consentIfAsked(true);
        }
        Cli.Result result = login.await(LOGIN_WAIT);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        Cli.Result status = cli.run(LOGIN_WAIT, "status", "--profile", "viabrowser");
        assertThat(status.exitCode()).isZero();
        assertThat(status.stdout()).contains("Signed in: yes, as demo").contains("authorization_code+pkce");
    }

    /**
     * A real sign-in while forty local connections stall at the login's listener the whole time, opened again as soon
     * as the listener drops one. The login's own timeout is five minutes; the sign-in must finish within LOGIN_WAIT all
     * the same, which it cannot if any stalled connection holds up the browser's callback.
     */
    @Test
    void aSignInCompletesWhileFortyConnectionsStallAtTheListener() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort(); // a free port for --port, so the stalls know where the listener is
        }
        Cli cli = new Cli(home);
        Cli.Running login = cli.start("login", "--issuer", issuer, "--client-id", "cliauth", "--no-browser", "--port", String.valueOf(port),
                "--timeout", "5m");
        login.awaitStderr(SIGN_IN_URL, LOGIN_WAIT); // printed once the listener is up

        try (StalledConnections stalls = new StalledConnections(port, 40)) {
            BrowserSignIn.completeIn(login);
            Cli.Result result = login.await(LOGIN_WAIT);

            assertThat(result.exitCode()).as(result.stderr()).isZero();
            assertThat(result.stderr()).contains("Signed in as demo");
            assertThat(stalls.opened()).isGreaterThanOrEqualTo(40);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
