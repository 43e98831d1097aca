package dev.cliauth.core.flow.refresh;

import dev.cliauth.core.config.Profile;
import dev.cliauth.core.config.Workload;
import dev.cliauth.core.token.Session;
import dev.cliauth.core.token.TokenSet;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The one rule for handing a stored token out as it is, shared by TokenService and the CLI's fast path. */
class CachedTokenTest {
    static final Instant LOGIN = Instant.parse("2026-11-26T10:00:00Z");
    static final URI ISSUER = URI.create("https://id.example.com");

    @Test
    void aPersonsTokenIsHandedOutWhileMoreThanATenthOfItsLifetimeRemains() {
        Session session = session(Optional.of(LOGIN.plusSeconds(300)), Optional.empty());
        // 300 s lifetime: margin 30 s
        assertThat(CachedToken.handOut(Optional.empty(), Optional.of(session), LOGIN.plusSeconds(269))).contains(session);
        assertThat(CachedToken.handOut(Optional.empty(), Optional.of(session), LOGIN.plusSeconds(270))).isEmpty();
        assertThat(CachedToken.handOut(Optional.empty(), Optional.of(session), LOGIN.plusSeconds(301))).isEmpty();
    }

    @Test
    void theMarginIsAtMostSixtySecondsAndCountsFromTheLastRefresh() {
        Session hours = session(Optional.of(LOGIN.plusSeconds(36_000)), Optional.empty());
        assertThat(CachedToken.margin(hours)).isEqualTo(Duration.ofSeconds(60));
        Session refreshed = session(Optional.of(LOGIN.plusSeconds(1_100)), Optional.of(LOGIN.plusSeconds(1_000)));
        assertThat(CachedToken.margin(refreshed)).isEqualTo(Duration.ofSeconds(10));
        Session issuedAfterExpiry = session(Optional.of(LOGIN.minusSeconds(10)), Optional.empty());
        assertThat(CachedToken.margin(issuedAfterExpiry)).isZero();
    }

    @Test
    void aTokenWithoutAStatedExpiryCountsAsFresh() {
        Session session = session(Optional.empty(), Optional.empty());
        assertThat(CachedToken.handOut(Optional.empty(), Optional.of(session), LOGIN.plus(Duration.ofDays(365)))).contains(session);
    }

    @Test
    void anEndedSessionOrNoneIsNeverHandedOut() {
        Session ended = session(Optional.of(LOGIN.plusSeconds(300)), Optional.empty()).endedBecause("revoked");
        assertThat(CachedToken.handOut(Optional.empty(), Optional.of(ended), LOGIN)).isEmpty();
        assertThat(CachedToken.handOut(Optional.empty(), Optional.empty(), LOGIN)).isEmpty();
    }

    @Test
    void aPersonsProfileDoesNotChangeTheRule() {
        Session session = session(Optional.of(LOGIN.plusSeconds(300)), Optional.empty());
        Profile person = Profile.of("p", URI.create("https://elsewhere.example.com"), "other");
        assertThat(CachedToken.handOut(Optional.of(person), Optional.of(session), LOGIN)).contains(session);
    }

    @Test
    void aWorkloadsTokenIsReusedOnlyForTheProfilesIssuerAndClient() {
        Session session = session(Optional.of(LOGIN.plusSeconds(300)), Optional.empty());
        Workload workload = new Workload(Workload.Grant.CLIENT_CREDENTIALS,
                new Workload.ClientAuth.Secret(new Workload.SecretRef.EnvVariable("CI_SECRET"), false),
                Optional.empty(), Optional.empty(), Optional.empty());
        Profile same = Profile.of("p", ISSUER, "cli").withWorkload(workload);
        assertThat(CachedToken.handOut(Optional.of(same), Optional.of(session), LOGIN)).contains(session);
        assertThat(CachedToken.handOut(Optional.of(same), Optional.of(session), LOGIN.plusSeconds(280))).isEmpty();
        assertThat(CachedToken.handOut(Optional.of(same.withClientId("other")), Optional.of(session), LOGIN)).isEmpty();
        assertThat(CachedToken.handOut(Optional.of(same.withIssuer(URI.create("https://other.example.com"))), Optional.of(session), LOGIN)).isEmpty();
        assertThat(CachedToken.handOut(Optional.of(same), Optional.of(session.endedBecause("x")), LOGIN)).isEmpty();
    }

    @Test
    void whatIsNotHandedOutGoesOnUnderTheLockOnlyWhereTokenServiceWouldRefreshOrObtain() {
        Session stale = session(Optional.of(LOGIN.minusSeconds(1)), Optional.empty());
        Session noRefreshToken = new Session("p", ISSUER, "cli", URI.create("https://id.example.com/token"), Optional.empty(), Optional.empty(),
                "authorization_code+pkce", LOGIN, Optional.empty(),
                new TokenSet("at", "Bearer", Optional.of(LOGIN.minusSeconds(1)), Optional.empty(), Optional.empty(), Optional.empty()));
        assertThat(CachedToken.continuesUnderLock(Optional.empty(), Optional.of(stale))).isTrue();
        assertThat(CachedToken.continuesUnderLock(Optional.empty(), Optional.of(noRefreshToken))).isFalse();
        assertThat(CachedToken.continuesUnderLock(Optional.empty(), Optional.of(stale.endedBecause("x")))).isFalse();
        assertThat(CachedToken.continuesUnderLock(Optional.empty(), Optional.empty())).isFalse();
        Workload workload = new Workload(Workload.Grant.CLIENT_CREDENTIALS,
                new Workload.ClientAuth.Secret(new Workload.SecretRef.EnvVariable("CI_SECRET"), false),
                Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(CachedToken.continuesUnderLock(Optional.of(Profile.of("p", ISSUER, "cli").withWorkload(workload)), Optional.empty())).isTrue();
    }

    private static Session session(Optional<Instant> expiresAt, Optional<Instant> refreshedAt) {
        TokenSet tokens = new TokenSet("at", "Bearer", expiresAt, Optional.of("rt"), Optional.empty(), Optional.empty());
        return new Session("p", ISSUER, "cli", URI.create("https://id.example.com/token"), Optional.empty(), Optional.empty(),
                "authorization_code+pkce", LOGIN, refreshedAt, tokens);
    }
}
