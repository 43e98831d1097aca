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

import static dev.cliauth.core.flow.refresh.GetTokenRefreshesWhenExpiredTest.LOGIN;
import static org.assertj.core.api.Assertions.assertThat;

/** A refresh speaks to the token endpoint the way the profile's provider wants: Google's installed-app secret goes along. */
class RefreshFollowsTheProfilesProviderTest {
    @TempDir
    Path dir;

    private void current(Fixtures f, Profile profile) {
        f.current(Clock.fixed(LOGIN.plusSeconds(301), ZoneOffset.UTC), profile);
    }

    @Test
    void aGoogleProfilesRefreshSendsItsInstalledAppSecret() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            Fixtures f = new Fixtures(dir);
            Profile google = Profile.of("test", provider.issuer(), FakeProvider.CLIENT_ID).withProvider(ProviderSettings.NONE
                    .withPreset(ProviderPreset.GOOGLE).withInstalledAppSecret(new ProviderSettings.InstalledAppSecret("GOCSPX-refresh")));
            f.tokens.save(GetTokenRefreshesWhenExpiredTest.session(provider, provider.issueRefreshToken()));

            current(f, google);

            assertThat(provider.requestsTo("/token")).singleElement().satisfies(r -> assertThat(r.param("client_secret")).isEqualTo("GOCSPX-refresh"));
        }
    }

    @Test
    void aProfileWithoutAPresetRefreshesByTheStandard() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            Fixtures f = new Fixtures(dir);
            f.tokens.save(GetTokenRefreshesWhenExpiredTest.session(provider, provider.issueRefreshToken()));

            current(f, Profile.of("test", provider.issuer(), FakeProvider.CLIENT_ID));

            assertThat(provider.requestsTo("/token")).singleElement().satisfies(r -> assertThat(r.param("client_secret")).isNull());
        }
    }
}
