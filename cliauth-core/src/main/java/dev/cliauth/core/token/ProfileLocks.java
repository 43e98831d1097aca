package dev.cliauth.core.token;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.config.Profile;
import dev.cliauth.core.flow.Sleeper;
import dev.cliauth.core.io.PrivateFiles;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A per-profile lock across threads and processes, so that a refresh (or a login's store) is done by one at a time:
 * providers rotate refresh tokens and revoke the whole family when an old one is reused, so two concurrent refreshes
 * with the same token would log the person out. A thread lock inside the process, then an OS file lock on
 * {@code <stateDir>/locks/<profile>.lock} between processes (released by the OS if a process dies). Reentrant: a
 * thread that holds a profile's lock through this instance runs a nested {@link #withLock} at once (so
 * {@code cliauth token} can take the lock early and run the full command under it).
 */
public final class ProfileLocks {
    private static final Duration POLL = Duration.ofMillis(20);

    private final Path dir;
    private final PrivateFiles files;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration maxWait;
    private final Map<String, ReentrantLock> threadLocks = new ConcurrentHashMap<>();

    public ProfileLocks(Path stateDir, PrivateFiles files, Clock clock, Sleeper sleeper, Duration maxWait) {
        this.dir = stateDir.resolve("locks");
        this.files = files;
        this.clock = clock;
        this.sleeper = sleeper;
        this.maxWait = maxWait;
    }

    /** Runs {@code action} holding the profile's lock. */
    public <T> T withLock(String profile, Supplier<T> action) {
        ReentrantLock threadLock = threadLocks.computeIfAbsent(Profile.checkName(profile), name -> new ReentrantLock());
        threadLock.lock();
        try {
            if (threadLock.getHoldCount() > 1) {
                return action.get(); // this thread holds the file lock already, further up its stack
            }
            files.createPrivateDirectories(dir);
            Path file = dir.resolve(profile + ".lock");
            try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                 FileLock ignored = acquire(channel, file)) {
                return action.get();
            }
        } catch (IOException e) {
            throw new CliauthException(Failure.STORAGE, "Cannot lock " + dir.resolve(profile + ".lock") + ": " + e.getMessage(), e);
        } finally {
            threadLock.unlock();
        }
    }

    private FileLock acquire(FileChannel channel, Path file) throws IOException {
        Instant deadline = clock.instant().plus(maxWait);
        while (true) {
            try {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return lock;
                }
            } catch (OverlappingFileLockException sameJvm) {
                // another ProfileLocks in this JVM holds it: wait like for another process
            }
            if (!clock.instant().isBefore(deadline)) {
                throw new CliauthException(Failure.STORAGE, "Another cliauth process has held " + file + " for more than "
                        + maxWait.toSeconds() + " s; try again, or end that process.");
            }
            try {
                sleeper.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliauthException(Failure.CANCELLED, "Cancelled while waiting for " + file + ".");
            }
        }
    }
}
