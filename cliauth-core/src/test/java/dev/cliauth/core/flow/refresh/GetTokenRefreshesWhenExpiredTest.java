package dev.cliauth.core.flow.refresh;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.Problem;
import dev.cliauth.core.config.Profile;
import dev.cliauth.core.flow.token.GetToken;
import dev.cliauth.core.flow.Sleeper;
import dev.cliauth.core.io.PrivateFiles;
import dev.cliauth.core.oauth.TokenClient;
import dev.cliauth.core.testing.FakeProvider;
import dev.cliauth.core.testing.Fixtures;
import dev.cliauth.core.token.ProfileLocks;
import dev.cliauth.core.token.Session;
import dev.cliauth.core.token.TokenSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

public class GetTokenRefreshesWhenExpiredTest {
    public static final Instant LOGIN = Instant.parse("2026-11-26T10:00:00Z");

    @TempDir
    Path dir;

    final List<Duration> sleeps = new ArrayList<>();

    @Test
    void aFreshTokenIsReturnedWithoutAskingTheProvider() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            Fixtures f = new Fixtures(dir);
            f.tokens.save(session(provider, provider.issueRefreshToken()));

            Session current = service(f, LOGIN.plusSeconds(200)).get(GetToken.Request.of(Fixtures.profile(provider), "test"));

