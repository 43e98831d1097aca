package dev.cliauth.core.oauth;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.device.DeviceCode;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The token endpoint's dialects: GitHub's JSON-on-request and errors in a 200, Google's secret, WorkOS's untyped token. */
class TokenClientSpeaksEachProvidersDialectTest {
    private static final TokenEndpointOptions GITHUB = new TokenEndpointOptions(Optional.empty(), true, true, false);
    private WireMockServer server;
    private URI endpoint;
    private TokenClient client;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        endpoint = URI.create("http://127.0.0.1:" + server.port() + "/login/oauth/access_token");
        client = new TokenClient(new OAuthHttp(Duration.ofSeconds(5), Duration.ofSeconds(5)), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void githubsDeviceFlowErrorsInAnHttp200AreErrorsAndJsonIsAskedFor() {
        // https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps#error-codes-for-the-device-flow
        server.stubFor(post(urlPathEqualTo("/login/oauth/access_token")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"slow_down\",\"error_description\":\"Too many requests have been made in the same timeframe.\",\"interval\":10}")));

        TokenResult result = client.with(GITHUB).pollDevice(endpoint, "Iv1.abc", new DeviceCode("dc-1"), null);

        assertThat(result).isInstanceOfSatisfying(TokenResult.Rejected.class, r -> assertThat(r.error()).isEqualTo("slow_down"));
        server.verify(postRequestedFor(urlPathEqualTo("/login/oauth/access_token")).withHeader("Accept", equalTo("application/json")));
    }

    @Test
    void withoutThePresetAnHttp200ErrorIsNotATokenResponse() {
        server.stubFor(post(urlPathEqualTo("/login/oauth/access_token")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"authorization_pending\"}")));

        CliauthException e = catchThrowableOfType(CliauthException.class,
                () -> client.pollDevice(endpoint, "Iv1.abc", new DeviceCode("dc-1"), null));
        assertThat(e.failure()).isEqualTo(Failure.PROVIDER_UNAVAILABLE);
    }

    @Test
    void githubsLowercaseBearerTokenWithCommaScopesIsIssued() {
        // https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps#response
        server.stubFor(post(urlPathEqualTo("/login/oauth/access_token")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"gho_16C7e42F292c6912E7710c838347Ae178B4a\",\"scope\":\"repo,gist\",\"token_type\":\"bearer\"}")));

        TokenResult result = client.with(GITHUB).redeem(endpoint, "Iv1.abc", new AuthorizationCode("c"), URI.create("http://127.0.0.1:1/callback"),
                new CodeVerifier());

        assertThat(result).isInstanceOfSatisfying(TokenResult.Issued.class, issued -> {
            assertThat(issued.tokens().accessToken()).isEqualTo("gho_16C7e42F292c6912E7710c838347Ae178B4a");
            assertThat(issued.tokens().refreshToken()).isEmpty();
        });
    }

    @Test
    void googlesInstalledAppSecretGoesInTheForm() {
        server.stubFor(post(urlPathEqualTo("/login/oauth/access_token")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"ya29.a0\",\"expires_in\":3599,\"token_type\":\"Bearer\",\"refresh_token\":\"1//0g\"}")));
        TokenEndpointOptions google = new TokenEndpointOptions(Optional.of("GOCSPX-secret"), false, false, false);

        client.with(google).refresh(endpoint, "123.apps.googleusercontent.com", "1//0g");

        server.verify(postRequestedFor(urlPathEqualTo("/login/oauth/access_token"))
                .withRequestBody(containing("client_secret=GOCSPX-secret")).withRequestBody(containing("grant_type=refresh_token")));
    }

    @Test
    void workosUntypedTokensAreBearerTokens() {
        // https://workos.com/docs/reference/authkit/cli-auth/device-code: access_token, refresh_token and the user, no token_type
        server.stubFor(post(urlPathEqualTo("/login/oauth/access_token")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"user\":{\"object\":\"user\",\"email\":\"marcelina@example.com\"},\"access_token\":\"eyJhbGciOi\",\"refresh_token\":\"yAjhKk1\"}")));

        TokenResult result = client.with(new TokenEndpointOptions(Optional.empty(), true, false, true))
                .pollDevice(endpoint, "client_01", new DeviceCode("dc"), null);

        assertThat(result).isInstanceOfSatisfying(TokenResult.Issued.class, issued -> {
            assertThat(issued.tokens().tokenType()).isEqualToIgnoringCase("Bearer");
            assertThat(issued.tokens().refreshToken()).contains("yAjhKk1");
        });
    }

    @Test
    void anHtmlPageInsteadOfJsonNamesTheUrlStatusTypeAndTitleButNotTheBody() {
        server.stubFor(post(urlPathEqualTo("/login/oauth/access_token")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html; charset=utf-8")
                .withBody("<html><head><title>Corporate Proxy - Access Blocked</title></head><body>session=SECRET-COOKIE</body></html>")));

        CliauthException e = catchThrowableOfType(CliauthException.class,
                () -> client.refresh(endpoint, "c", "rt"));

        assertThat(e.failure()).isEqualTo(Failure.PROVIDER_UNAVAILABLE);
        assertThat(e.getMessage()).contains(endpoint.toString()).contains("HTTP 200").contains("text/html")
                .contains("Corporate Proxy - Access Blocked").contains("expected JSON").doesNotContain("SECRET-COOKIE");
    }

    @Test
    void aProxysErrorPageIsAnErrorThatSaysWhatCameBack() {
        server.stubFor(post(urlPathEqualTo("/login/oauth/access_token")).willReturn(aResponse().withStatus(502)
                .withHeader("Content-Type", "text/html").withBody("<html><title>502 Bad Gateway</title></html>")));

        TokenResult result = client.refresh(endpoint, "c", "rt");

        assertThat(result).isInstanceOfSatisfying(TokenResult.Rejected.class, r -> {
            assertThat(r.httpStatus()).isEqualTo(502);
            assertThat(r.error()).contains("502 Bad Gateway").contains("text/html");
        });
    }
}
