package dev.cliauth.core.flow.pkce;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.testing.FakeProvider;
import dev.cliauth.core.testing.Fixtures;
import dev.cliauth.core.testing.FollowingBrowser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** RFC 9207: the authorization response's iss must be this login's issuer; the code is never redeemed otherwise. */
class PkceLoginDefendsAgainstMixUpTest {
    @TempDir
    Path dir;

    @Test
    void theRightIssIsAccepted() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            provider.advertiseIss = true;
            provider.authorizationIss = provider.issuer().toString();
            Fixtures f = new Fixtures(dir);
            assertThat(f.login(new FollowingBrowser(), Fixtures.laptop()).run(Fixtures.profile(provider), Fixtures.BROWSER, false).subject()).isPresent();
        }
    }

    @Test
    void anotherIssuersResponseIsRefusedAndItsCodeNeverRedeemed() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            provider.authorizationIss = "https://attacker.example";
            assertRefused(provider, "attacker.example");
        }
    }

    @Test
    void aMissingIssIsRefusedWhenTheProviderSaysItSendsOne() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            provider.advertiseIss = true;
            assertRefused(provider, "no iss parameter");
        }
    }

    @Test
    void aMissingIssIsFineWhenTheProviderDoesNotAdvertiseIt() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            Fixtures f = new Fixtures(dir);
            assertThat(f.login(new FollowingBrowser(), Fixtures.laptop()).run(Fixtures.profile(provider), Fixtures.BROWSER, false).subject()).isPresent();
        }
    }

    private void assertRefused(FakeProvider provider, String text) {
        Fixtures f = new Fixtures(dir);
        CliauthException e = catchThrowableOfType(CliauthException.class,
                () -> f.login(new FollowingBrowser(), Fixtures.laptop()).run(Fixtures.profile(provider), Fixtures.BROWSER, false));
        assertThat(e.failure()).isEqualTo(Failure.LOGIN_FAILED);
        assertThat(e.getMessage()).contains(text).contains("not used");
        assertThat(provider.requestsTo("/token")).isEmpty();
        assertThat(f.tokens.load("test")).isEmpty();
    }
}
