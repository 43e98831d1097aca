package dev.cliauth.core.flow.pkce;

import dev.cliauth.core.testing.FakeProvider;
import dev.cliauth.core.testing.Fixtures;
import dev.cliauth.core.testing.FollowingBrowser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

class PkceLoginRejectsForgedCallbacksTest {

    @TempDir
    Path dir;

    @Test
    void wrongOrMissingStateGets400AndTheLoginKeepsWaitingForTheGenuineCallback() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            Fixtures f = new Fixtures(dir);
            FollowingBrowser browser = new FollowingBrowser(
                    List.of("code=forged&state=wrong", "code=forged", "error=access_denied&state=wrong", "state=x&state=y&code=z"),
                    UnaryOperator.identity());

            var session = f.login(browser, Fixtures.laptop()).run(Fixtures.profile(provider), Fixtures.BROWSER, false);

            assertThat(session.subject()).contains(FakeProvider.SUBJECT);
            assertThat(browser.callbackStatuses).containsExactly(400, 400, 400, 400, 200);
            // Forged codes never reached the token endpoint: exactly one redemption, of the genuine code.
            assertThat(provider.requestsTo("/token")).hasSize(1);
            assertThat(provider.requestsTo("/token").get(0).param("code")).isNotEqualTo("forged");
        }
    }
}
