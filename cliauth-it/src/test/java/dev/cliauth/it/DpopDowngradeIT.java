package dev.cliauth.it;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
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
 * A provider that binds the tokens of a login to its DPoP key (RFC 9449) and then answers a refresh with a Bearer
 * token — a downgrade: the token would work for whoever copies it. Through bin/cliauth: the refresh is refused in one
 * line, nothing is stored, and the bound session stays as it was; kubectl and git never see a token either way.
 */
class DpopDowngradeIT {
    static final Duration WAIT = Duration.ofSeconds(90);
    static final String CLIENT = "dpop-cli";

    @TempDir
    Path home;
    ProviderStandIn provider;
    String issuer;

    @BeforeEach
    void start() {
        provider = new ProviderStandIn();
        issuer = provider.root();
        provider.discovery("", provider.document(issuer, issuer, ",\"dpop_signing_alg_values_supported\":[\"ES256\"]"));
        provider.jwks("/keys");
        provider.signsInAt("/authorize");
        provider.server.stubFor(post(urlPathEqualTo("/token")).withRequestBody(containing("grant_type=refresh_token"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"token_type\":\"Bearer\",\"expires_in\":3600,\"access_token\":\"downgraded-bearer-token\"}")));
    }

    @AfterEach
    void stop() {
        provider.close();
    }

    @Test
    void aBearerAnswerToTheRefreshOfABoundSessionIsRefusedAndTheSessionKept() throws Exception {
        Cli cli = new Cli(home);
        Cli.Running login = cli.start("login", "--issuer", issuer, "--client-id", CLIENT, "--dpop", "--no-browser", "--scope", "openid");
        String url = login.awaitStderr(Pattern.compile("^\\s+(" + Pattern.quote(issuer + "/authorize?") + "\\S+)$"), WAIT);
        String idToken = provider.idToken(issuer, CLIENT, ProviderStandIn.query(url).get("nonce"), c -> { });
        provider.server.stubFor(post(urlPathEqualTo("/token")).withRequestBody(containing("grant_type=authorization_code"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"token_type\":\"DPoP\",\"expires_in\":3600,\"access_token\":\"bound-access-token\","
                                + "\"refresh_token\":\"bound-refresh-token\",\"id_token\":\"" + idToken + "\"}")));
        provider.follow(url);
        Cli.Result signedIn = login.await(WAIT);
        assertThat(signedIn.exitCode()).as(signedIn.stderr()).isZero();
        Path session = cli.stateDir().resolve("sessions/default.json");
        String before = Files.readString(session);

        // --min-valid longer than the token's life: the refresh is due now
        Cli.Result refreshed = cli.run(WAIT, "token", "--min-valid", "2h");

        assertThat(refreshed.exitCode()).isEqualTo(4);
        assertThat(refreshed.stdout()).isEmpty();
        assertThat(refreshed.stderr().strip()).doesNotContain("\n").contains("Bearer").contains("not stored").doesNotContain("downgraded-bearer-token");
        assertThat(provider.requests("/token")).hasSize(2);
        assertThat(Files.readString(session)).isEqualTo(before);
        Map<String, Object> stored = JSONObjectUtils.parse(before);
        assertThat(stored).containsEntry("token_type", "DPoP").containsEntry("access_token", "bound-access-token");
        assertThat(cli.run(WAIT, "token").stdout().strip()).isEqualTo("bound-access-token");
        Cli.Result kubectl = cli.run(WAIT, "kube-credential", "--token-type", "access");
        assertThat(kubectl.exitCode()).isEqualTo(8);
        assertThat(kubectl.stdout()).isEmpty();
    }
}
