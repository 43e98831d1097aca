package dev.cliauth.core.flow.refresh;

import dev.cliauth.core.testing.FakeProvider;
import dev.cliauth.core.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Eight separate JVMs ask at once for the token of a session whose access token has expired, against a provider that
 * rotates refresh tokens and rejects a reused one (and would then end the session): the cross-process file lock lets
 * exactly one refresh through, and every process gets that refresh's token. Threads alone would not prove the OS lock.
 */
class RefreshAcrossProcessesRefreshesOnceTest {
    @TempDir
    Path dir;

    @Test
    void exactlyOneRefreshReachesTheProviderAndEveryProcessGetsItsToken() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            Fixtures f = new Fixtures(dir);
            f.tokens.save(GetTokenRefreshesWhenExpiredTest.session(provider, provider.issueRefreshToken()));
            String later = GetTokenRefreshesWhenExpiredTest.LOGIN.plusSeconds(600).toString();
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<Process> processes = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                processes.add(new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                        GetTokenMain.class.getName(), dir.toString(), provider.issuer().toString(), FakeProvider.CLIENT_ID, later)
                        .redirectErrorStream(true).start());
            }
            List<String> tokens = new ArrayList<>();
            for (Process process : processes) {
                assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                assertThat(process.exitValue()).as(out).isZero();
                tokens.add(out.lines().reduce((a, b) -> b).orElse(""));
            }

            assertThat(provider.requestsTo("/token")).hasSize(1);
            assertThat(tokens).hasSize(8).containsOnly(tokens.get(0));
            assertThat(tokens.get(0)).startsWith("at-");
            assertThat(f.tokens.load("test").orElseThrow().tokens().accessToken()).isEqualTo(tokens.get(0));
        }
    }
}
