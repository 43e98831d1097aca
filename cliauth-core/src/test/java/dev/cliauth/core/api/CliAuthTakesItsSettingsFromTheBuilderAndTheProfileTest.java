package dev.cliauth.core.api;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.testing.FakeProvider;
import dev.cliauth.core.testing.FollowingBrowser;
import dev.cliauth.core.token.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Settings: checked when given, merged with the saved profile as cliauth login merges its flags, never mixed up. */
class CliAuthTakesItsSettingsFromTheBuilderAndTheProfileTest {
    @TempDir
    Path home;

    final FollowingBrowser browser = new FollowingBrowser();
    final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    private CliAuth.Builder builder() {
        return CliAuth.builder().environment(Map.of("HOME", home.toString(), "DISPLAY", ":0")).terminal(lines::add).browser(browser)
                .timeout(Duration.ofSeconds(20));
    }

    private static Failure failureOf(Executable call) {
        return catchThrowableOfType(CliauthException.class, () -> {
            try {
                call.execute();
            } catch (CliauthException e) {
                throw e;
            } catch (Throwable t) {
                throw new AssertionError(t);
            }
        }).failure();
    }

    @Test
    void badSettingsFailWhenGiven() {
        assertThat(failureOf(() -> CliAuth.builder().issuer(URI.create("http://id.example.com/realms/acme")))).isEqualTo(Failure.CONFIGURATION);
        assertThat(failureOf(() -> CliAuth.builder().issuer(URI.create("https://id.example.com/?x=1")))).isEqualTo(Failure.CONFIGURATION);
        assertThat(failureOf(() -> CliAuth.builder().clientId(" "))).isEqualTo(Failure.CONFIGURATION);
        assertThat(failureOf(() -> CliAuth.builder().scopes())).isEqualTo(Failure.CONFIGURATION);
        assertThat(failureOf(() -> CliAuth.builder().scopes("openid", ""))).isEqualTo(Failure.CONFIGURATION);
        assertThat(failureOf(() -> CliAuth.builder().profile("../etc"))).isEqualTo(Failure.CONFIGURATION);
        assertThat(failureOf(() -> CliAuth.builder().timeout(Duration.ZERO))).isEqualTo(Failure.CONFIGURATION);
    }

    @Test
    void withoutAnIssuerAndNoSavedProfileTheFirstCallSaysWhatToGive() {
        CliauthException e = catchThrowableOfType(CliauthException.class, () -> builder().profile("acme").build().accessToken());

        assertThat(e.failure()).isEqualTo(Failure.CONFIGURATION);
        assertThat(e.getMessage()).contains("Profile 'acme' has no issuer").contains("cliauth configure --profile acme");
        assertThat(browser.opened).isEmpty();
    }

    @Test
    void aLoginSavesTheProfileSoTheNameAloneIsEnoughLater() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            String token = builder().issuer(provider.issuer()).clientId(FakeProvider.CLIENT_ID).scopes("openid", "email").profile("acme")
                    .build().accessToken();
            assertThat(Files.readString(home.resolve(".config/cliauth/profiles/acme.json")))
                    .contains("\"client_id\":\"" + FakeProvider.CLIENT_ID + "\"").contains("\"scope\":\"openid email\"");

            assertThat(builder().profile("acme").build().accessToken()).isEqualTo(token);
            assertThat(browser.opened).hasSize(1);
            assertThat(provider.requestsTo("/auth").get(0).param("scope")).isEqualTo("openid email");
        }
    }

    @Test
    void aProviderPresetAndItsAudienceReachTheSignInAndTheSavedProfile() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            builder().provider(dev.cliauth.core.provider.ProviderPreset.AUTH0).apiAudience("https://api.example.com")
                    .issuer(provider.issuer()).clientId(FakeProvider.CLIENT_ID).profile("a0").build().accessToken();

            assertThat(provider.requestsTo("/auth").get(0).param("audience")).isEqualTo("https://api.example.com");
            assertThat(provider.requestsTo("/auth").get(0).param("scope")).isEqualTo("openid profile email offline_access");
            assertThat(Files.readString(home.resolve(".config/cliauth/profiles/a0.json")))
                    .contains("\"provider\":\"auth0\"").contains("\"api_audience\":\"https://api.example.com\"");
        }
    }

    @Test
    void aSessionForAnotherIssuerOrClientIsNeverHandedOut() throws Exception {
        try (FakeProvider first = new FakeProvider(); FakeProvider second = new FakeProvider()) {
            builder().issuer(first.issuer()).clientId(FakeProvider.CLIENT_ID).build().accessToken();

            Session fromSecond = builder().issuer(second.issuer()).clientId(FakeProvider.CLIENT_ID).build().session();
            assertThat(fromSecond.issuer()).isEqualTo(second.issuer());
            assertThat(second.requestsTo("/auth")).hasSize(1);
            assertThat(first.requestsTo("/token")).hasSize(1); // the first provider's session was not even refreshed

            Session otherClient = builder().issuer(second.issuer()).clientId("another-cli").build().session();
            assertThat(otherClient.clientId()).isEqualTo("another-cli");
            assertThat(second.requestsTo("/auth")).hasSize(2);
            assertThat(second.requestsTo("/auth").get(1).param("client_id")).isEqualTo("another-cli");
            assertThat(otherClient.tokens().accessToken()).isNotEqualTo(fromSecond.tokens().accessToken());
        }
    }

    @Test
    void toStringShowsTheSettingsAndNoToken() {
        assertThat(CliAuth.builder().issuer(URI.create("https://id.example.com/realms/acme")).clientId("acme-cli").profile("work")
                .device(true).openBrowser(false).build())
                .hasToString("CliAuth[profile=work, issuer=https://id.example.com/realms/acme, clientId=acme-cli, device=true, openBrowser=false]");
        assertThat(CliAuth.builder().build()).hasToString(
                "CliAuth[profile=default, issuer=(from the profile), clientId=(from the profile), device=false, openBrowser=(from the profile)]");
    }
}
