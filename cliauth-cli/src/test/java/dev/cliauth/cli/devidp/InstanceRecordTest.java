package dev.cliauth.cli.devidp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceRecordTest {

    @TempDir
    Path dir;

    @Test
    void roundTrips() {
        Path file = dir.resolve("sub/instance.properties");
        InstanceRecord record = new InstanceRecord(4242, 8180, Instant.parse("2026-11-26T10:15:30.123Z"),
                Instant.parse("2026-11-26T10:15:29.990Z"));

        record.write(file);

        assertThat(InstanceRecord.read(file)).contains(record);
    }

    @Test
    void roundTripsWithoutProcessStart() {
        Path file = dir.resolve("instance.properties");
        InstanceRecord record = new InstanceRecord(1, 9000, Instant.parse("2026-01-01T00:00:00Z"), null);

        record.write(file);

        assertThat(InstanceRecord.read(file)).contains(record);
    }

    @Test
    void writeReplacesAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("instance.properties");
        new InstanceRecord(1, 1, Instant.EPOCH, null).write(file);
        new InstanceRecord(2, 2, Instant.EPOCH, null).write(file);

        assertThat(InstanceRecord.read(file)).hasValueSatisfying(r -> assertThat(r.pid()).isEqualTo(2));
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void missingOrMalformedRecordReadsAsNone() throws IOException {
        Path file = dir.resolve("instance.properties");
        assertThat(InstanceRecord.read(file)).isEmpty();

        Files.writeString(file, "pid=abc\nport=8180\nstarted-at=2026-01-01T00:00:00Z\n");
        assertThat(InstanceRecord.read(file)).isEmpty();

        Files.writeString(file, "pid=12\n");
        assertThat(InstanceRecord.read(file)).isEmpty();
    }

    @Test
    void deadProcessIsNotLive() throws Exception {
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();

        assertThat(new InstanceRecord(exited.pid(), 8180, Instant.EPOCH, null).liveProcess()).isEmpty();
    }

    @Test
    void reusedPidIsNotLive() {
        ProcessHandle self = ProcessHandle.current();
        Instant realStart = self.info().startInstant().orElseThrow();

        assertThat(new InstanceRecord(self.pid(), 8180, Instant.EPOCH, realStart).liveProcess()).contains(self);
        assertThat(new InstanceRecord(self.pid(), 8180, Instant.EPOCH, realStart.minusSeconds(3600)).liveProcess())
                .isEmpty();
    }
}
