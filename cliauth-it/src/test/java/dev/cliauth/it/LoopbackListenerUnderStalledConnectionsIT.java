package dev.cliauth.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import static dev.cliauth.it.LoginThroughTheBrowserIT.LOGIN_WAIT;
import static dev.cliauth.it.LoginThroughTheBrowserIT.SIGN_IN_URL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real sign-in (the dev IdP's Keycloak, headless Chromium) while forty local connections stall at the login's
 * listener for the whole time, opened again as soon as the listener drops one. The login's own timeout is five
 * minutes; the sign-in must finish within LOGIN_WAIT all the same, which it cannot if any stalled connection holds
 * up the browser's callback.
 */
class LoopbackListenerUnderStalledConnectionsIT {
    static String issuer;

    @TempDir
    Path home;

    @BeforeAll
    static void devIdp() throws Exception {
        issuer = DevIdpServer.openIssuer();
    }

    @Test
    void aSignInCompletesWhileFortyConnectionsStallAtTheListener() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort(); // a free port for --port, so the stalls know where the listener is
        }
        Cli cli = new Cli(home);
        Cli.Running login = cli.start("login", "--issuer", issuer, "--client-id", "cliauth", "--no-browser", "--port", String.valueOf(port),
                "--timeout", "5m");
        String url = login.awaitStderr(SIGN_IN_URL, LOGIN_WAIT); // printed once the listener is up

        try (StalledConnections stalls = new StalledConnections(port, 40)) {
            try (Browser browser = new Browser()) {
                browser.signIn(url, "demo", "demo");
                browser.consentIfAsked(true);
                assertThat(browser.pageText()).contains("You are signed in");
            }
            Cli.Result result = login.await(LOGIN_WAIT);

            assertThat(result.exitCode()).as(result.stderr()).isZero();
            assertThat(result.stderr()).contains("Signed in as demo");
            assertThat(stalls.opened()).isGreaterThanOrEqualTo(40);
        }
    }
}
