package dev.cliauth.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Microsoft Entra ID through the real CLI, against a stand-in that answers as Entra's documentation shows:
 * the multi-tenant ({@code common}) discovery document whose issuer is the {@code {tenantid}} template
 * (https://learn.microsoft.com/en-us/entra/identity-platform/v2-protocols-oidc#find-your-apps-openid-configuration-document-uri),
 * the auth code token response
 * (https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-auth-code-flow#successful-response-2),
 * and a device code flow that Conditional Access blocks with AADSTS53003
 * (https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-device-code#expected-errors,
 * https://learn.microsoft.com/en-us/entra/identity/conditional-access/concept-authentication-flows).
 */
class ProviderEntraIT {
    static final Duration WAIT = Duration.ofSeconds(90);
    static final String CLIENT = "6731de76-14a6-49ae-97bc-6eba6914391e";
    static final String TID = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    @TempDir
    Path home;
    ProviderStandIn entra;
    String base;

    @BeforeEach
    void start() {
        entra = new ProviderStandIn();
        base = entra.root() + "/common/oauth2/v2.0";
        entra.discovery("/common/v2.0", entra.document(entra.root() + "/{tenantid}/v2.0", base,
                ",\"device_authorization_endpoint\":\"" + base + "/devicecode\",\"tenant_region_scope\":null"));
        entra.jwks("/common/oauth2/v2.0/keys");
        entra.signsInAt("/common/oauth2/v2.0/authorize");
    }

    @AfterEach
    void stop() {
        entra.close();
    }

    private Pattern signInUrl() {
        return Pattern.compile("^\\s+(" + Pattern.quote(base + "/authorize?") + "\\S+)$");
    }

    /** The token endpoint's answer to the code, with an ID token from the person's own tenant. */
    private void issuesTokensFor(Map<String, String> authorization) {
        String idToken = entra.idToken(entra.root() + "/" + TID + "/v2.0", CLIENT, authorization.get("nonce"),
                c -> c.claim("tid", TID).claim("preferred_username", "alice@contoso.com").claim("ver", "2.0"));
        entra.server.stubFor(post(urlPathEqualTo("/common/oauth2/v2.0/token")).withRequestBody(containing("grant_type=authorization_code"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                        .withBody("{\"token_type\":\"Bearer\",\"scope\":\"openid profile email offline_access\",\"expires_in\":3599,"
                                + "\"ext_expires_in\":3599,\"access_token\":\"eyJ0eXAiOiJKV1QiLCJub25jZSI6IkFRQUJBQUFBQUFCMkc.e30.c2ln\","
                                + "\"refresh_token\":\"0.AAAAQ7Bk8Z1d\",\"id_token\":\"" + idToken + "\"}")));
    }

    @Test
    void theCommonTenantSignsInWithTheIssuerOfThePersonsOwnTenant() throws Exception {
        Cli cli = new Cli(home);
        Cli.Running login = cli.start("login", "--provider", "entra", "--issuer", entra.root(), "--tenant", "common",
                "--client-id", CLIENT, "--no-browser");
        String url = login.awaitStderr(signInUrl(), WAIT);
        Map<String, String> request = ProviderStandIn.query(url);
        assertThat(request.get("scope")).contains("offline_access");
        issuesTokensFor(request);

        assertThat(entra.follow(url)).isEqualTo(200);
        Cli.Result result = login.await(WAIT);

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stderr()).contains("Signed in as alice@contoso.com to " + entra.root() + "/common/v2.0");
        Cli.Result status = cli.run(WAIT, "status", "--json");
        assertThat(status.stdout()).contains("\"provider\":\"entra\"").contains("\"username\":\"alice@contoso.com\"");
    }

    @Test
    void anIdTokenFromAnotherTenantThanItsTidIsRefused() throws Exception {
        entra.discovery("/organizations/v2.0", entra.document(entra.root() + "/{tenantid}/v2.0", base, ""));
        Cli cli = new Cli(home);
        Cli.Running login = cli.start("login", "--provider", "entra", "--issuer", entra.root(), "--tenant", "organizations",
                "--client-id", CLIENT, "--no-browser");
        String url = login.awaitStderr(signInUrl(), WAIT);
        String forged = entra.idToken(entra.root() + "/00000000-0000-0000-0000-00000000beef/v2.0", CLIENT, ProviderStandIn.query(url).get("nonce"),
                c -> c.claim("tid", TID));
        entra.server.stubFor(post(urlPathEqualTo("/common/oauth2/v2.0/token")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"at\",\"id_token\":\"" + forged + "\"}")));

        entra.follow(url);
        Cli.Result result = login.await(WAIT);

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.stderr()).contains("ID token was rejected").contains("nothing was stored");
        assertThat(cli.stateDir().resolve("sessions/default.json")).doesNotExist();
    }

    @Test
    void conditionalAccessBlockingTheDeviceCodeFlowFallsBackToTheBrowserAndSaysWhy() throws Exception {
        // the documented interval is 5 s; the stand-in asks for 1 s to keep the test short
        entra.server.stubFor(post(urlPathEqualTo("/common/oauth2/v2.0/devicecode")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"user_code\":\"DRX7KXQ3M\",\"device_code\":\"DAQABAAEAAAAm-06blBE1TpVMil8KPQ41\",\"verification_uri\":"
                        + "\"https://microsoft.com/devicelogin\",\"expires_in\":900,\"interval\":1,\"message\":\"To sign in, use a web browser"
                        + " to open the page https://microsoft.com/devicelogin and enter the code DRX7KXQ3M to authenticate.\"}")));
        entra.server.stubFor(post(urlPathEqualTo("/common/oauth2/v2.0/token")).withRequestBody(containing("device_code"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"AADSTS53003: Access has been blocked by Conditional"
                                + " Access policies. The access policy does not allow token issuance. Trace ID: 0e2d Correlation ID: 9a1c"
                                + " Timestamp: 2026-11-26 10:00:00Z\",\"error_codes\":[53003],\"suberror\":\"message_only\"}")));
        Cli cli = new Cli(home);
        Cli.Running login = cli.start("login", "--device", "--provider", "entra", "--issuer", entra.root(), "--tenant", "common",
                "--client-id", CLIENT, "--no-browser");
        String url = login.awaitStderr(signInUrl(), WAIT);
        issuesTokensFor(ProviderStandIn.query(url));

        entra.follow(url);
        Cli.Result result = login.await(WAIT);

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stderr()).contains("AADSTS53003").contains("Conditional Access policy blocked this sign-in")
                .contains("without --device").contains("continuing with a browser sign-in")
                .contains("Signed in as alice@contoso.com").doesNotContain("DAQABAAEAAAAm-06blBE1TpVMil8KPQ41");
    }
}
