package dev.cliauth.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** A proxy or captive portal answering discovery with HTML: one line naming the URL and what was expected, no page dump. */
class ProviderDiscoveryErrorsIT {
    static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path home;

    @Test
    void anHtmlPageInsteadOfTheProviderConfigurationIsNamedWithoutItsBody() throws Exception {
        try (ProviderStandIn proxy = new ProviderStandIn()) {
            proxy.server.stubFor(get(urlPathEqualTo("/oauth2/default/.well-known/openid-configuration")).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "text/html; charset=UTF-8")
                    .withBody("<!DOCTYPE html><html><head><title>Network Login Required</title></head>"
                            + "<body><form><input name=\"sid\" value=\"portal-session-0xdeadbeef\"></form></body></html>")));
            Cli cli = new Cli(home);

            Cli.Result result = cli.run(WAIT, "login", "--provider", "okta", "--issuer", proxy.root() + "/oauth2/default", "--client-id", "x",
                    "--no-browser");

            assertThat(result.exitCode()).isEqualTo(6);
            assertThat(result.stderr()).contains(proxy.root() + "/oauth2/default/.well-known/openid-configuration")
                    .contains("text/html").contains("Network Login Required").contains("expected JSON (the OpenID provider configuration)")
                    .doesNotContain("portal-session-0xdeadbeef").doesNotContain("<form");
        }
    }
}
