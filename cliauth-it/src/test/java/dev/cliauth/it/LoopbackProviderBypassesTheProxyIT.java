package dev.cliauth.it;

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
 * HTTP_PROXY and HTTPS_PROXY set, a provider on 127.0.0.1: the code, the refresh token and its revocation go to the
 * provider directly, and the proxy sees none of them (loopback is never proxied, as the JDK's own default has it);
 * a remote issuer does go through the proxy.
 */
class LoopbackProviderBypassesTheProxyIT {
    static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path home;

    @Test
    void aLoopbackProviderGetsTheCodeAndTheRefreshTokenDirectly() throws Exception {
        try (RecordingProxy proxy = new RecordingProxy(); ProviderStandIn provider = new ProviderStandIn()) {
            String issuer = provider.root() + "/realms/local";
            String base = issuer + "/protocol";
            provider.discovery("/realms/local", provider.document(issuer, base, ",\"revocation_endpoint\":\"" + base + "/revoke\""));
            provider.signsInAt("/realms/local/protocol/authorize");
            provider.server.stubFor(post(urlPathEqualTo("/realms/local/protocol/token")).withRequestBody(containing("grant_type=authorization_code"))
                    .willReturn(tokens("at-1", "rt-1")));
            provider.server.stubFor(post(urlPathEqualTo("/realms/local/protocol/token")).withRequestBody(containing("grant_type=refresh_token"))
                    .willReturn(tokens("at-2", "rt-2")));
            provider.server.stubFor(post(urlPathEqualTo("/realms/local/protocol/revoke")).willReturn(aResponse().withStatus(200)));
            Cli cli = new Cli(home).with("HTTP_PROXY", proxy.url()).with("HTTPS_PROXY", proxy.url()).with("http_proxy", proxy.url());

            Cli.Running login = cli.start("login", "--issuer", issuer, "--client-id", "cli", "--scope", "profile", "--no-browser");
            provider.follow(login.awaitStderr(Pattern.compile("^\\s+(" + Pattern.quote(base + "/authorize?") + "\\S+)$"), WAIT));
            assertThat(login.await(WAIT).exitCode()).isZero();
            TokenLifecycleIT.expire(cli.stateDir().resolve("sessions/default.json"));
            Cli.Result refreshed = cli.run(WAIT, "token");
            Cli.Result logout = cli.run(WAIT, "logout");

            assertThat(refreshed.stdout().strip()).as(refreshed.stderr()).isEqualTo("at-2");
            assertThat(logout.exitCode()).as(logout.stderr()).isZero();
            assertThat(provider.forms("/realms/local/protocol/token")).extracting(form -> form.get("grant_type"))
                    .containsExactly("authorization_code", "refresh_token");
            assertThat(provider.forms("/realms/local/protocol/revoke")).extracting(form -> form.get("token")).containsExactly("rt-2");
            assertThat(proxy.requestLines()).as("what the proxy saw").isEmpty();

            // the same environment sends a remote issuer's requests through the proxy
            Cli.Result remote = cli.run(WAIT, "login", "--issuer", "https://id.example.test/realms/remote", "--client-id", "cli", "--no-browser");
            assertThat(remote.exitCode()).isNotZero();
            assertThat(proxy.requestLines()).isNotEmpty().allMatch(line -> line.equals("CONNECT id.example.test:443 HTTP/1.1"));
        }
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder tokens(String access, String refresh) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"" + access + "\",\"token_type\":\"Bearer\",\"expires_in\":300,\"refresh_token\":\"" + refresh + "\"}");
    }
}
