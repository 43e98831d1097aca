package dev.cliauth.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An https provider (served at this machine's non-loopback address, trusted with --ca-file) whose answers point the
 * login at something less safe than itself: a plain-http endpoint in its configuration, a plain-http device-flow page,
 * a device-flow page on another site. The first two are refused in one line before anything goes there; the third is
 * named to the person before the page is shown.
 */
class ProviderEndpointSecurityIT {
    static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path home;
    ProviderStandIn provider;
    String issuer;
    String base;
    Cli cli;

    @BeforeEach
    void start() throws Exception {
        provider = ProviderStandIn.httpsOffLoopback(home);
        issuer = provider.root() + "/realms/acme";
        base = issuer + "/protocol";
        cli = new Cli(home.resolve("cli"));
    }

    @AfterEach
    void stop() {
        provider.close();
    }

    @Test
    void anHttpTokenEndpointOfAnHttpsIssuerIsRefusedInOneLineNamingIt() throws Exception {
        String plainBase = base.replace("https://", "http://");
        provider.discovery("/realms/acme", provider.document(issuer, base, "").replace("\"token_endpoint\":\"" + base,
                "\"token_endpoint\":\"" + plainBase));

        Cli.Result result = cli.run(WAIT, "login", "--issuer", issuer, "--client-id", "cli", "--no-browser", "--timeout", "5s",
                "--ca-file", home.resolve("ca.pem").toString());

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(6);
        assertThat(result.stderr().strip()).doesNotContain("\n").contains("token_endpoint " + plainBase + "/token").contains("not https");
        assertThat(provider.requests("/realms/acme/protocol")).isEmpty();
    }

    @Test
    void aPlainHttpDevicePageIsNeitherShownNorDrawnNorPolled() throws Exception {
        Cli.Result result = deviceLoginWithPages("http://device.example.net/activate", "http://device.example.net/activate?user_code=WDJB-MJHT");

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(4);
        assertThat(result.stderr()).contains("verification_uri http://device.example.net/activate").contains("not https")
                .doesNotContain("enter the code").doesNotContain("█").doesNotContain("▀");
        assertThat(provider.requests("/realms/acme/protocol/token")).isEmpty();
    }

    @Test
    void aDevicePageOnAnotherSiteIsNamedBeforeItIsShownAndOnlyItIsDrawn() throws Exception {
        Cli.Result result = deviceLoginWithPages("https://device.example.net/activate", "https://device.example.net/activate?user_code=WDJB-MJHT");

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(4); // the stand-in denies the poll
        List<String> lines = result.stderr().lines().toList();
        int note = indexOf(lines, "Note: the code is entered at device.example.net, not at " + java.net.URI.create(issuer).getHost());
        int page = indexOf(lines, "  https://device.example.net/activate");
        assertThat(note).as(result.stderr()).isNotNegative().isLessThan(page);
        assertThat(result.stderr()).contains("█");
    }

    /** {@code login --device --qr} at a provider whose device authorization names these pages, and which denies the poll. */
    private Cli.Result deviceLoginWithPages(String page, String complete) throws Exception {
        provider.discovery("/realms/acme", provider.document(issuer, base, ",\"device_authorization_endpoint\":\"" + base + "/device\""));
        provider.server.stubFor(post(urlPathEqualTo("/realms/acme/protocol/device")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"device_code\":\"dc-7f3a9c\",\"user_code\":\"WDJB-MJHT\","
                        + "\"verification_uri\":\"" + page + "\",\"verification_uri_complete\":\"" + complete + "\",\"expires_in\":600,\"interval\":1}")));
        provider.server.stubFor(post(urlPathEqualTo("/realms/acme/protocol/token")).withRequestBody(containing("device_code"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"access_denied\",\"error_description\":\"The person said no\"}")));
        return cli.run(WAIT, "login", "--device", "--qr", "--no-browser", "--issuer", issuer, "--client-id", "cli",
                "--ca-file", home.resolve("ca.pem").toString());
    }

    private static int indexOf(List<String> lines, String start) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(start)) {
                return i;
            }
        }
        return -1;
    }
}
