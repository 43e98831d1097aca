package dev.cliauth.core.token.keychain;

import dev.cliauth.core.token.Session;
import dev.cliauth.core.token.SessionCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Sessions through the real Secret Service, checked with the real {@code secret-tool} (libsecret). Runs wherever a
 * session bus has a keyring that answers; under {@code bin/with-test-keyring} ({@code CLIAUTH_TEST_KEYRING=1}, as in
 * CI) a missing keyring or {@code secret-tool} is a failure, not a skip. Each run uses its own profile name and
 * removes its item.
 */
class GnomeKeyringRoundTripTest {
    private static final boolean EXPECTED = "1".equals(System.getenv("CLIAUTH_TEST_KEYRING"));

    private final String profile = "keychain-test-" + HexFormat.of().formatHex(randomBytes());
    private Keychain keychain;
    private KeychainTokenStore store;

    @BeforeEach
    void findTheSecretService() {
        Map<String, String> env = System.getenv();
        KeychainProbe probe = Keychains.probe(env, Duration.ofSeconds(20), "Linux", () -> JavaKeyringKeychain.open("Linux"));
        if (EXPECTED) {
            assertThat(probe.keychain()).as("the keychain under bin/with-test-keyring: %s", probe.reason()).isPresent();
            assertThat(secretToolInstalled()).as("secret-tool (libsecret-tools) is installed").isTrue();
        } else {
            assumeTrue(probe.keychain().isPresent(), () -> "no Secret Service: " + probe.reason());
            assumeTrue(secretToolInstalled(), "secret-tool (libsecret-tools) is not installed");
        }
        keychain = probe.keychain().orElseThrow();
        store = new KeychainTokenStore(keychain);
    }

    @AfterEach
    void removeTheItem() {
        if (keychain != null) {
            try {
                store.delete(profile);
            } finally {
                keychain.close();
            }
        }
    }

    @Test
    void storesReadsOverwritesAndDeletesASession() throws Exception {
        Session session = TestSessions.session(profile);

        store.save(session);

        assertThat(keychain.name()).isEqualTo("Secret Service");
        assertThat(store.describe(profile)).isEqualTo("keychain (Secret Service) item cliauth/" + profile);
        assertThat(store.load(profile)).contains(session);
        assertThat(secretToolLookup()).isEqualTo(new Lookup(0, SessionCodec.encode(session)));

        Session refreshed = TestSessions.refreshed(session);
        store.save(refreshed);

        assertThat(store.load(profile)).contains(refreshed);
        assertThat(secretToolLookup()).isEqualTo(new Lookup(0, SessionCodec.encode(refreshed)));
        assertThat(secretToolItemCount()).as("items for cliauth/%s after an overwrite", profile).isEqualTo(1);

        assertThat(store.delete(profile)).isTrue();

        assertThat(store.load(profile)).isEmpty();
        assertThat(secretToolLookup().status()).isNotZero();
        assertThat(store.delete(profile)).isFalse();
    }

    @Test
    void readsASessionAnotherLibsecretProgramStored() throws Exception {
        Session session = TestSessions.session(profile);

        Process stored = run(List.of("secret-tool", "store", "--label=cliauth test", "service", "cliauth", "account", profile),
                SessionCodec.encode(session));
        assertThat(stored.exitValue()).isZero();

        assertThat(store.load(profile)).contains(session);
    }

    private record Lookup(int status, String secret) {
    }

    private Lookup secretToolLookup() throws IOException, InterruptedException {
        Process p = run(List.of("secret-tool", "lookup", "service", "cliauth", "account", profile), "");
        return new Lookup(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
    }

    private long secretToolItemCount() throws IOException, InterruptedException {
        Process p = run(List.of("secret-tool", "search", "--all", "service", "cliauth", "account", profile), "");
        // search writes each item's header, "[/org/freedesktop/secrets/collection/login/7]", to standard output
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().filter(line -> line.startsWith("[/")).count();
    }

    private static Process run(List<String> command, String input) throws IOException, InterruptedException {
        Path errors = Files.createTempFile("secret-tool", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectError(errors.toFile()).start();
            p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            // Small outputs: the pipe buffer holds them until the process has exited.
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
            return p;
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    private static boolean secretToolInstalled() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "secret-tool"))) {
                return true;
            }
        }
        return false;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
