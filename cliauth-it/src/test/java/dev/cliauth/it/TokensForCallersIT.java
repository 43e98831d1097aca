package dev.cliauth.it;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;

import static dev.cliauth.it.LoginThroughTheBrowserIT.LOGIN_WAIT;
import static dev.cliauth.it.LoginThroughTheBrowserIT.SIGN_IN_URL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens for what the caller needs, through bin/cliauth against the dev IdP's Keycloak: the ID token, a token for a
 * narrower scope from the refresh token, --json, a step-up that makes the person authenticate again, choosing the
 * default profile, and ending the session at the provider so that the next sign-in can be another person.
 */
class TokensForCallersIT {
    static String issuer;

    @TempDir
    Path home;

    @BeforeAll
    static void devIdp() throws Exception {
        issuer = DevIdpServer.openIssuer();
    }

    @Test
    void theIdTokenANarrowerScopesTokenAndJson() throws Exception {
        Cli cli = new Cli(home);
        // phone is one of the client's optional scopes (profile and email are default ones, which Keycloak always adds)
        Cli.Running login = cli.start("login", "--profile", "t", "--issuer", issuer, "--client-id", "cliauth", "--no-browser",
                "--scope", "openid profile email phone");
        BrowserSignIn.completeIn(login);
        assertThat(login.await(LOGIN_WAIT).exitCode()).isZero();
        assertThat(SignedJWT.parse(BrowserSignIn.storedAccessToken(cli, "t")).getJWTClaimsSet().getStringClaim("scope")).contains("phone");

        Cli.Result id = cli.run(LOGIN_WAIT, "token", "--profile", "t", "--id-token");
        assertThat(id.exitCode()).as(id.stderr()).isZero();
        assertThat(id.stdout().strip()).isEqualTo(BrowserSignIn.storedIdToken(cli, "t"));
        assertThat(SignedJWT.parse(id.stdout().strip()).getJWTClaimsSet().getAudience()).contains("cliauth");

        Cli.Result narrow = cli.run(LOGIN_WAIT, "token", "--profile", "t", "--scope", "openid email", "--json");
        assertThat(narrow.exitCode()).as(narrow.stderr()).isZero();
        Map<String, Object> json = JSONObjectUtils.parse(narrow.stdout());
        String narrowToken = (String) json.get("token");
        assertThat(narrowToken).isNotEqualTo(BrowserSignIn.storedAccessToken(cli, "t"));
        JWTClaimsSet claims = SignedJWT.parse(narrowToken).getJWTClaimsSet();
        assertThat(claims.getStringClaim("scope")).contains("email").doesNotContain("phone");
        assertThat(json).containsEntry("token_type", "Bearer").containsEntry("profile", "t");
        assertThat(Instant.parse((String) json.get("expires_at"))).isAfter(Instant.now());

        // kept beside the main token: asked again, the same one, with no new request needed (the fast path answers)
        Cli.Result again = cli.run(LOGIN_WAIT, "token", "--profile", "t", "--scope", "openid email");
        assertThat(again.exitCode()).as(again.stderr()).isZero();
        assertThat(again.stdout().strip()).isEqualTo(narrowToken);
        assertThat(cli.run(LOGIN_WAIT, "token", "--profile", "t").stdout().strip()).isEqualTo(BrowserSignIn.storedAccessToken(cli, "t"));
    }

    @Test
    void aStepUpChallengeMakesThePersonAuthenticateAgainAndTheNewIdTokenProvesIt() throws Exception {
        Cli cli = new Cli(home);
        BrowserSignIn.signIn(cli, issuer, "up");
        long firstAuthTime = ((Number) SignedJWT.parse(BrowserSignIn.storedIdToken(cli, "up")).getJWTClaimsSet().getClaim("auth_time")).longValue();
        long started = Instant.now().getEpochSecond();

        Cli.Running stepUp = cli.start("token", "--profile", "up", "--challenge",
                "Bearer error=\"insufficient_user_authentication\", error_description=\"More recent authentication is required\", max_age=\"0\"");
        String url = stepUp.awaitStderr(SIGN_IN_URL, LOGIN_WAIT);
        try (Browser browser = new Browser()) {
            browser.signIn(url, "demo", "demo");
            browser.consentIfAsked(true);
        }
        Cli.Result result = stepUp.await(LOGIN_WAIT);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout().strip()).isEqualTo(BrowserSignIn.storedAccessToken(cli, "up"));
        long newAuthTime = ((Number) SignedJWT.parse(BrowserSignIn.storedIdToken(cli, "up")).getJWTClaimsSet().getClaim("auth_time")).longValue();
        assertThat(newAuthTime).isGreaterThanOrEqualTo(started).isGreaterThan(firstAuthTime); // authenticated anew, not the old session

