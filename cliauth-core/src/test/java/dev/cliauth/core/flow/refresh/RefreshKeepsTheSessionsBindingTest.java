package dev.cliauth.core.flow.refresh;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.testing.FakeProvider;
import dev.cliauth.core.testing.Fixtures;
import dev.cliauth.core.testing.FollowingBrowser;
import dev.cliauth.core.token.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A session bound to a key (DPoP, RFC 9449) stays bound: a provider that answers its refresh with a Bearer token —
 * usable by anyone who copies it — is refused, nothing is stored, and the bound session is kept as it was.
 */
class RefreshKeepsTheSessionsBindingTest {
    @TempDir
    Path dir;

    @Test
    void aBearerAnswerToTheRefreshOfABoundSessionIsRefusedAndNothingIsStored() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            Fixtures f = new Fixtures(dir);
            Session bound = f.login(new FollowingBrowser(), Fixtures.laptop()).run(Fixtures.profile(provider).withDpop(true), Fixtures.BROWSER, false);
            assertThat(bound.tokens().tokenType()).isEqualTo("DPoP");
            provider.refreshWithBearer = true;

            Clock later = Clock.fixed(Instant.now().plusSeconds(3600), ZoneOffset.UTC);
            CliauthException e = catchThrowableOfType(CliauthException.class,
                    () -> f.current(later, Fixtures.profile(provider).withDpop(true)));

            assertThat(e.failure()).isEqualTo(Failure.LOGIN_FAILED);
            assertThat(e.getMessage()).contains("Bearer").contains("not stored").doesNotContain(bound.tokens().accessToken());
            Session stored = f.tokens.load("test").orElseThrow();
            assertThat(stored.tokens().accessToken()).isEqualTo(bound.tokens().accessToken());
            assertThat(stored.tokens().refreshToken()).isEqualTo(bound.tokens().refreshToken());
            assertThat(stored.tokens().tokenType()).isEqualTo("DPoP");
            assertThat(stored.dpopKey()).isEqualTo(bound.dpopKey());
            assertThat(provider.requestsTo("/token")).hasSize(2); // the login's, and the refused refresh
        }
    }

    @Test
    void theSameAnswerForAnUnboundSessionIsStored() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            Fixtures f = new Fixtures(dir);
            Session bearer = f.login(new FollowingBrowser(), Fixtures.laptop()).run(Fixtures.profile(provider), Fixtures.BROWSER, false);
            provider.refreshWithBearer = true;

            Session refreshed = f.current(Clock.fixed(Instant.now().plusSeconds(3600), ZoneOffset.UTC), Fixtures.profile(provider));

            assertThat(refreshed.tokens().accessToken()).isNotEqualTo(bearer.tokens().accessToken());
            assertThat(f.tokens.load("test").orElseThrow().tokens().accessToken()).isEqualTo(refreshed.tokens().accessToken());
        }
    }
}
