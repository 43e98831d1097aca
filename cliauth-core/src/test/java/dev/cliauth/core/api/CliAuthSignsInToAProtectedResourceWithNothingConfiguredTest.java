package dev.cliauth.core.api;

import dev.cliauth.core.testing.FakeProvider;
import dev.cliauth.core.testing.FakeResource;
import dev.cliauth.core.testing.FollowingBrowser;
import dev.cliauth.core.token.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code CliAuth.builder().resource(URI)} does what {@code cliauth login --resource} does, and later calls use the profile it made. */
class CliAuthSignsInToAProtectedResourceWithNothingConfiguredTest {
    @TempDir
    Path home;

    @Test
    void theResourceAloneIsEnoughAndTheTokenIsForIt() throws Exception {
        try (FakeProvider provider = new FakeProvider(); FakeResource api = new FakeResource()) {
            provider.offerRegistration = true;
            api.authorizationServers = List.of(provider.issuer().toString());
            FollowingBrowser browser = new FollowingBrowser();
            List<String> lines = Collections.synchronizedList(new ArrayList<>());
            CliAuth.Builder builder = CliAuth.builder().environment(Map.of("HOME", home.toString(), "DISPLAY", ":0")).terminal(lines::add)
                    .browser(browser).timeout(Duration.ofSeconds(20)).store(TokenStorage.FILE).profile("mcp").resource(api.resource());

            Session session = builder.build().session();

            assertThat(provider.registrationRequests).hasSize(1);
            assertThat(session.clientId()).startsWith("registered-");
            assertThat(provider.requestsTo("/auth").get(0).param("resource")).isEqualTo(api.resource().toString());
            assertThat(provider.requestsTo("/token").get(0).param("resource")).isEqualTo(api.resource().toString());
            assertThat(Files.readString(home.resolve(".config/cliauth/profiles/mcp.json")))
                    .contains("\"resource\":\"" + api.resource() + "\"").contains("\"client_registered\":true");

            // a later program run: the profile is set up for the resource, so the stored token is handed out, nothing registered again
            assertThat(builder.build().accessToken()).isEqualTo(session.tokens().accessToken());
            assertThat(provider.registrationRequests).hasSize(1);
            assertThat(browser.opened).hasSize(1);
        }
    }
}
