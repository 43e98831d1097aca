package dev.cliauth.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Okta through the real CLI, with a custom authorization server ({@code /oauth2/default},
 * https://developer.okta.com/docs/concepts/auth-servers/). The device grant is enabled per app and per access
 * policy rule (https://developer.okta.com/docs/guides/device-authorization-grant/main/); when the app does not
 * allow it, {@code /v1/device/authorize} answers {@code unauthorized_client}
 * (https://developer.okta.com/docs/reference/api/oidc/#response-example-error-2), and login continues in the browser.
 */
class ProviderOktaIT {
    static final Duration WAIT = Duration.ofSeconds(90);
    static final String CLIENT = "0oa1x2y3z4AbCdEfG5d7";

    @TempDir
    Path home;
    ProviderStandIn okta;
    String issuer;
    String base;

    @BeforeEach
    void start() {
        okta = new ProviderStandIn();
        issuer = okta.root() + "/oauth2/default";
        base = issuer + "/v1";
        okta.discovery("/oauth2/default", okta.document(issuer, base, ",\"device_authorization_endpoint\":\"" + base + "/device/authorize\""));
        okta.jwks("/oauth2/default/v1/keys");
        okta.signsInAt("/oauth2/default/v1/authorize");
    }

    @AfterEach
    void stop() {
        okta.close();
    }

    @Test
    void aDeviceGrantTheAppDoesNotAllowFallsBackToTheBrowserAndSaysWhereToEnableIt() throws Exception {
        okta.server.stubFor(post(urlPathEqualTo("/oauth2/default/v1/device/authorize")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"unauthorized_client\",\"error_description\":\"The client is not authorized to use the provided grant type."
                        + " Configured grant types: [authorization_code, refresh_token].\"}")));
        Cli cli = new Cli(home);
        Cli.Running login = cli.start("login", "--device", "--provider", "okta", "--issuer", issuer, "--client-id", CLIENT, "--no-browser");
        String url = login.awaitStderr(Pattern.compile("^\\s+(" + Pattern.quote(base + "/authorize?") + "\\S+)$"), WAIT);
        String idToken = okta.idToken(issuer, CLIENT, ProviderStandIn.query(url).get("nonce"),
                c -> c.claim("preferred_username", "kim@example.com").claim("ver", 1));
        okta.server.stubFor(post(urlPathEqualTo("/oauth2/default/v1/token")).withRequestBody(containing("grant_type=authorization_code"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"token_type\":\"Bearer\",\"expires_in\":3600,\"access_token\":\"eyJraWQiOiJ.eyJ2ZXIiOjF9.c2ln\","
                                + "\"scope\":\"openid profile email offline_access\",\"refresh_token\":\"a9VpZDRCeFh3Nkk2VdY\","
                                + "\"id_token\":\"" + idToken + "\"}")));

        okta.follow(url);
        Cli.Result result = login.await(WAIT);

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stderr()).contains("unauthorized_client").contains("Grant type").contains("continuing with a browser sign-in")
                .contains("Signed in as kim@example.com");
    }

    @Test
    void anAccessPolicyWithoutTheDeviceGrantFallsBackToTheBrowserAndNamesThePolicyRule() throws Exception {
        // the app allows the grant, but no rule of the authorization server's access policy does: Okta refuses the poll
        // (https://developer.okta.com/docs/guides/device-authorization-grant/main/#configure-the-authorization-server-policy)
        okta.server.stubFor(post(urlPathEqualTo("/oauth2/default/v1/device/authorize")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"device_code\":\"4ee66a0d-7b7d-4d2f-a8d0-2f12a8d5c0b7\",\"user_code\":\"MHXTWKQV\",\"verification_uri\":"
                        + "\"https://acme.okta.com/activate\",\"verification_uri_complete\":\"https://acme.okta.com/activate?user_code=MHXTWKQV\","
                        + "\"expires_in\":600,\"interval\":1}")));
        okta.server.stubFor(post(urlPathEqualTo("/oauth2/default/v1/token")).withRequestBody(containing("device_code"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"access_denied\",\"error_description\":\"Policy evaluation failed for this request,"
                                + " please check the policy configurations.\"}")));
        Cli cli = new Cli(home);
        Cli.Running login = cli.start("login", "--device", "--provider", "okta", "--issuer", issuer, "--client-id", CLIENT, "--no-browser");
        String url = login.awaitStderr(Pattern.compile("^\\s+(" + Pattern.quote(base + "/authorize?") + "\\S+)$"), WAIT);
        String idToken = okta.idToken(issuer, CLIENT, ProviderStandIn.query(url).get("nonce"), c -> c.claim("preferred_username", "kim@example.com"));
        okta.server.stubFor(post(urlPathEqualTo("/oauth2/default/v1/token")).withRequestBody(containing("grant_type=authorization_code"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"token_type\":\"Bearer\",\"expires_in\":3600,\"access_token\":\"eyJraWQiOiJ.eyJ2ZXIiOjF9.c2ln\","
                                + "\"scope\":\"openid profile email offline_access\",\"refresh_token\":\"a9VpZDRC\",\"id_token\":\"" + idToken + "\"}")));

        okta.follow(url);
        Cli.Result result = login.await(WAIT);

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stderr()).contains("Policy evaluation failed").contains("Access Policies").contains("Signed in as kim@example.com");
    }
}
