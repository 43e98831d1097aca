package dev.cliauth.it;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
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
 * WorkOS AuthKit through the real CLI. The stand-in follows https://workos.com/docs/reference/authkit/cli-auth:
 * {@code POST /user_management/authorize/device} for codes, {@code POST /user_management/authenticate} polled with
 * the device code grant, answering {@code authorization_pending} and then the user with an access token and a
 * refresh token (and no {@code token_type}); and the hosted sign-in at {@code /user_management/authorize} with
 * {@code provider=authkit} (https://workos.com/docs/reference/authkit/authentication/get-authorization-url).
 */
class ProviderWorkOSIT {
    static final Duration WAIT = Duration.ofSeconds(90);
    static final String CLIENT = "client_01HZBC6N1EB1ZY7KG32X";
    static final String ACCESS = "eyJhbGciOiJSUzI1NiIsImtpZCI6InNzb19vaWRjX2tleV9wYWlyXzAxIn0.eyJzdWIiOiJ1c2VyXzAxIn0.c2ln";

    @TempDir
    Path home;
    ProviderStandIn workos;

    @BeforeEach
    void start() {
        workos = new ProviderStandIn();
    }

    @AfterEach
    void stop() {
        workos.close();
    }

    private static String authenticated() {
        return "{\"user\":{\"object\":\"user\",\"id\":\"user_01E4ZCR3C56J083X43JQXF3JK5\",\"email\":\"marcelina.davis@example.com\"},"
                + "\"organization_id\":\"org_01H945H0YD4F97JN9MATX7BYAG\",\"access_token\":\"" + ACCESS + "\","
                + "\"refresh_token\":\"yAjhKk123NLIjdrBdGZPf8pLIDvK\",\"authentication_method\":\"GoogleOAuth\"}";
    }

    @Test
    void theDeviceFlowPollsAuthenticateUntilApprovedAndKeepsTheUntypedToken() throws Exception {
        // (the documented interval is 5 s; the stand-in asks for 1 s to keep the test short)
        workos.server.stubFor(post(urlPathEqualTo("/user_management/authorize/device")).withRequestBody(containing("client_id=" + CLIENT))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"device_code\":\"CVE2wOfIFK4vhmiDBntpX9s8KT2f0qngpWYL0LGy9HxYgBRXUKIUkZB9BgIFho5h\",\"user_code\":\"BCDF-GHJK\","
                                + "\"verification_uri\":\"https://authkit.example.com/device\",\"verification_uri_complete\":"
                                + "\"https://authkit.example.com/device?user_code=BCDF-GHJK\",\"expires_in\":300,\"interval\":1}")));
        workos.server.stubFor(post(urlPathEqualTo("/user_management/authenticate")).inScenario("poll").whenScenarioStateIs(Scenario.STARTED)
                .withRequestBody(containing("device_code")).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"authorization_pending\",\"error_description\":\"The authorization request is still pending.\"}"))
                .willSetStateTo("approved"));
        workos.server.stubFor(post(urlPathEqualTo("/user_management/authenticate")).inScenario("poll").whenScenarioStateIs("approved")
                .withRequestBody(containing("device_code")).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(authenticated())));
        Cli cli = new Cli(home);

        Cli.Result result = cli.run(WAIT, "login", "--device", "--provider", "workos", "--issuer", workos.root(), "--client-id", CLIENT,
                "--no-browser");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stderr()).contains("BCDF-GHJK").contains("Signed in to " + workos.root());
        assertThat(cli.run(WAIT, "token").stdout().strip()).isEqualTo(ACCESS);
    }

    @Test
    void theBrowserSignInAsksForAuthKit() throws Exception {
        workos.signsInAt("/user_management/authorize");
        workos.server.stubFor(post(urlPathEqualTo("/user_management/authenticate")).withRequestBody(containing("grant_type=authorization_code"))
                .withRequestBody(containing("code_verifier=")).willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/json").withBody(authenticated())));
        Cli cli = new Cli(home);
        Cli.Running login = cli.start("login", "--provider", "workos", "--issuer", workos.root(), "--client-id", CLIENT, "--no-browser");
        String url = login.awaitStderr(Pattern.compile("^\\s+(" + Pattern.quote(workos.root() + "/user_management/authorize?") + "\\S+)$"), WAIT);
        assertThat(ProviderStandIn.query(url)).containsEntry("provider", "authkit").containsEntry("code_challenge_method", "S256");

        workos.follow(url);
        Cli.Result result = login.await(WAIT);

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(cli.run(WAIT, "token").stdout().strip()).isEqualTo(ACCESS);
    }
}
