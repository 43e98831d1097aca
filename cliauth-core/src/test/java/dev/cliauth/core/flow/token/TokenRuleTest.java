package dev.cliauth.core.flow.token;

import dev.cliauth.core.Problem;
import dev.cliauth.core.config.Profile;
import dev.cliauth.core.config.Workload;
import dev.cliauth.core.policy.DeviceFlowRule;
import dev.cliauth.core.policy.Policy;
import dev.cliauth.core.policy.TestPolicies;
import dev.cliauth.core.policy.TokenStorageRule;
import dev.cliauth.core.token.Session;
import dev.cliauth.core.token.TokenSet;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The one rule for what a stored session is good for, shared by GetToken and the CLI's fast path. */
class TokenRuleTest {
    static final Instant LOGIN = Instant.parse("2026-11-26T10:00:00Z");
    static final URI ISSUER = URI.create("https://id.example.com");
    static final Profile PROFILE = Profile.of("p", ISSUER, "cli");
    static final Path ETC = Path.of("/etc/cliauth/policy.toml");

    private static TokenRule.Verdict decide(Profile profile, Optional<Session> stored, Instant now) {
        return TokenRule.decide(profile, Policy.defaults(), stored, now);
    }

    @Test
    void aPersonsTokenIsHandedOutWhileMoreThanATenthOfItsLifetimeRemainsThenRefreshed() {
        Session session = session(Optional.of(LOGIN.plusSeconds(300)), Optional.empty());
        // 300 s lifetime: margin 30 s
        assertThat(decide(PROFILE, Optional.of(session), LOGIN.plusSeconds(269))).isEqualTo(new TokenRule.HandOut(session));
        assertThat(decide(PROFILE, Optional.of(session), LOGIN.plusSeconds(270))).isEqualTo(new TokenRule.Refresh(session));
        assertThat(decide(PROFILE, Optional.of(session), LOGIN.plusSeconds(301))).isEqualTo(new TokenRule.Refresh(session));
    }

    @Test
    void theMarginIsAtMostSixtySecondsAndCountsFromTheLastRefresh() {
        Session hours = session(Optional.of(LOGIN.plusSeconds(36_000)), Optional.empty());
        assertThat(TokenRule.margin(hours)).isEqualTo(Duration.ofSeconds(60));
        Session refreshed = session(Optional.of(LOGIN.plusSeconds(1_100)), Optional.of(LOGIN.plusSeconds(1_000)));
        assertThat(TokenRule.margin(refreshed)).isEqualTo(Duration.ofSeconds(10));
        Session issuedAfterExpiry = session(Optional.of(LOGIN.minusSeconds(10)), Optional.empty());
        assertThat(TokenRule.margin(issuedAfterExpiry)).isZero();
    }

    @Test
    void aTokenWithoutAStatedExpiryCountsAsFresh() {
        Session session = session(Optional.empty(), Optional.empty());
        assertThat(decide(PROFILE, Optional.of(session), LOGIN.plus(Duration.ofDays(365)))).isEqualTo(new TokenRule.HandOut(session));
    }

    @Test
    void noSessionAnEndedOneOrOneWithoutRefreshTokenAsksForASignIn() {
        Session ended = session(Optional.of(LOGIN.plusSeconds(300)), Optional.empty()).endedBecause("revoked");
        assertThat(decide(PROFILE, Optional.of(ended), LOGIN)).isEqualTo(new TokenRule.SignIn(new Problem.SessionEnded("p", "revoked")));
        assertThat(decide(PROFILE, Optional.empty(), LOGIN)).isEqualTo(new TokenRule.SignIn(new Problem.NotSignedIn("p")));
        Session noRefreshToken = new Session("p", ISSUER, "cli", URI.create("https://id.example.com/token"), Optional.empty(), Optional.empty(),
                "authorization_code+pkce", LOGIN, Optional.empty(),
                new TokenSet("at", "Bearer", Optional.of(LOGIN.minusSeconds(1)), Optional.empty(), Optional.empty(), Optional.empty()));
        assertThat(decide(PROFILE, Optional.of(noRefreshToken), LOGIN)).isEqualTo(new TokenRule.SignIn(new Problem.SessionExpired("p")));
    }

