package dev.cliauth.core.flow.token;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Problem;
import dev.cliauth.core.flow.refresh.GetTokenRefreshesWhenExpiredTest;
import dev.cliauth.core.testing.FakeProvider;
import dev.cliauth.core.testing.Fixtures;
import dev.cliauth.core.testing.FollowingBrowser;
import dev.cliauth.core.token.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A token for another API (RFC 8707) or a narrower scope comes from the session's refresh token, is kept beside the
 * main one under the same freshness rule, and its refresh rotates the session's refresh token; the ID token is
 * refreshed when it, not the access token, nears its expiry.
 */
class TokensForAnotherResourceScopeOrTheIdTokenTest {
    @TempDir
    Path dir;

    private static Want resource(String uri) {
        return new Want(Want.Kind.ACCESS, Optional.of(uri), Optional.empty(), Optional.empty());
    }

    @Test
    void aResourcesTokenIsObtainedWithTheRefreshTokenKeptAndHandedOutAgainWithoutARequest() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            Fixtures f = new Fixtures(dir);
            String firstRefresh = provider.issueRefreshToken();
            f.tokens.save(GetTokenRefreshesWhenExpiredTest.session(provider, firstRefresh));
            Clock now = Clock.fixed(GetTokenRefreshesWhenExpiredTest.LOGIN.plusSeconds(10), ZoneOffset.UTC);
            GetToken.Request request = GetToken.Request.of(Fixtures.profile(provider), "test").wanting(resource("https://api.example.com"));

            Issued issued = f.getToken(now, d -> { }).issue(request).token();

            assertThat(issued.value()).startsWith("at-").isNotEqualTo("old-access");
            assertThat(issued.resource()).contains("https://api.example.com");
            assertThat(provider.requestsTo("/token")).singleElement().satisfies(r -> {
                assertThat(r.param("grant_type")).isEqualTo("refresh_token");
                assertThat(r.param("resource")).isEqualTo("https://api.example.com");
                assertThat(r.param("refresh_token")).isEqualTo(firstRefresh);
            });
            Session stored = f.tokens.load("test").orElseThrow();
            assertThat(stored.tokens().accessToken()).as("the main token is untouched").isEqualTo("old-access");
            assertThat(stored.tokens().refreshToken()).as("the rotated refresh token replaces the old one").isPresent().isNotEqualTo(Optional.of(firstRefresh));
            assertThat(stored.derived()).containsKey(request.want().derivedKey());

            assertThat(f.getToken(now, d -> { }).issue(request).token().value()).isEqualTo(issued.value());
            assertThat(f.getToken(now, d -> { }).issue(GetToken.Request.of(Fixtures.profile(provider), "test")).token().value()).isEqualTo("old-access");
            assertThat(provider.requestsTo("/token")).hasSize(1);
        }
    }

    @Test
    void aNarrowerScopeIsAskedForWithTheRefreshToken() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            Fixtures f = new Fixtures(dir);
            f.tokens.save(GetTokenRefreshesWhenExpiredTest.session(provider, provider.issueRefreshToken()));
            Want narrower = new Want(Want.Kind.ACCESS, Optional.empty(), Optional.of("openid  email"), Optional.empty());

            f.getToken(Clock.fixed(GetTokenRefreshesWhenExpiredTest.LOGIN, ZoneOffset.UTC), d -> { })
                    .issue(GetToken.Request.of(Fixtures.profile(provider), "test").wanting(narrower));

            assertThat(provider.requestsTo("/token")).singleElement().satisfies(r -> {
                assertThat(r.param("scope")).isEqualTo("openid email");
                assertThat(r.param("resource")).isNull();
            });
        }
    }

    @Test
    void aProviderThatWillNotIssueForTheResourceSaysSoAndChangesNothing() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            provider.refreshError = "invalid_target";
            Fixtures f = new Fixtures(dir);
            Session before = GetTokenRefreshesWhenExpiredTest.session(provider, provider.issueRefreshToken());
            f.tokens.save(before);

            CliauthException e = catchThrowableOfType(CliauthException.class, () -> f.getToken(Clock.fixed(GetTokenRefreshesWhenExpiredTest.LOGIN,
                    ZoneOffset.UTC), d -> { }).issue(GetToken.Request.of(Fixtures.profile(provider), "test").wanting(resource("https://other.example.com"))));

            assertThat(e.problem()).containsInstanceOf(Problem.TargetRefused.class);
            assertThat(e.getMessage()).contains("https://other.example.com").contains("invalid_target");
            assertThat(f.tokens.load("test").orElseThrow().tokens().refreshToken()).isEqualTo(before.tokens().refreshToken());
            assertThat(f.tokens.load("test").orElseThrow().isEnded()).isFalse();
        }
    }

    @Test
    void theIdTokenIsRefreshedWhenItNearsItsExpiryEvenWhileTheAccessTokenIsFresh() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            provider.accessTokenLifetime = 36_000; // the access token stays fresh for hours; the ID token lives 300 s
            Fixtures f = new Fixtures(dir);
            Session session = f.login(new FollowingBrowser(), Fixtures.laptop()).run(Fixtures.profile(provider), Fixtures.BROWSER, false);
            String firstIdToken = session.tokens().idToken().orElseThrow();
            Instant loggedIn = Instant.now();

            Issued early = f.getToken(Clock.fixed(loggedIn.plusSeconds(60), ZoneOffset.UTC), d -> { })
                    .issue(GetToken.Request.of(Fixtures.profile(provider), "test").wanting(Want.idToken())).token();
            assertThat(early.value()).isEqualTo(firstIdToken);
            assertThat(early.expiresAt()).isPresent();
            assertThat(provider.requestsTo("/token")).hasSize(1);

            provider.idTokenTweak = claims -> claims.expirationTime(java.util.Date.from(Instant.now().plusSeconds(3600)));
            Issued late = f.getToken(Clock.fixed(loggedIn.plusSeconds(290), ZoneOffset.UTC), d -> { })
                    .issue(GetToken.Request.of(Fixtures.profile(provider), "test").wanting(Want.idToken())).token();
            assertThat(late.value()).isNotEqualTo(firstIdToken);
            assertThat(provider.requestsTo("/token")).extracting(r -> r.param("grant_type")).containsExactly("authorization_code", "refresh_token");

            // --min-valid: with more than 30 minutes left it is handed out; asking for an hour refreshes it
            Clock later = Clock.fixed(loggedIn.plusSeconds(300), ZoneOffset.UTC);
            assertThat(f.getToken(later, d -> { }).issue(GetToken.Request.of(Fixtures.profile(provider), "test")
                    .wanting(Want.idToken().withMinValid(Duration.ofMinutes(30)))).token().value()).isEqualTo(late.value());
            provider.idTokenTweak = claims -> claims.expirationTime(java.util.Date.from(Instant.now().plusSeconds(7200)));
            Issued longer = f.getToken(later, d -> { }).issue(GetToken.Request.of(Fixtures.profile(provider), "test")
                    .wanting(Want.idToken().withMinValid(Duration.ofHours(1)))).token();
            assertThat(longer.value()).isNotEqualTo(late.value());
            assertThat(provider.requestsTo("/token")).hasSize(3);
        }
    }
}
