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
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Auth0 through the real CLI. The stand-in follows Auth0's documentation: the issuer ends with a slash
 * (https://auth0.com/docs/get-started/applications/configure-applications-with-oidc-discovery), API access tokens
 * need {@code audience} (https://auth0.com/docs/secure/tokens/access-tokens/get-access-tokens), refresh tokens only
 * with {@code offline_access} (https://auth0.com/docs/secure/tokens/refresh-tokens/get-refresh-tokens), and an
 * unknown audience comes back as {@code access_denied} "Service not found".
 */
class ProviderAuth0IT {
    static final Duration WAIT = Duration.ofSeconds(90);
    static final String CLIENT = "kbyuFDidLLm280LIwVFiazOqjO3ty8KH";
    static final String AUDIENCE = "https://api.example.com";

    @TempDir
    Path home;
    ProviderStandIn auth0;
    Pattern signInUrl;

    @BeforeEach
    void start() {
        auth0 = new ProviderStandIn();
        auth0.discovery("", auth0.document(auth0.root() + "/", auth0.root() + "/oauth", ""));
        auth0.jwks("/oauth/keys");
        signInUrl = Pattern.compile("^\\s+(" + Pattern.quote(auth0.root() + "/oauth/authorize?") + "\\S+)$");
    }

    @AfterEach
    void stop() {
        auth0.close();
    }

    @Test
    void theAudienceAndOfflineAccessAreAskedForAndTheRefreshTokenKept() throws Exception {
        auth0.signsInAt("/oauth/authorize");
        Cli cli = new Cli(home);
        Cli.Running login = cli.start("login", "--provider", "auth0", "--issuer", auth0.root(), "--client-id", CLIENT,
                "--api-audience", AUDIENCE, "--no-browser");
        String url = login.awaitStderr(signInUrl, WAIT);
        Map<String, String> request = ProviderStandIn.query(url);
        assertThat(request).containsEntry("audience", AUDIENCE);
        assertThat(request.get("scope")).contains("offline_access");
        String idToken = auth0.idToken(auth0.root() + "/", CLIENT, request.get("nonce"), c -> c.claim("email", "grace@example.com"));
        auth0.server.stubFor(post(urlPathEqualTo("/oauth/token")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2FwaS5leGFtcGxlLmNvbSJ9.c2ln\","
                        + "\"refresh_token\":\"v1.MrAkS4\",\"id_token\":\"" + idToken + "\",\"scope\":\"openid profile email offline_access\","
                        + "\"expires_in\":86400,\"token_type\":\"Bearer\"}")));

        auth0.follow(url);
        Cli.Result result = login.await(WAIT);

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stderr()).contains("Signed in as grace@example.com to " + auth0.root() + "/");
        assertThat(cli.run(WAIT, "status", "--json").stdout()).contains("\"provider\":\"auth0\"");
    }

    @Test
    void anAudienceThatIsNoApiSaysWhereApisAreListed() throws Exception {
        auth0.server.stubFor(get(urlPathEqualTo("/oauth/authorize")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "{{request.query.redirect_uri}}?error=access_denied"
                        + "&error_description=Service%20not%20found%3A%20https%3A%2F%2Fapi.example.org&state={{request.query.state}}")
                .withTransformers("response-template")));
        Cli cli = new Cli(home);
        Cli.Running login = cli.start("login", "--provider", "auth0", "--issuer", auth0.root(), "--client-id", CLIENT,
                "--api-audience", "https://api.example.org", "--no-browser");

        auth0.follow(login.awaitStderr(signInUrl, WAIT));
        Cli.Result result = login.await(WAIT);

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.stderr()).contains("Service not found").contains("--api-audience").contains("Applications > APIs");
    }
}