    @Test
    void aSessionMadeForAnotherIssuerOrClientThanTheProfileNamesNowIsNotHandedOut() {
        Session session = session(Optional.of(LOGIN.plusSeconds(300)), Optional.empty());
        Profile moved = PROFILE.withIssuer(URI.create("https://elsewhere.example.com"));
        assertThat(decide(moved, Optional.of(session), LOGIN)).isEqualTo(new TokenRule.SignIn(
                new Problem.OtherProvider("p", ISSUER, "cli", URI.create("https://elsewhere.example.com"), "cli")));
        assertThat(decide(PROFILE.withClientId("other"), Optional.of(session), LOGIN)).isInstanceOf(TokenRule.SignIn.class);
    }

    @Test
    void anIssuerThePolicyDoesNotAllowIsRefusedWhateverIsStoredEvenForAWorkload() {
        Session fresh = session(Optional.of(LOGIN.plusSeconds(300)), Optional.empty());
        Policy narrowed = TestPolicies.allowedIssuers(ETC, List.of("https://only.example.com"));
        TokenRule.Verdict verdict = TokenRule.decide(PROFILE, narrowed, Optional.of(fresh), LOGIN);
        assertThat(verdict).isEqualTo(new TokenRule.Refuse(new Problem.PolicyRefused("p", "allowed_issuers", "policy " + ETC,
                "Issuer https://id.example.com is not allowed")));
        assertThat(TokenRule.decide(PROFILE.withWorkload(secretWorkload()), narrowed, Optional.empty(), LOGIN)).isInstanceOf(TokenRule.Refuse.class);
    }

    @Test
    void bearerTokensAreNotHandedOutWhereThePolicyOrTheProfileRequiresDpop() {
        Session bearer = session(Optional.of(LOGIN.plusSeconds(300)), Optional.empty());
        Policy dpop = TestPolicies.administrator(ETC, DeviceFlowRule.EXPLICIT, List.of(), TokenStorageRule.AUTO, true);
        assertThat(TokenRule.decide(PROFILE, dpop, Optional.of(bearer), LOGIN)).isEqualTo(new TokenRule.SignIn(
                new Problem.NotBound("p", "policy " + ETC + " (require_dpop)", true)));
        assertThat(decide(PROFILE.withDpop(true), Optional.of(bearer), LOGIN)).isEqualTo(new TokenRule.SignIn(new Problem.NotBound("p", "the profile", false)));
        Session bound = new Session("p", ISSUER, "cli", URI.create("https://id.example.com/token"), Optional.empty(), Optional.empty(),
                "authorization_code+pkce", LOGIN, Optional.empty(),
                new TokenSet("at", "DPoP", Optional.of(LOGIN.plusSeconds(300)), Optional.of("rt"), Optional.empty(), Optional.empty())).withDpopKey("{}");
        assertThat(TokenRule.decide(PROFILE, dpop, Optional.of(bound), LOGIN)).isEqualTo(new TokenRule.HandOut(bound));
    }

    @Test
    void aWorkloadProfileNeverTakesTheSharedStoresSession() {
        Session fresh = session(Optional.of(LOGIN.plusSeconds(300)), Optional.empty());
        assertThat(decide(PROFILE.withWorkload(secretWorkload()), Optional.of(fresh), LOGIN)).isEqualTo(new TokenRule.Workload());
    }

    static Workload secretWorkload() {
        return new Workload(Workload.Grant.CLIENT_CREDENTIALS, new Workload.ClientAuth.Secret(new Workload.SecretRef.EnvVariable("CI_SECRET"), false),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static Session session(Optional<Instant> expiresAt, Optional<Instant> refreshedAt) {
        TokenSet tokens = new TokenSet("at", "Bearer", expiresAt, Optional.of("rt"), Optional.empty(), Optional.empty());
        return new Session("p", ISSUER, "cli", URI.create("https://id.example.com/token"), Optional.empty(), Optional.empty(),
                "authorization_code+pkce", LOGIN, refreshedAt, tokens);
    }
}
