package dev.cliauth.core.flow.pkce;

import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import dev.cliauth.core.testing.FakeProvider;
import dev.cliauth.core.testing.Fixtures;
import dev.cliauth.core.testing.FollowingBrowser;
import dev.cliauth.core.token.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class PkceLoginSignsInThroughLoopbackTest {

    @TempDir
    Path dir;

    @Test
    void signsInWithS256ChallengeStateAndNonceAndStoresTheSession() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            Fixtures f = new Fixtures(dir);
            FollowingBrowser browser = new FollowingBrowser();

            Session session = f.login(browser, Fixtures.laptop()).run(Fixtures.profile(provider), Fixtures.BROWSER, false);

            assertThat(session.subject()).contains(FakeProvider.SUBJECT);
            assertThat(session.username()).contains("alice");
            assertThat(session.grant()).isEqualTo("authorization_code+pkce");
            assertThat(session.tokens().refreshToken()).isPresent();
            assertThat(f.tokens.load("test")).hasValueSatisfying(stored -> assertThat(stored.tokens().accessToken()).isEqualTo(session.tokens().accessToken()));
            assertThat(f.profiles.load("test")).isPresent();

            FakeProvider.Request authorize = provider.requestsTo("/auth").get(0);
            assertThat(authorize.param("code_challenge_method")).isEqualTo("S256");
            assertThat(Base64.getUrlDecoder().decode(authorize.param("state"))).hasSizeGreaterThanOrEqualTo(16);
            assertThat(authorize.param("nonce")).isNotBlank();
            URI redirect = URI.create(authorize.param("redirect_uri"));
            assertThat(redirect.getHost()).isEqualTo("127.0.0.1");
            assertThat(redirect.getPort()).isPositive();

            FakeProvider.Request token = provider.requestsTo("/token").get(0);
            String verifier = token.param("code_verifier");
            assertThat(Base64.getUrlDecoder().decode(verifier)).hasSizeGreaterThanOrEqualTo(32);
            assertThat(CodeChallenge.compute(CodeChallengeMethod.S256, new CodeVerifier(verifier)).getValue())
                    .isEqualTo(authorize.param("code_challenge"));
            assertThat(browser.callbackStatuses).containsExactly(200);
            assertThat(String.join("\n", f.lines)).contains(browser.opened.get(0).toString());
        }
    }

    @Test
    void everyLoginUsesFreshStateVerifierAndNonce() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            Fixtures f = new Fixtures(dir);
            f.login(new FollowingBrowser(), Fixtures.laptop()).run(Fixtures.profile(provider), Fixtures.BROWSER, false);
            f.login(new FollowingBrowser(), Fixtures.laptop()).run(Fixtures.profile(provider), Fixtures.BROWSER, false);

            var first = provider.requestsTo("/auth").get(0);
            var second = provider.requestsTo("/auth").get(1);
            assertThat(second.param("state")).isNotEqualTo(first.param("state"));
            assertThat(second.param("nonce")).isNotEqualTo(first.param("nonce"));
            assertThat(second.param("code_challenge")).isNotEqualTo(first.param("code_challenge"));
        }
    }
}
