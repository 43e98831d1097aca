package dev.cliauth.core.api;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.config.Profile;
import dev.cliauth.core.config.ProfileStore;
import dev.cliauth.core.config.Workload;
import dev.cliauth.core.io.PrivateFiles;
import dev.cliauth.core.testing.FakeProvider;
import dev.cliauth.core.testing.FollowingBrowser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The same program in CI: a profile configured for workload identity gets its token with no login and no browser. */
class AccessTokenComesFromTheWorkloadIdentityOfAWorkloadProfileTest {
    @TempDir
    Path home;

    final FollowingBrowser browser = new FollowingBrowser();

    private void configureWorkload(URI issuer) {
        // what 'cliauth configure --profile acme --grant client_credentials --client-id acme-ci --client-secret-env ACME_SECRET' saves
        Workload workload = new Workload(Workload.Grant.CLIENT_CREDENTIALS,
                new Workload.ClientAuth.Secret(new Workload.SecretRef.EnvVariable("ACME_SECRET"), false), Optional.empty(), Optional.empty(),
                Optional.empty());
        new ProfileStore(home.resolve(".config/cliauth"), new PrivateFiles())
                .save(Profile.of("acme", issuer, "acme-ci").withScope("").withWorkload(workload));
    }

    private CliAuth.Builder builder(FakeProvider provider) {
        return CliAuth.builder().issuer(provider.issuer()).clientId(FakeProvider.CLIENT_ID).profile("acme").browser(browser).terminal(line -> { })
                .environment(Map.of("HOME", home.toString(), "GITHUB_ACTIONS", "true", "ACME_SECRET", "s3cret"));
    }

    @Test
    void onACiRunnerTheWorkloadsOwnCredentialsGetTheToken() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            configureWorkload(provider.issuer());

            CliAuth auth = builder(provider).build();
            String token = auth.accessToken();

            assertThat(token).startsWith("cc-");
            assertThat(auth.accessToken()).isEqualTo(token); // cached while fresh
            assertThat(provider.requestsTo("/token")).singleElement().satisfies(request -> {
                assertThat(request.param("grant_type")).isEqualTo("client_credentials");
            });
            assertThat(provider.requestsTo("/auth")).isEmpty();
            assertThat(browser.opened).isEmpty();
        }
    }

    @Test
    void aWorkloadProfileForAnotherIssuerIsNotUsed() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            configureWorkload(URI.create("https://id.example.com/realms/other"));

            CliauthException e = catchThrowableOfType(CliauthException.class, () -> builder(provider).build().accessToken());

            assertThat(e.failure()).isEqualTo(Failure.CONFIGURATION);
            assertThat(e.getMessage()).contains("workload identity at https://id.example.com/realms/other");
            assertThat(provider.requests).isEmpty();
        }
    }
}
