package dev.cliauth.core.flow.refresh;

import dev.cliauth.core.config.Profile;
import dev.cliauth.core.flow.Sleeper;
import dev.cliauth.core.io.PrivateFiles;
import dev.cliauth.core.oauth.TokenClient;
import dev.cliauth.core.provider.ProviderPreset;
import dev.cliauth.core.provider.ProviderSettings;
import dev.cliauth.core.testing.FakeProvider;
import dev.cliauth.core.testing.Fixtures;
import dev.cliauth.core.token.ProfileLocks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;

import static dev.cliauth.core.flow.refresh.TokenServiceRefreshesWhenExpiredTest.LOGIN;
import static org.assertj.core.api.Assertions.assertThat;

/** A refresh speaks to the token endpoint the way the profile's provider wants: Google's installed-app secret goes along. */
class RefreshFollowsTheProfilesProviderTest {
    @TempDir
    Path dir;

    private TokenService service(Fixtures f) {
        Clock clock = Clock.fixed(LOGIN.plusSeconds(301), ZoneOffset.UTC);
        return new TokenService(f.tokens, new TokenClient(f.http, clock),
                new ProfileLocks(dir.resolve("state"), new PrivateFiles(), Clock.systemUTC(), Sleeper.system(), Duration.ofSeconds(30)),
                clock, Sleeper.system(), f.profiles, null);
    }

    @Test
    void aGoogleProfilesRefreshSendsItsInstalledAppSecret() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            Fixtures f = new Fixtures(dir);
            f.profiles.save(Profile.of("test", provider.issuer(), FakeProvider.CLIENT_ID).withProvider(ProviderSettings.NONE
                    .withPreset(ProviderPreset.GOOGLE).withInstalledAppSecret(new ProviderSettings.InstalledAppSecret("GOCSPX-refresh"))));
            f.tokens.save(TokenServiceRefreshesWhenExpiredTest.session(provider, provider.issueRefreshToken()));

            service(f).current("test");

            assertThat(provider.requestsTo("/token")).singleElement().satisfies(r -> assertThat(r.param("client_secret")).isEqualTo("GOCSPX-refresh"));
        }
    }

    @Test
    void aProfileWithoutAPresetRefreshesByTheStandard() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            Fixtures f = new Fixtures(dir);
            f.profiles.save(Profile.of("test", provider.issuer(), FakeProvider.CLIENT_ID));
            f.tokens.save(TokenServiceRefreshesWhenExpiredTest.session(provider, provider.issueRefreshToken()));

            service(f).current("test");

            assertThat(provider.requestsTo("/token")).singleElement().satisfies(r -> assertThat(r.param("client_secret")).isNull());
        }
    }
}