            assertThat(current.tokens().accessToken()).isEqualTo("old-access");
            assertThat(provider.requests).isEmpty();
        }
    }

    @Test
    void anExpiredTokenIsRefreshedAndTheRotatedRefreshTokenIsStoredFirst() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            Fixtures f = new Fixtures(dir);
            String oldRefresh = provider.issueRefreshToken();
            f.tokens.save(session(provider, oldRefresh));

            Session current = service(f, LOGIN.plusSeconds(301)).get(GetToken.Request.of(Fixtures.profile(provider), "test"));

            assertThat(current.tokens().accessToken()).startsWith("at-");
            Session stored = f.tokens.load("test").orElseThrow();
            assertThat(stored.tokens().accessToken()).isEqualTo(current.tokens().accessToken());
            assertThat(stored.tokens().refreshToken()).isPresent().isNotEqualTo(Optional.of(oldRefresh));
            assertThat(stored.refreshedAt()).contains(LOGIN.plusSeconds(301));
            assertThat(stored.subject()).contains(FakeProvider.SUBJECT);
            assertThat(provider.requestsTo("/token").get(0).param("refresh_token")).isEqualTo(oldRefresh);
        }
    }

    @Test
    void aTokenInItsLastTenthOfLifetimeIsRefreshedEarly() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            Fixtures f = new Fixtures(dir);
            f.tokens.save(session(provider, provider.issueRefreshToken()));

            // 300 s lifetime: the margin is 30 s, so at 275 s the token counts as expiring.
            service(f, LOGIN.plusSeconds(275)).get(GetToken.Request.of(Fixtures.profile(provider), "test"));

            assertThat(provider.requestsTo("/token")).hasSize(1);
        }
    }

    @Test
    void invalidGrantMarksTheSessionEndedKeepsItForStatusAndAsksForALogin() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            provider.refreshError = "invalid_grant";
            Fixtures f = new Fixtures(dir);
            Session before = session(provider, provider.issueRefreshToken());
            f.tokens.save(before);

            CliauthException e = catchThrowableOfType(CliauthException.class, () -> service(f, LOGIN.plusSeconds(400)).get(GetToken.Request.of(Fixtures.profile(provider), "test")));

            assertThat(e.failure()).isEqualTo(Failure.LOGIN_REQUIRED);
            assertThat(e.problem()).containsInstanceOf(Problem.SessionEnded.class);
            assertThat(e.getMessage()).contains("invalid_grant");
            Session stored = f.tokens.load("test").orElseThrow();
            assertThat(stored.isEnded()).isTrue();
            assertThat(stored.ended().orElseThrow()).contains("invalid_grant");
            assertThat(stored.tokens().refreshToken()).isEmpty();
            assertThat(stored.subject()).isEqualTo(before.subject());

            CliauthException again = catchThrowableOfType(CliauthException.class, () -> service(f, LOGIN.plusSeconds(401)).get(GetToken.Request.of(Fixtures.profile(provider), "test")));
            assertThat(again.getMessage()).contains("has ended");
            assertThat(provider.requestsTo("/token")).hasSize(1);
        }
    }

    @Test
    void transientFailuresAreRetriedABoundedNumberOfTimes() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            provider.refreshOutages.set(2);
            Fixtures f = new Fixtures(dir);
            f.tokens.save(session(provider, provider.issueRefreshToken()));

            Session current = service(f, LOGIN.plusSeconds(400)).get(GetToken.Request.of(Fixtures.profile(provider), "test"));

            assertThat(current.tokens().accessToken()).startsWith("at-");
            assertThat(provider.requestsTo("/token")).hasSize(3);
            assertThat(sleeps).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(2));
        }
    }

    @Test
    void aLastingOutageIsAClearErrorAndTheStoredSessionIsUntouched() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            provider.refreshOutages.set(100);
            Fixtures f = new Fixtures(dir);
            Session before = session(provider, provider.issueRefreshToken());
            f.tokens.save(before);

            CliauthException e = catchThrowableOfType(CliauthException.class, () -> service(f, LOGIN.plusSeconds(400)).get(GetToken.Request.of(Fixtures.profile(provider), "test")));

            assertThat(e.failure()).isEqualTo(Failure.LOGIN_FAILED);
            assertThat(e.getMessage()).contains("temporarily_unavailable").contains("unchanged");
            assertThat(provider.requestsTo("/token")).hasSize(3);
            assertThat(f.tokens.load("test")).contains(before);
        }
    }

    @Test
    void anUnreachableProviderIsRetriedThenReportedWithoutTouchingTheSession() throws Exception {
        Fixtures f = new Fixtures(dir);
        FakeProvider closed = new FakeProvider();
        Session before = session(closed, "rt-1");
        closed.close();
        f.tokens.save(before);

        CliauthException e = catchThrowableOfType(CliauthException.class, () -> service(f, LOGIN.plusSeconds(400)).get(GetToken.Request.of(Fixtures.profile(closed), "test")));

        assertThat(e.failure()).isEqualTo(Failure.PROVIDER_UNAVAILABLE);
        assertThat(e.getMessage()).contains("Cannot reach").contains("unchanged").doesNotContain("rt-1");
        assertThat(sleeps).hasSize(2);
        assertThat(f.tokens.load("test")).contains(before);
    }

    @Test
    void aRefreshedIdTokenForAnotherSubjectIsRejectedAndNothingStored() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            provider.idTokenTweak = claims -> claims.subject("someone-else");
            Fixtures f = new Fixtures(dir);
            Session before = session(provider, provider.issueRefreshToken());
            f.tokens.save(before);

            CliauthException e = catchThrowableOfType(CliauthException.class, () -> service(f, LOGIN.plusSeconds(400)).get(GetToken.Request.of(Fixtures.profile(provider), "test")));

            assertThat(e.failure()).isEqualTo(Failure.LOGIN_FAILED);
            assertThat(e.getMessage()).contains("another subject").contains("not stored");
            assertThat(f.tokens.load("test")).contains(before);
        }
    }

    @Test
    void aRefreshedIdTokenKeepingTheIdentityIsStored() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            Fixtures f = new Fixtures(dir);
            f.tokens.save(session(provider, provider.issueRefreshToken()));
            Session current = service(f, LOGIN.plusSeconds(400)).get(GetToken.Request.of(Fixtures.profile(provider), "test"));
            assertThat(current.tokens().idToken()).isPresent();
        }
    }

    @Test
    void noRefreshTokenMeansLogInAgain() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            Fixtures f = new Fixtures(dir);
            f.tokens.save(session(provider, null));

            CliauthException e = catchThrowableOfType(CliauthException.class, () -> service(f, LOGIN.plusSeconds(400)).get(GetToken.Request.of(Fixtures.profile(provider), "test")));

            assertThat(e.failure()).isEqualTo(Failure.LOGIN_REQUIRED);
            assertThat(e.getMessage()).contains("expired");
            assertThat(provider.requests).isEmpty();
        }
    }

    @Test
    void noSessionNamesTheCommandToRun() {
        Fixtures f = new Fixtures(dir);
        CliauthException e = catchThrowableOfType(CliauthException.class, () -> service(f, LOGIN).get(GetToken.Request.of(Profile.of("work", URI.create("https://id.example.com"), "cli"), "test")));
        assertThat(e.failure()).isEqualTo(Failure.LOGIN_REQUIRED);
        assertThat(e.problem()).contains(new Problem.NotSignedIn("work"));
    }

    private GetToken service(Fixtures f, Instant now) {
        Sleeper recording = sleeps::add;
        return f.getToken(Clock.fixed(now, ZoneOffset.UTC), recording);
    }

    public static Session session(FakeProvider provider, String refreshToken) {
        TokenSet tokens = new TokenSet("old-access", "Bearer", Optional.of(LOGIN.plusSeconds(300)), Optional.ofNullable(refreshToken),
                Optional.empty(), Optional.empty());
        return new Session("test", provider.issuer(), FakeProvider.CLIENT_ID,
                URI.create(provider.issuer() + "/protocol/openid-connect/token"), Optional.of(FakeProvider.SUBJECT),
                Optional.of("alice"), "authorization_code+pkce", LOGIN, Optional.empty(), tokens);
    }
}
