package dev.cliauth.core.flow.pkce;

import dev.cliauth.core.testing.FakeProvider;
import dev.cliauth.core.testing.Fixtures;
import dev.cliauth.core.testing.FollowingBrowser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 9126: when the provider offers PAR, every parameter goes to it; the browser URL has only client_id and request_uri. */
class PkceLoginPushesAuthorizationRequestsTest {
    @TempDir
    Path dir;

    @Test
    void theBrowserCarriesOnlyClientIdAndRequestUri() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            provider.offerPar = true;
            Fixtures f = new Fixtures(dir);
            FollowingBrowser browser = new FollowingBrowser();

            var session = f.login(browser, Fixtures.laptop()).run(Fixtures.profile(provider), Fixtures.BROWSER, false);

            assertThat(session.subject()).contains(FakeProvider.SUBJECT);
            URI opened = browser.opened.get(0);
            assertThat(opened.getRawQuery().split("&")).hasSize(2)
                    .anyMatch(p -> p.startsWith("client_id=")).anyMatch(p -> p.startsWith("request_uri="));
            FakeProvider.Request pushed = provider.requestsTo("/ext/par/request").get(0);
            assertThat(pushed.method()).isEqualTo("POST");
            assertThat(pushed.param("code_challenge_method")).isEqualTo("S256");
            assertThat(pushed.param("code_challenge")).isNotBlank();
            assertThat(pushed.param("state")).isNotBlank();
            assertThat(pushed.param("nonce")).isNotBlank();
            assertThat(pushed.param("redirect_uri")).startsWith("http://127.0.0.1:");
        }
    }
}
