package dev.cliauth.core.oauth;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Discovery answered by a proxy, a captive portal or the wrong server: the message names the URL and what was expected. */
class DiscoveryExplainsAnswersThatAreNotJsonTest {
    private WireMockServer server;
    private Discovery discovery;
    private URI issuer;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        issuer = URI.create("http://127.0.0.1:" + server.port() + "/common/v2.0");
        discovery = new Discovery(new OAuthHttp(Duration.ofSeconds(5), Duration.ofSeconds(5)));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void anHtmlPageWithStatus200NamesTheUrlAndTheExpectedDocument() {
        server.stubFor(get(urlPathEqualTo("/common/v2.0/.well-known/openid-configuration")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody("<!doctype html><html><head><title>Sign in to the Wi-Fi</title></head></html>")));

        CliauthException e = catchThrowableOfType(CliauthException.class, () -> discovery.discover(issuer));

        assertThat(e.failure()).isEqualTo(Failure.PROVIDER_UNAVAILABLE);
        assertThat(e.getMessage()).contains(issuer + "/.well-known/openid-configuration")
                .contains("HTTP 200 with text/html (a page titled \"Sign in to the Wi-Fi\")")
                .contains("expected JSON (the OpenID provider configuration)");
    }

    @Test
    void anErrorPageSaysItsStatusAndType() {
        server.stubFor(get(urlPathEqualTo("/common/v2.0/.well-known/openid-configuration")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "text/plain").withBody("Not Found")));

        CliauthException e = catchThrowableOfType(CliauthException.class, () -> discovery.discover(issuer));

        assertThat(e.getMessage()).contains("HTTP 404 with text/plain").contains("check that the issuer URL is right");
    }

    @Test
    void aTemplatedIssuerIsRefusedUnlessTheCallerAcceptsIt() {
        String template = "http://127.0.0.1:" + server.port() + "/{tenantid}/v2.0";
        server.stubFor(get(urlPathEqualTo("/common/v2.0/.well-known/openid-configuration")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"issuer\":\"" + template + "\",\"authorization_endpoint\":\"" + issuer + "/authorize\","
                        + "\"token_endpoint\":\"" + issuer + "/token\",\"jwks_uri\":\"" + issuer + "/keys\","
                        + "\"response_types_supported\":[\"code\"],\"subject_types_supported\":[\"pairwise\"],"
                        + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}")));

        CliauthException e = catchThrowableOfType(CliauthException.class, () -> discovery.discover(issuer));
        assertThat(e.getMessage()).contains("says its issuer is '" + template + "'");

        String kept = discovery.discover(issuer, template::equals).getIssuer().getValue();
        assertThat(IssuerTemplate.isTemplate(kept)).isTrue();
        assertThat(IssuerTemplate.decode(kept)).isEqualTo(template);
    }
}
