package dev.cliauth.core.flow;

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

class LoginIsRefusedOnCiRunnersTest {

    @TempDir
    Path dir;

    @Test
    void noRequestReachesTheProviderAndNoBrowserOpens() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            Fixtures f = new Fixtures(dir);
            FollowingBrowser browser = new FollowingBrowser();

            CliauthException e = catchThrowableOfType(CliauthException.class,
                    () -> f.login(browser, Fixtures.ciRunner()).run(Fixtures.profile(provider), Fixtures.BROWSER, false));

            assertThat(e.failure()).isEqualTo(Failure.REFUSED);
            assertThat(e.getMessage()).contains("CI runner").contains("GitHub Actions");
            assertThat(provider.requests).isEmpty();
            assertThat(browser.opened).isEmpty();
        }
    }
}
