package dev.cliauth.cli.fast;

import dev.cliauth.core.token.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The class-data archive holds what the training run loaded: it must really walk the refresh route (not stop at an
 * error halfway), or every refresh would load its classes from the jars again.
 */
class ClassDataTrainingTest {
    @TempDir
    Path home;

    @Test
    void theTrainingHandsOutAStoredTokenAndRefreshesAnExpiredOne() throws Exception {
        Path policy = home.resolve("policy.toml");
        Files.writeString(policy, "token_storage = \"file\"\n");
        Map<String, String> env = Map.of("HOME", home.toString(), "PATH", "/usr/bin:/bin", "CLIAUTH_POLICY", policy.toString(),
                "XDG_CONFIG_HOME", home.resolve("config").toString(), "XDG_STATE_HOME", home.resolve("state").toString());

        var store = ClassDataTraining.train(env);

        assertThat(store.load("training").map(s -> s.tokens().accessToken())).contains("training");
        Session refreshed = store.load("training-refresh").orElseThrow();
        assertThat(refreshed.tokens().accessToken()).isEqualTo("training-2");
        assertThat(refreshed.tokens().refreshToken()).contains("r2");
    }
}
