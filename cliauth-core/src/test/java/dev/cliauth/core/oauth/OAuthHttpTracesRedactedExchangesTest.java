package dev.cliauth.core.oauth;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --verbose} shows the exchange — what was asked, what came back — so a person can debug a provider without
 * a proxy; and every code, token, verifier, secret, proof and assertion in it is redacted, even when the provider
 * repeats one in its error.
 */
class OAuthHttpTracesRedactedExchangesTest {
    private static final String CODE = "SplxlOBeZQQYbYS6WxSbIA";
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final String SECRET = "cl1ent-s3cret";
    private static final String ACCESS = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";
    private static final String REFRESH = "eyJhbGciOiJIUzUxMiJ9.cmVmcmVzaC1tZQ.c2lnbmF0dXJlMg";
    private static final String PROOF = "eyJ0eXAiOiJkcG9wK2p3dCJ9.eyJodG0iOiJQT1NUIn0.cHJvb2Y";

    private final WireMockServer provider = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private final List<String> trace = new ArrayList<>();
    private OAuthHttp http;

    @BeforeEach
    void start() {
        provider.start();
        http = new OAuthHttp(Duration.ofSeconds(2), Duration.ofSeconds(5), trace::add);
    }

    @AfterEach
    void stop() {
        provider.stop();
    }

    private HTTPRequest tokenRequest() throws Exception {
        HTTPRequest request = new HTTPRequest(HTTPRequest.Method.POST, URI.create(provider.baseUrl() + "/token"));
        request.setContentType("application/x-www-form-urlencoded");
        request.setAuthorization("Basic " + Base64.getEncoder().encodeToString(("cliauth:" + SECRET).getBytes(StandardCharsets.UTF_8)));
        request.setHeader("DPoP", PROOF);
        request.setBody("grant_type=authorization_code&code=" + CODE + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A41234%2Fcallback&code_verifier=" + VERIFIER);
        return request;
    }

    @Test
    void aCodeRedemptionIsShownRequestAndResponseWithNothingSecretInIt() throws Exception {
        provider.stubFor(post(urlPathEqualTo("/token")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("DPoP-Nonce", "eyJ7S_zG.nonce")
                .withBody("{\"access_token\":\"" + ACCESS + "\",\"token_type\":\"DPoP\",\"expires_in\":300,\"refresh_token\":\"" + REFRESH + "\"}")));

        HTTPResponse response = http.send(tokenRequest(), "token request");

        assertThat(response.getStatusCode()).isEqualTo(200);
        String all = String.join("\n", trace);
        assertThat(all).contains("POST " + provider.baseUrl() + "/token (token request): HTTP 200",
                "  > Authorization: Basic <redacted>",
                "  > DPoP: <redacted> (proof)",
                "  > grant_type=authorization_code&code=<redacted>&redirect_uri=http://127.0.0.1:41234/callback&code_verifier=<redacted>",
                "  < DPoP-Nonce: eyJ7S_zG.nonce",
                "  < {\"access_token\":\"<redacted>\",\"expires_in\":300,\"refresh_token\":\"<redacted>\",\"token_type\":\"DPoP\"}");
        assertThat(all).doesNotContain(CODE, VERIFIER, SECRET, ACCESS, REFRESH, PROOF, "c2lnbmF0dXJl");
    }

    @Test
    void aProviderThatEchoesTheSecretsItWasSentIsScrubbedToo() throws Exception {
        provider.stubFor(post(urlPathEqualTo("/token")).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"code " + CODE + " with verifier " + VERIFIER
                        + " and secret " + SECRET + " rejected\"}")));

        http.send(tokenRequest(), "token request");

        String all = String.join("\n", trace);
        assertThat(all).contains("(token request): HTTP 400", "\"error\":\"invalid_grant\"",
                "\"error_description\":\"code <redacted> with verifier <redacted> and secret <redacted> rejected\"");
        assertThat(all).doesNotContain(CODE, VERIFIER, SECRET);
    }

    @Test
    void aQueryIsShownRedactedAndAnHtmlPageOnlyMeasured() {
        provider.stubFor(get(urlPathEqualTo("/logout")).willReturn(aResponse().withStatus(502).withHeader("Content-Type", "text/html")
                .withBody("<html><title>Bad gateway</title></html>")));

        http.send(new HTTPRequest(HTTPRequest.Method.GET, URI.create(provider.baseUrl() + "/logout?client_id=cliauth&id_token_hint=" + ACCESS)), "logout");

        String all = String.join("\n", trace);
        assertThat(all).contains("GET " + provider.baseUrl() + "/logout (logout): HTTP 502",
                "  > query: client_id=cliauth&id_token_hint=<redacted>", "  < Content-Type: text/html", "  < (not a JSON object, 39 characters)");
        assertThat(all).doesNotContain(ACCESS);
    }
}
