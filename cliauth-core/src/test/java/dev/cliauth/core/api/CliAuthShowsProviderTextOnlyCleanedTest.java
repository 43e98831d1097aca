package dev.cliauth.core.api;

import dev.cliauth.core.testing.FakeProvider;
import dev.cliauth.core.testing.FollowingBrowser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A program's own terminal gets the provider's text without the control characters a terminal would obey. */
class CliAuthShowsProviderTextOnlyCleanedTest {
    @TempDir
    Path home;

    @Test
    void aUserNameWithEscapeSequencesAndABidiOverrideReachesTheTerminalCleaned() throws Exception {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        try (FakeProvider provider = new FakeProvider()) {
            provider.idTokenTweak = claims -> claims.claim("preferred_username", "alice\u001b]52;c;ZXZpbA==\u0007\u001b[2J\u202egnp.exe\u009b");
            CliAuth auth = CliAuth.builder().issuer(provider.issuer()).clientId(FakeProvider.CLIENT_ID).profile("acme")
                    .environment(Map.of("HOME", home.toString(), "DISPLAY", ":0")).terminal(lines::add).browser(new FollowingBrowser())
                    .timeout(Duration.ofSeconds(20)).build();

            auth.accessToken();

            assertThat(lines).anyMatch(line -> line.startsWith("Signed in as alice]52;c;ZXZpbA==[2Jgnp.exe to "));
            assertThat(String.join("\n", lines).codePoints())
                    .noneMatch(c -> c < 0x20 && c != '\n' || c >= 0x7f && c <= 0x9f || Character.getType(c) == Character.FORMAT);
        }
    }
}
