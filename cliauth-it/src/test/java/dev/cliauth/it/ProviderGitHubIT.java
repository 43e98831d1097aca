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
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * GitHub (and GitHub Enterprise Server, whose base URL the stand-in plays) through the real CLI. The stand-in
 * follows https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps: fixed endpoints,
 * no discovery and no ID token; token responses form-encoded unless {@code Accept: application/json} is sent; the
 * device flow's errors ({@code authorization_pending}, {@code device_flow_disabled}) in an HTTP 200.
 */
class ProviderGitHubIT {
    static final Duration WAIT = Duration.ofSeconds(90);
    static final String CLIENT = "Iv1.8a61f9b3a7aba766";
    static final String TOKEN = "gho_16C7e42F292c6912E7710c838347Ae178B4a";

    @TempDir
    Path home;
    ProviderStandIn github;

    @BeforeEach
    void start() {
        github = new ProviderStandIn();
        github.signsInAt("/login/oauth/authorize");
        // without Accept: application/json GitHub answers form-encoded, which an OAuth client cannot read as JSON
        github.server.stubFor(post(urlPathEqualTo("/login/oauth/access_token")).atPriority(9).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .withBody("access_token=" + TOKEN + "&scope=repo%2Cgist&token_type=bearer")));
    }

    @AfterEach
    void stop() {
        github.close();
    }

    private void issuesTokensAsJson() {
        github.server.stubFor(post(urlPathEqualTo("/login/oauth/access_token")).atPriority(1).withHeader("Accept", equalTo("application/json"))
                .withRequestBody(containing("grant_type=authorization_code")).willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/json; charset=utf-8")
                        .withBody("{\"access_token\":\"" + TOKEN + "\",\"scope\":\"repo,gist\",\"token_type\":\"bearer\"}")));
    }

    @Test
    void signsInWithFixedEndpointsUnderTheBaseUrlAndStoresTheOAuthToken() throws Exception {
        issuesTokensAsJson();
        Cli cli = new Cli(home);
        Cli.Running login = cli.start("login", "--provider", "github", "--issuer", github.root(), "--client-id", CLIENT,
                "--scope", "repo gist", "--no-browser");
        String url = login.awaitStderr(Pattern.compile("^\\s+(" + Pattern.quote(github.root() + "/login/oauth/authorize?") + "\\S+)$"), WAIT);
        assertThat(ProviderStandIn.query(url)).containsEntry("client_id", CLIENT).containsEntry("scope", "repo gist")
                .containsEntry("code_challenge_method", "S256").doesNotContainKey("nonce");

        github.follow(url);
        Cli.Result result = login.await(WAIT);

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stderr()).contains("Signed in to " + github.root());
        assertThat(github.requests("/.well-known")).isEmpty();
        Cli.Result token = cli.run(WAIT, "token");
        assertThat(token.exitCode()).as(token.stderr()).isZero();
        assertThat(token.stdout().strip()).isEqualTo(TOKEN);
    }

    @Test
    void theDeviceFlowReadsGitHubsErrorsInAnHttp200() throws Exception {
        // https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps#device-flow
        // (the documented interval is 5 s; the stand-in asks for 1 s to keep the test short)
        github.server.stubFor(post(urlPathEqualTo("/login/device/code")).withHeader("Accept", equalTo("application/json"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                        .withBody("{\"device_code\":\"3584d83530557fdd1f46af8289938c8ef79f9dc5\",\"user_code\":\"WDJB-MJHT\","
                                + "\"verification_uri\":\"https://github.com/login/device\",\"expires_in\":900,\"interval\":1}")));
        github.server.stubFor(post(urlPathEqualTo("/login/oauth/access_token")).atPriority(1).inScenario("poll")
                .whenScenarioStateIs(Scenario.STARTED).withHeader("Accept", equalTo("application/json"))
                .withRequestBody(containing("device_code")).willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/json; charset=utf-8")
                        .withBody("{\"error\":\"authorization_pending\",\"error_description\":\"The authorization request is still pending.\","
                                + "\"error_uri\":\"https://docs.github.com/developers/apps/authorizing-oauth-apps#error-codes-for-the-device-flow\"}"))
                .willSetStateTo("approved"));
        github.server.stubFor(post(urlPathEqualTo("/login/oauth/access_token")).atPriority(1).inScenario("poll")
                .whenScenarioStateIs("approved").withHeader("Accept", equalTo("application/json"))
                .withRequestBody(containing("device_code")).willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/json; charset=utf-8")
                        // an expiring user token of a GitHub App: the only kind that comes with a refresh token
                        // (https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/refreshing-user-access-tokens)
                        .withBody("{\"access_token\":\"" + TOKEN + "\",\"expires_in\":28800,\"refresh_token\":\"ghr_1B4a2e77838347a7E420ce178F2E7c6912E169246c\","
                                + "\"refresh_token_expires_in\":15811200,\"token_type\":\"bearer\",\"scope\":\"\"}")));
        Cli cli = new Cli(home);

        Cli.Result result = cli.run(WAIT, "login", "--device", "--provider", "github", "--issuer", github.root(), "--client-id", CLIENT,
                "--no-browser");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stderr()).contains("WDJB-MJHT").contains("Signed in to " + github.root())
                .doesNotContain("3584d83530557fdd1f46af8289938c8ef79f9dc5");
        assertThat(github.requests("/login/oauth/access_token")).hasSize(2);
        assertThat(cli.run(WAIT, "token").stdout().strip()).isEqualTo(TOKEN);

        Cli.Result logout = cli.run(WAIT, "logout");
        assertThat(logout.exitCode()).as(logout.stderr()).isZero();
        assertThat(logout.stderr()).contains("GitHub offers no revocation").doesNotContain("discovery");
        assertThat(github.requests("/.well-known")).isEmpty();
    }

    @Test
    void aDeviceFlowThatIsOffInTheAppsSettingsFallsBackToTheBrowserAndSaysWhereToTurnItOn() throws Exception {
        github.server.stubFor(post(urlPathEqualTo("/login/device/code")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("{\"error\":\"device_flow_disabled\",\"error_description\":\"Device flow has not been enabled for this app.\"}")));
        issuesTokensAsJson();
        Cli cli = new Cli(home);
        Cli.Running login = cli.start("login", "--device", "--provider", "github", "--issuer", github.root(), "--client-id", CLIENT,
                "--no-browser");
        String url = login.awaitStderr(Pattern.compile("^\\s+(" + Pattern.quote(github.root() + "/login/oauth/authorize?") + "\\S+)$"), WAIT);

        github.follow(url);
        Cli.Result result = login.await(WAIT);

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stderr()).contains("device_flow_disabled").contains("Enable Device Flow").contains("Signed in to");
    }
}