        Cli.Result notAChallenge = cli.run(LOGIN_WAIT, "token", "--profile", "up", "--challenge", "Bearer error=\"invalid_token\"");
        assertThat(notAChallenge.exitCode()).isEqualTo(8);
        assertThat(notAChallenge.stdout()).isEmpty();
    }

    @Test
    void endingTheSessionAtTheProviderLetsTheNextSignInBeAnotherPerson() throws Exception {
        Cli cli = new Cli(home);
        try (Browser browser = new Browser()) {
            Cli.Running login = cli.start("login", "--profile", "acct", "--issuer", issuer, "--client-id", "cliauth", "--no-browser");
            browser.signIn(login.awaitStderr(SIGN_IN_URL, LOGIN_WAIT), "demo", "demo");
            browser.consentIfAsked(true);
            assertThat(login.await(LOGIN_WAIT).exitCode()).isZero();

            // without ending it there, the provider's session signs the same person in again silently
            Cli.Running silent = cli.start("login", "--profile", "acct", "--no-browser");
            assertThat(browser.asksForCredentials(silent.awaitStderr(SIGN_IN_URL, LOGIN_WAIT))).isFalse();
            browser.consentIfAsked(true);
            assertThat(silent.await(LOGIN_WAIT).exitCode()).isZero();

            Cli.Running logout = cli.with("BROWSER", "/bin/false").start("logout", "--profile", "acct", "--end-session", "--json");
            String endUrl = logout.awaitStderr(Pattern.compile("^\\s+(http://127\\.0\\.0\\.1:\\d+/logout/\\S+)$"), LOGIN_WAIT);
            browser.openAndMoveOn(endUrl);
            Cli.Result loggedOut = logout.await(LOGIN_WAIT);
            assertThat(loggedOut.exitCode()).as(loggedOut.stderr()).isZero();
            assertThat(loggedOut.stderr()).contains("Ended the session at " + issuer).doesNotContain("eyJ");
            assertThat(endUrl).doesNotContain("eyJ"); // the ID token goes in a POST body, never a URL
            assertThat(JSONObjectUtils.parse(loggedOut.stdout()).toString()).contains("ended_at_provider=true");

            Cli.Running next = new Cli(home).start("login", "--profile", "acct", "--no-browser", "--prompt", "select_account", "--login-hint", "bob");
            String nextUrl = next.awaitStderr(SIGN_IN_URL, LOGIN_WAIT);
            // the provider asks who is signing in: another person could now (bob's consent is left to LoginFailuresIT,
            // which needs him never to have given it), so demo signs in again
            assertThat(browser.asksForCredentials(nextUrl)).isTrue();
            browser.submitCredentials("demo", "demo");
            browser.consentIfAsked(true);
            Cli.Result again = next.await(LOGIN_WAIT);
            assertThat(again.exitCode()).as(again.stderr()).isZero();
            assertThat(again.stderr()).contains("Signed in as demo");
        }
    }

    @Test
    void useSetsTheDefaultProfileWhichStatusMarksAndEnvironmentOverrides() throws Exception {
        Cli cli = new Cli(home);
        BrowserSignIn.signIn(cli, issuer, "work");
        assertThat(cli.run(LOGIN_WAIT, "token").exitCode()).isEqualTo(3); // "default" is not signed in

        Cli.Result use = cli.run(LOGIN_WAIT, "use", "work");
        assertThat(use.exitCode()).as(use.stderr()).isZero();
        assertThat(cli.run(LOGIN_WAIT, "token").stdout().strip()).isEqualTo(BrowserSignIn.storedAccessToken(cli, "work"));
        assertThat(cli.run(LOGIN_WAIT, "status").stdout()).contains("work *");
        assertThat(JSONObjectUtils.parse(cli.run(LOGIN_WAIT, "use", "--json").stdout())).containsEntry("default", "work").containsEntry("from", "cliauth use");
        assertThat(cli.with("CLIAUTH_PROFILE", "other").run(LOGIN_WAIT, "token").exitCode()).isEqualTo(3);
        assertThat(new Cli(home).run(LOGIN_WAIT, "use", "nosuch").exitCode()).isEqualTo(8);
    }
}
