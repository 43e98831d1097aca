package dev.cliauth.example;

import com.sun.net.httpserver.HttpServer;
import dev.cliauth.core.api.CliAuth;
import dev.cliauth.core.flow.LineSource;
import dev.cliauth.core.testing.FakeProvider;
import dev.cliauth.core.testing.FollowingBrowser;
import dev.cliauth.core.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * example-cli in this process against an OpenID provider and an API on 127.0.0.1, with a stand-in browser that
 * follows the provider's redirect: the program's first call signs in, later ones use the cached token, an expired
 * token is refreshed, logout revokes the session, and the options of the mixin reach the login.
 */
class ExampleCliSignsInThroughThePublicApiTest {
    @TempDir
    Path home;

    FakeProvider provider;
    HttpServer api;
    /** The Authorization headers the API received. */
    final List<String> apiSaw = Collections.synchronizedList(new ArrayList<>());
    final TestClock clock = new TestClock(Instant.now());
    final FollowingBrowser browser = new FollowingBrowser();
    final Map<String, String> env = new HashMap<>();
    /** Every line the program wrote to stderr, as it is written. */
    final BlockingQueue<String> stderrLines = new LinkedBlockingQueue<>();

    record Outcome(int code, String out, String err) {
    }

    @BeforeEach
    void start() throws IOException {
        provider = new FakeProvider();
        api = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 8);
        api.createContext("/hello", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            apiSaw.add(authorization);
            boolean ok = authorization != null && authorization.startsWith("Bearer at-");
            byte[] body = (ok ? "hello, alice\n" : "who are you?\n").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(ok ? 200 : 401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        api.start();
        env.putAll(Map.of("HOME", home.toString(), "DISPLAY", ":0"));
    }

    @AfterEach
    void stop() {
        api.stop(0);
        provider.close();
    }

    private URI hello() {
        return URI.create("http://127.0.0.1:" + api.getAddress().getPort() + "/hello");
    }

    /** The program's own settings, as its main method makes them, plus this test's provider, browser, clock and home. */
    private CliAuth.Builder settings() {
        return CliAuth.builder().issuer(provider.issuer()).clientId(FakeProvider.CLIENT_ID).profile("example")
                .environment(env).clock(clock).browser(browser).pastedInput(LineSource.none()).timeout(Duration.ofSeconds(20));
    }

    private Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ExampleCli.run(this::settings, new PrintWriter(out, true), new PrintWriter(new Lines(err, stderrLines), true), args);
        return new Outcome(code, out.toString(), err.toString());
    }

    private List<String> grants() {
        return provider.requestsTo("/token").stream().map(request -> request.param("grant_type")).toList();
    }

    @Test
    void loginThenCachedTokenThenRefreshThenLogout() {
        Outcome whoami = run("whoami");
        assertThat(whoami.code()).as(whoami.err()).isZero();
        assertThat(whoami.out()).contains("subject:  " + FakeProvider.SUBJECT).contains("username: alice").contains("issuer:   " + provider.issuer());
        assertThat(whoami.err()).contains("Signed in as alice to " + provider.issuer() + " (profile example;");
        assertThat(browser.opened).hasSize(1);
        assertThat(grants()).containsExactly("authorization_code");

        // the cached token: the API gets it, and nobody asks the provider
        Outcome call = run("call", hello().toString());
        assertThat(call.code()).as(call.err()).isZero();
        assertThat(call.out()).isEqualTo("hello, alice\n");
        assertThat(grants()).containsExactly("authorization_code");
        assertThat(browser.opened).hasSize(1);
        String firstToken = apiSaw.get(0);

        // ten minutes later the token has expired: refreshed, without the browser
        clock.advance(Duration.ofMinutes(10));
        assertThat(run("call", hello().toString()).code()).isZero();
        assertThat(grants()).containsExactly("authorization_code", "refresh_token");
        assertThat(apiSaw.get(1)).startsWith("Bearer at-").isNotEqualTo(firstToken);
        assertThat(browser.opened).hasSize(1);

        // logout revokes the session at the provider and forgets it here
        Outcome logout = run("logout");
        assertThat(logout.code()).isZero();
        assertThat(logout.err()).contains("Signed out (profile example): revoked at the provider and removed here.");
        assertThat(provider.requestsTo("/revoke")).hasSize(1);
        assertThat(home.resolve(".local/state/cliauth/sessions/example.json")).doesNotExist();

        // so the next call signs in again
        assertThat(run("whoami").code()).isZero();
        assertThat(browser.opened).hasSize(2);
        assertThat(grants()).containsExactly("authorization_code", "refresh_token", "authorization_code");
    }

    @Test
    void profileKeepsASessionOfItsOwn() {
        assertThat(run("whoami", "--profile", "work").code()).isZero();

        assertThat(home.resolve(".local/state/cliauth/sessions/work.json")).exists();
        assertThat(home.resolve(".local/state/cliauth/sessions/example.json")).doesNotExist();
        assertThat(run("whoami", "--profile", "work").code()).isZero();
        assertThat(browser.opened).hasSize(1);
        assertThat(run("whoami").code()).isZero();
        assertThat(browser.opened).hasSize(2);
    }

    @Test
    void noBrowserPrintsTheUrlForThePersonToOpen() throws Exception {
        FollowingBrowser person = new FollowingBrowser();
        Thread reader = new Thread(() -> {
            try {
                while (true) {
                    String line = stderrLines.poll(20, TimeUnit.SECONDS);
                    if (line == null) {
                        return;
                    }
                    if (line.startsWith("  http")) {
                        person.open(URI.create(line.strip())); // the person copies the URL into a browser
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        reader.setDaemon(true);
        reader.start();

        Outcome whoami = run("whoami", "--no-browser");

        assertThat(whoami.code()).as(whoami.err()).isZero();
        assertThat(whoami.err()).contains("To sign in to " + provider.issuer() + ", open this URL in a browser");
        assertThat(browser.opened).isEmpty();
        assertThat(person.opened).hasSize(1);
    }

    @Test
    void deviceAsksForTheDeviceFlow() {
        // this provider offers no device flow: the login says so and continues in the browser
        Outcome whoami = run("whoami", "--device");

        assertThat(whoami.code()).as(whoami.err()).isZero();
        assertThat(whoami.err()).contains("The provider does not allow the device flow for this client");
        assertThat(browser.opened).hasSize(1);
    }

    @Test
    void onACiRunnerThereIsNoInteractiveLogin() {
        env.put("CI", "true");

        Outcome whoami = run("whoami");

        assertThat(whoami.code()).isEqualTo(3);
        assertThat(whoami.err()).startsWith("example-cli: Interactive login is refused on a CI runner");
        assertThat(provider.requests).isEmpty();
        assertThat(browser.opened).isEmpty();
    }

    @Test
    void theHelpShowsTheMixinsOptions() {
        Outcome help = run("whoami", "--help");

        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("--profile=NAME").contains("--device").contains("--no-browser");
    }

    /** A writer that also hands each complete line to a queue, so a test can act on output while the program runs. */
    static final class Lines extends Writer {
        private final StringWriter all;
        private final BlockingQueue<String> lines;
        private final StringBuilder current = new StringBuilder();

        Lines(StringWriter all, BlockingQueue<String> lines) {
            this.all = all;
            this.lines = lines;
        }

        @Override
        public synchronized void write(char[] buffer, int offset, int length) {
            all.write(buffer, offset, length);
            for (int i = offset; i < offset + length; i++) {
                char c = buffer[i];
                if (c == '\n') {
                    lines.add(current.toString().replace("\r", ""));
                    current.setLength(0);
                } else {
                    current.append(c);
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
