package dev.cliauth.core.token;

import dev.cliauth.core.flow.Sleeper;
import dev.cliauth.core.io.PrivateFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A thread that holds a profile's lock takes it again at once (cliauth token runs the full path under its own lock). */
class ProfileLocksAreReentrantTest {
    @TempDir
    Path dir;

    @Test
    void aNestedCallRunsAtOnceAndTheLockIsReleasedAfterTheOuterOne() {
        List<Duration> sleeps = new ArrayList<>();
        Sleeper recording = sleeps::add;
        ProfileLocks locks = new ProfileLocks(dir, new PrivateFiles(), Clock.systemUTC(), recording, Duration.ofSeconds(5));

        String result = locks.withLock("p", () -> locks.withLock("p", () -> "inner"));
        String again = new ProfileLocks(dir, new PrivateFiles(), Clock.systemUTC(), recording, Duration.ofSeconds(5)).withLock("p", () -> "free");

        assertThat(result).isEqualTo("inner");
        assertThat(again).isEqualTo("free");
        assertThat(sleeps).isEmpty();
    }
}
