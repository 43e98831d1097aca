package dev.cliauth.core.flow.pkce;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.testing.FakeProvider;
import dev.cliauth.core.testing.Fixtures;
import dev.cliauth.core.testing.FollowingBrowser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class LoginStoresNothingWhenRejectedTest {

    @TempDir
    Path dir;

    @Test
    void providerErrorEndsTheLoginWithTheProvidersMessage() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            provider.authorizationError = "access_denied";
            Fixtures f = new Fixtures(dir);

            CliauthException e = catchThrowableOfType(CliauthException.class,
                    () -> f.login(new FollowingBrowser(), Fixtures.laptop()).run(Fixtures.profile(provider), Fixtures.BROWSER, false));

            assertThat(e.failure()).isEqualTo(Failure.LOGIN_FAILED);
            assertThat(e.getMessage()).contains("access_denied").contains("The user said no");
            assertThat(provider.requestsTo("/token")).isEmpty();
            assertNothingStored(f);
        }
    }

    @Test
    void idTokenWithWrongNonceIsRejected() throws Exception {
        assertIdTokenRejected(claims -> claims.claim("nonce", "someone-elses-nonce"));
    }

    @Test
    void idTokenForAnotherAudienceIsRejected() throws Exception {
        assertIdTokenRejected(claims -> claims.audience("another-client"));
    }

    @Test
    void idTokenFromAnotherIssuerIsRejected() throws Exception {
        assertIdTokenRejected(claims -> claims.issuer("https://evil.example"));
    }

    @Test
    void expiredIdTokenIsRejected() throws Exception {
        assertIdTokenRejected(claims -> claims.expirationTime(new Date(System.currentTimeMillis() - 3_600_000L)));
    }

    @Test
    void discoveryStatingAnotherIssuerIsRefusedBeforeTheBrowserOpens() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            provider.statedIssuer = provider.issuer() + "/";
            Fixtures f = new Fixtures(dir);
            FollowingBrowser browser = new FollowingBrowser();

            assertThatThrownBy(() -> f.login(browser, Fixtures.laptop()).run(Fixtures.profile(provider), Fixtures.BROWSER, false))
                    .isInstanceOfSatisfying(CliauthException.class, e -> {
                        assertThat(e.failure()).isEqualTo(Failure.PROVIDER_UNAVAILABLE);
                        assertThat(e.getMessage()).contains("says its issuer is");
                    });
            assertThat(browser.opened).isEmpty();
            assertNothingStored(f);
        }
    }

    @Test
    void nobodySigningInEndsInATimeout() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            Fixtures f = new Fixtures(dir);
            var profile = Fixtures.profile(provider).withLoginTimeout(Duration.ofMillis(300));

            CliauthException e = catchThrowableOfType(CliauthException.class,
                    () -> f.login(url -> true, Fixtures.laptop()).run(profile, Fixtures.BROWSER, false));

            assertThat(e.failure()).isEqualTo(Failure.TIMEOUT);
            assertThat(e.getMessage()).contains("--timeout");
            assertNothingStored(f);
        }
    }

    private void assertIdTokenRejected(UnaryOperator<com.nimbusds.jwt.JWTClaimsSet.Builder> tweak) throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            provider.idTokenTweak = tweak;
            Fixtures f = new Fixtures(dir);

            CliauthException e = catchThrowableOfType(CliauthException.class,
                    () -> f.login(new FollowingBrowser(), Fixtures.laptop()).run(Fixtures.profile(provider), Fixtures.BROWSER, false));

            assertThat(e.failure()).isEqualTo(Failure.LOGIN_FAILED);
            assertThat(e.getMessage()).contains("ID token").contains("nothing was stored");
            assertNothingStored(f);
        }
    }

    private static void assertNothingStored(Fixtures f) {
        assertThat(f.tokens.load("test")).isEmpty();
        assertThat(f.profiles.load("test")).isEmpty();
    }
}
