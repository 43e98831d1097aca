package dev.cliauth.cli.devidp;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * What a started dev IdP leaves behind so that later, separate cliauth processes can find and stop it:
 * {@code instance.properties} with the pid, the port and when it started.
 *
 * <p>{@code processStart} is the operating system's start time of that pid, when it can be read. It guards
 * against pid reuse: after a reboot the recorded pid may belong to an unrelated process, which must be neither
 * reported as the dev IdP nor killed by {@code stop}.
 *
 * @param processStart may be {@code null} when the platform does not report process start times
 */
record InstanceRecord(long pid, int port, Instant startedAt, Instant processStart) {

    /** Start times read twice from {@code /proc} can differ by a clock tick; a reused pid differs by far more. */
    private static final Duration START_TOLERANCE = Duration.ofSeconds(1);

    /** The record of a process just launched. */
    static InstanceRecord of(ProcessHandle process, int port, Instant now) {
        return new InstanceRecord(process.pid(), port, now, process.info().startInstant().orElse(null));
    }

    /** The record in {@code file}; empty when there is none or it is unreadable (treated as no record). */
    static Optional<InstanceRecord> read(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        try {
            String processStart = p.getProperty("process-start");
            return Optional.of(new InstanceRecord(
                    Long.parseLong(p.getProperty("pid", "").trim()),
                    Integer.parseInt(p.getProperty("port", "").trim()),
                    Instant.parse(p.getProperty("started-at", "").trim()),
                    processStart == null ? null : Instant.parse(processStart.trim())));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Writes the record to a temporary file and renames it, so a reader never sees half a record. */
    void write(Path file) {
        StringBuilder text = new StringBuilder("# cliauth dev IdP instance; removed by `cliauth dev-idp stop`\n")
                .append("pid=").append(pid).append('\n')
                .append("port=").append(port).append('\n')
                .append("started-at=").append(startedAt).append('\n');
        if (processStart != null) {
            text.append("process-start=").append(processStart).append('\n');
        }
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), ".instance-", ".tmp");
            try {
                Files.writeString(temp, text, StandardCharsets.UTF_8);
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The recorded process if it is still alive and still the same process (not a reused pid). */
    Optional<ProcessHandle> liveProcess() {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(this::isSameProcess);
    }

    private boolean isSameProcess(ProcessHandle handle) {
        if (processStart == null) {
            return true;
        }
        return handle.info().startInstant()
                .map(actual -> Duration.between(processStart, actual).abs().compareTo(START_TOLERANCE) <= 0)
                .orElse(true);
    }
}
