package dev.cliauth.it;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The device flow's countdown as a person sees it: on a terminal (a pseudo-terminal from script(1)) one line rewritten
 * in place at each poll, carriage return and "erase to end of line"; with standard error in a file, one plain line per
 * poll. A provider stand-in keeps the person "pending" for three polls a second apart, then grants.
 */
class DeviceFlowCountdownIT {
    static final Duration WAIT = Duration.ofSeconds(90);
    static final Pattern STATUS = Pattern.compile("\rWaiting for approval\\.\\.\\. \\d+m \\d+s left\u001b\\[K");

    @TempDir
    Path home;
    ProviderStandIn provider;
    String issuer;

    @BeforeEach
    void start() {
        provider = new ProviderStandIn();
        issuer = provider.root() + "/realms/tv";
        String base = issuer + "/protocol";
        provider.discovery("/realms/tv", provider.document(issuer, base, ",\"device_authorization_endpoint\":\"" + base + "/device\""));
        provider.server.stubFor(post(urlPathEqualTo("/realms/tv/protocol/device")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"device_code\":\"dc-7f3a9c\",\"user_code\":\"WDJB-MJHT\","
                        + "\"verification_uri\":\"" + provider.root() + "/activate\",\"expires_in\":600,\"interval\":1}")));
        for (int poll = 0; poll < 4; poll++) {
            boolean granted = poll == 3;
            provider.server.stubFor(post(urlPathEqualTo("/realms/tv/protocol/token")).withRequestBody(containing("device_code"))
                    .inScenario("polls").whenScenarioStateIs(poll == 0 ? Scenario.STARTED : "poll " + poll).willSetStateTo("poll " + (poll + 1))
                    .willReturn(aResponse().withStatus(granted ? 200 : 400).withHeader("Content-Type", "application/json")
                            .withBody(granted ? "{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":300}"
                                    : "{\"error\":\"authorization_pending\"}")));
        }
    }

    @AfterEach
    void stop() {
        provider.close();
    }

    @Test
    void onATerminalTheCountdownIsOneLineRewrittenInPlace() throws Exception {
        Cli.Running login = new Cli(home).startOnATerminal(null, "login", "--device", "--no-browser", "--issuer", issuer,
                "--client-id", "cli", "--scope", "profile");
        Cli.Result result = login.await(WAIT);

        String screen = login.rawStdout(); // the terminal: stdout and stderr together, newlines as CR LF
        assertThat(result.exitCode()).as(screen).isZero();
        Matcher statuses = Pattern.compile("(?:" + STATUS.pattern() + ")+").matcher(screen);
        assertThat(statuses.find()).as(screen).isTrue();
        assertThat(STATUS.matcher(statuses.group()).results().count()).as("updates of the one line").isEqualTo(4);
        // the last update is erased before the next line, which starts where the countdown was
        assertThat(screen.substring(statuses.end())).startsWith("\r\u001b[KSigned in to " + issuer);
        assertThat(screen).doesNotContain("left\r\n");
    }

    @Test
    void withStandardErrorInAFileEachPollIsOnePlainLine() throws Exception {
        Path stderr = home.resolve("stderr.log");
        Cli.Running login = new Cli(home).startOnATerminal(stderr, "login", "--device", "--no-browser", "--issuer", issuer,
                "--client-id", "cli", "--scope", "profile");
        Cli.Result result = login.await(WAIT);

        String log = Files.readString(stderr);
        assertThat(result.exitCode()).as(log).isZero();
        assertThat(log.lines().filter(line -> line.startsWith("Waiting for approval... ")).count()).as(log).isEqualTo(4);
        assertThat(log).doesNotContain("\r").doesNotContain("\u001b").contains("Signed in to " + issuer);
    }
}
