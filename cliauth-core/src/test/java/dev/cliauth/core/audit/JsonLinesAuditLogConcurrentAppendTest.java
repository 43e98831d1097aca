package dev.cliauth.core.audit;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several cliauth processes (and threads) appending to one audit log at once: every line must arrive whole and
 * parse on its own, and each writer's lines keep their order.
 */
class JsonLinesAuditLogConcurrentAppendTest {
    private static final int EVENTS = 200;
    /** Longer than PIPE_BUF and a typical page, so a split write would interleave visibly. */
    private static final int MESSAGE_LENGTH = 9000;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void linesFromManyProcessesAndThreadsNeverInterleave() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        List<Process> processes = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            processes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), AuditLogAppender.class.getName(),
                    file.toString(), "process-" + p, String.valueOf(EVENTS), String.valueOf(MESSAGE_LENGTH))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("process-" + p + ".out").toFile()).start());
        }
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            String name = "thread-" + t;
            done.add(threads.submit(() -> AuditLogAppender.append(file, name, EVENTS, MESSAGE_LENGTH)));
        }
        for (Future<?> f : done) {
            f.get();
        }
        threads.shutdown();
        for (int p = 0; p < processes.size(); p++) {
            assertThat(processes.get(p).waitFor()).as(Files.readString(dir.resolve("process-" + p + ".out"))).isZero();
        }

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(7 * EVENTS);
        Map<String, Integer> next = new HashMap<>();
        for (String line : lines) {
            Map<String, Object> event = JSONObjectUtils.parse(line);
            String writer = (String) event.get("user");
            String reason = (String) event.get("reason");
            int sequence = Integer.parseInt(reason.substring(0, reason.indexOf(' ')));
            assertThat(sequence).as("next event of %s", writer).isEqualTo(next.getOrDefault(writer, 0));
            assertThat(reason).hasSize(String.valueOf(sequence).length() + 1 + MESSAGE_LENGTH);
            next.put(writer, sequence + 1);
        }
        assertThat(next).hasSize(7).allSatisfy((writer, count) -> assertThat(count).isEqualTo(EVENTS));
    }
}
