package dev.cliauth.core.token.keychain;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Which environments get a keychain, and that a keychain which never answers cannot hang cliauth. */
class KeychainProbeTest {
    private static final Map<String, String> SESSION_BUS = Map.of("DBUS_SESSION_BUS_ADDRESS", "unix:abstract=/tmp/dbus-test,guid=0123");
    private static final Duration TIMEOUT = Duration.ofMillis(200);
    /** Holds hanging keychains until the test ends, so their probe threads finish. */
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseHangingKeychains() {
        release.countDown();
    }

    @Test
    void withoutASessionBusLinuxHasNoKeychainAndNothingIsOpened() {
        AtomicBoolean opened = new AtomicBoolean();
        long start = System.nanoTime();

        KeychainProbe probe = Keychains.probe(Map.of(), Duration.ofSeconds(30), "Linux", () -> {
            opened.set(true);
            return new MemoryKeychain();
        });

        assertThat(probe.keychain()).isEmpty();
        assertThat(probe.reason()).isEqualTo("DBUS_SESSION_BUS_ADDRESS is not set");
        assertThat(opened).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void aSessionBusWhoseSocketIsGoneMeansNoKeychainAndNothingIsOpened(@TempDir Path dir) throws IOException {
        Path gone = dir.resolve("bus");
        Map<String, String> stale = Map.of("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + gone + ",guid=0123");

        KeychainProbe probe = Keychains.probe(stale, Duration.ofSeconds(30), "Linux", () -> {
            throw new AssertionError("opened although the bus is gone");
        });

        assertThat(probe.keychain()).isEmpty();
        assertThat(probe.reason()).isEqualTo("the session bus socket " + gone + " in DBUS_SESSION_BUS_ADDRESS does not exist");
    }

    @Test
    void onlyAddressesThatAllNameMissingSocketsAreJudgedWithoutDBus(@TempDir Path dir) throws IOException {
        Path socket = Files.createFile(dir.resolve("bus socket"));
        Path gone = dir.resolve("gone");

        assertThat(Keychains.missingSocket("unix:path=" + gone)).contains(gone.toString());
        assertThat(Keychains.missingSocket("unix:path=" + socket.toString().replace(" ", "%20"))).isEmpty();
        assertThat(Keychains.missingSocket("unix:path=" + gone + ";unix:path=" + socket)).isEmpty();
        assertThat(Keychains.missingSocket("unix:abstract=/tmp/dbus-x,guid=1")).isEmpty();
        assertThat(Keychains.missingSocket("tcp:host=localhost,port=1234")).isEmpty();
        assertThat(Keychains.missingSocket("unix:path=" + gone + ";tcp:host=localhost,port=1234")).isEmpty();
    }

    @Test
    void theSwitchTurnsTheKeychainOffEverywhere() {
        for (String os : new String[] {"Linux", "Mac OS X", "Windows 11"}) {
            KeychainProbe probe = Keychains.probe(Map.of("CLIAUTH_KEYCHAIN", "OFF", "DBUS_SESSION_BUS_ADDRESS", "unix:abstract=/x"), TIMEOUT, os,
                    () -> {
                        throw new AssertionError("opened although switched off");
                    });
            assertThat(probe.keychain()).isEmpty();
            assertThat(probe.reason()).isEqualTo("CLIAUTH_KEYCHAIN is off");
        }
    }

    @Test
    void anUnknownSwitchValueIsAConfigurationError() {
        CliauthException e = catchThrowableOfType(CliauthException.class,
                () -> Keychains.probe(Map.of("CLIAUTH_KEYCHAIN", "of"), TIMEOUT, "Linux", MemoryKeychain::new));

        assertThat(e.failure()).isEqualTo(Failure.CONFIGURATION);
        assertThat(e.getMessage()).isEqualTo("CLIAUTH_KEYCHAIN must be 'off', 'auto' or 'required', not 'of'.");
    }

    @Test
    void aKeychainThatAnswersIsUsedAndAskedOnlyForAnItemNoProfileCanHave() {
        MemoryKeychain keychain = new MemoryKeychain();
        AtomicBoolean onADaemonThread = new AtomicBoolean();

        KeychainProbe probe = Keychains.probe(SESSION_BUS, Duration.ofSeconds(30), "Linux", () -> {
            onADaemonThread.set(Thread.currentThread().isDaemon());
            return keychain;
        });

        assertThat(probe.keychain()).containsSame(keychain);
        assertThat(probe.reason()).isEqualTo("Memory Keychain answered");
        assertThat(onADaemonThread).isTrue();
        assertThat(keychain.items).isEmpty();
        assertThat(Keychains.PROBE_ACCOUNT).doesNotMatch("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    }

    @Test
    void macOsAndWindowsAreAskedWithoutASessionBus() {
        assertThat(Keychains.probe(Map.of(), TIMEOUT, "Mac OS X", MemoryKeychain::new).keychain()).isPresent();
        assertThat(Keychains.probe(Map.of(), TIMEOUT, "Windows 10", MemoryKeychain::new).keychain()).isPresent();
    }

    @Test
    void aKeychainThatCannotBeOpenedGivesTheReasonOnOneLine() {
        KeychainProbe linux = Keychains.probe(SESSION_BUS, Duration.ofSeconds(30), "Linux", () -> {
            throw new IllegalStateException("Error connecting to dbus", new IOException("org.freedesktop.DBus.Error.ServiceUnknown:\nThe name is not activatable"));
        });
        KeychainProbe mac = Keychains.probe(Map.of(), Duration.ofSeconds(30), "Mac OS X", () -> {
            throw new IllegalStateException("Modern OSX Keychain not supported.");
        });

        assertThat(linux.keychain()).isEmpty();
        assertThat(linux.reason()).isEqualTo("the Secret Service is not available (Error connecting to dbus: "
                + "org.freedesktop.DBus.Error.ServiceUnknown: The name is not activatable)");
        assertThat(mac.reason()).isEqualTo("the macOS Keychain is not available (Modern OSX Keychain not supported.)");
    }

    @Test
    void aLookupThatNeverAnswersGivesUpAfterTheTimeout() {
        long start = System.nanoTime();

        KeychainProbe probe = Keychains.probe(SESSION_BUS, TIMEOUT, "Linux", () -> new HangingKeychain(release));

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(probe.keychain()).isEmpty();
        assertThat(probe.reason()).isEqualTo("the Secret Service did not answer within 200 ms (is the keyring locked?)");
        assertThat(took).isGreaterThanOrEqualTo(TIMEOUT).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void anUnlockPromptThatNobodyAnswersGivesUpAfterTheTimeout() {
        KeychainProbe probe = Keychains.probe(Map.of(), TIMEOUT, "Windows 11", () -> {
            release.await();
            return new MemoryKeychain();
        });

        assertThat(probe.keychain()).isEmpty();
        assertThat(probe.reason()).isEqualTo("the Windows Credential Manager did not answer within 200 ms (is the keyring locked?)");
    }

    @Test
    void aKeychainThatAnswersTooLateIsClosed() throws InterruptedException {
        CountDownLatch closing = new CountDownLatch(1);
        MemoryKeychain late = new MemoryKeychain() {
            @Override
            public synchronized void close() {
                super.close();
                closing.countDown();
            }
        };

        KeychainProbe probe = Keychains.probe(SESSION_BUS, TIMEOUT, "Linux", () -> {
            release.await();
            return late;
        });
        release.countDown();

        assertThat(probe.keychain()).isEmpty();
        assertThat(closing.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aKeychainWhoseLookupFailsIsClosed() {
        MemoryKeychain broken = new MemoryKeychain() {
            @Override
            public synchronized Optional<String> get(String service, String account) {
                throw new CliauthException(Failure.STORAGE, "Cannot read keychain item cliauth/.probe in the Memory Keychain (locked)");
            }
        };

        KeychainProbe probe = Keychains.probe(SESSION_BUS, Duration.ofSeconds(30), "Linux", () -> broken);

        assertThat(probe.keychain()).isEmpty();
        assertThat(probe.reason()).contains("(locked)");
        assertThat(broken.closed).isTrue();
    }

    /** A keychain whose every call blocks until the test ends, like one waiting on an unlock prompt. */
    private static final class HangingKeychain extends MemoryKeychain {
        private final CountDownLatch release;

        HangingKeychain(CountDownLatch release) {
            this.release = release;
        }

        @Override
        public Optional<String> get(String service, String account) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.empty();
        }
    }
}
