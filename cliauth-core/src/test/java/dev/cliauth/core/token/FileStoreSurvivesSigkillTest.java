package dev.cliauth.core.token;

import dev.cliauth.core.io.PrivateFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash safety: a process killed with SIGKILL at a random point while it writes the session leaves the store
 * holding the old or the new session, never a damaged one (temp file, fsync, atomic rename).
 */
class FileStoreSurvivesSigkillTest {
    private static final int RUNS = 200;

    @TempDir
    Path dir;

    @Test
    void twoHundredKillsNeverLeaveADamagedSession() throws Exception {
        Random random = new Random(20261126);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Session a = StoreWriterMain.session("A", 1);
        Session b = StoreWriterMain.session("B", 40_000);
        FileTokenStore reader = new FileTokenStore(dir, new PrivateFiles());
        int sawA = 0;
        int sawB = 0;
        for (int run = 0; run < RUNS; run++) {
            Process writer = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-cp", System.getProperty("java.class.path"), StoreWriterMain.class.getName(), dir.toString())
                    .redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).as("writer started").isEqualTo("ready");
            // Let it write for a random while (it rewrites the session continuously), then kill it mid-write.
            assertThat(writer.waitFor(random.nextInt(25), TimeUnit.MILLISECONDS)).as("writer still writing").isFalse();
            writer.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
            assertThat(writer.waitFor(10, TimeUnit.SECONDS)).isTrue();

            Session stored = reader.load("crash").orElseThrow();
            assertThat(stored).isIn(a, b);
            if (stored.equals(a)) {
                sawA++;
            } else {
                sawB++;
            }
        }
        // Both outcomes happen, so the kills really land between and during writes.
        assertThat(List.of(sawA, sawB)).allMatch(n -> n > 0);
    }
}
