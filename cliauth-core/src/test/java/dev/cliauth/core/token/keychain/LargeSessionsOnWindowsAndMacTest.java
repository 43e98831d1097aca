package dev.cliauth.core.token.keychain;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.token.Session;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * An Entra ID-sized session (several KB of tokens) through the real adapter ({@link JavaKeyringKeychain}) and store,
 * over the recorded Windows Credential Manager and macOS Keychain ({@link RecordedBackends}): stored in pieces that
 * each fit the platform's item, read back whole, removed whole; a small session stays one item, as before.
 */
class LargeSessionsOnWindowsAndMacTest {

    @Test
    void windowsRefusesTheWholeSessionInOneItemAsItDoes() {
        RecordedBackends.WindowsCredentialManager windows = new RecordedBackends.WindowsCredentialManager();
        JavaKeyringKeychain adapter = new JavaKeyringKeychain("Windows Credential Manager", Optional.of(SecretLimit.WINDOWS), windows);
        String json = dev.cliauth.core.token.SessionCodec.encode(TestSessions.large("work"));

        CliauthException e = catchThrowableOfType(CliauthException.class, () -> adapter.set("cliauth", "work", json));

        assertThat(e.failure()).isEqualTo(Failure.STORAGE);
        assertThat(e.getMessage()).contains("Error code 1783").doesNotContain("SECRET");
    }

    @Test
    void windowsHoldsALargeSessionInPiecesOfAtMost2560Bytes() {
        RecordedBackends.WindowsCredentialManager windows = new RecordedBackends.WindowsCredentialManager();
        KeychainTokenStore store = storeOn(windows);
        Session session = TestSessions.large("work");

        store.save(session);

        assertThat(store.load("work")).contains(session);
        assertThat(windows.items.size()).isGreaterThan(4);
        assertThat(windows.items.values()).allMatch(blob -> blob.length <= 2560);
        assertThat(windows.items.keySet()).allMatch(target -> target.equals("cliauth|work") || target.matches("cliauth\\|work#[0-9a-f]{16}\\.\\d+"));
        assertThat(windows.item("cliauth", "work").orElseThrow()).startsWith(ChunkedKeychain.INDEX).doesNotContain("SECRET");

        assertThat(store.delete("work")).isTrue();
        assertThat(windows.items).isEmpty();
        assertThat(store.load("work")).isEmpty();
    }

    @Test
    void aRefreshReplacesThePiecesAndLeavesNoneOfTheOldOnes() {
        RecordedBackends.WindowsCredentialManager windows = new RecordedBackends.WindowsCredentialManager();
        KeychainTokenStore store = storeOn(windows);
        store.save(TestSessions.large("work"));
        int pieces = windows.items.size();

        Session refreshed = TestSessions.large("work", 'r');
        store.save(refreshed);

        assertThat(store.load("work")).contains(refreshed);
        assertThat(windows.items).hasSize(pieces);
        store.save(TestSessions.session("work")); // small again: one item, no pieces left
        assertThat(windows.items.keySet()).containsExactly("cliauth|work");
        assertThat(store.load("work")).contains(TestSessions.session("work"));
    }

    @Test
    void aSmallSessionStaysOneItemAsBefore() {
        RecordedBackends.WindowsCredentialManager windows = new RecordedBackends.WindowsCredentialManager();
        KeychainTokenStore store = storeOn(windows);

        store.save(TestSessions.session("work"));

        assertThat(windows.items.keySet()).containsExactly("cliauth|work");
        assertThat(windows.item("cliauth", "work").orElseThrow()).startsWith("{");
    }

    private static KeychainTokenStore storeOn(RecordedBackends.WindowsCredentialManager windows) {
        return new KeychainTokenStore(new JavaKeyringKeychain("Windows Credential Manager", Optional.of(SecretLimit.WINDOWS), windows));
    }

    @Test
    void macOsGetsPiecesWithinTheKeychainsReasonableSize() {
        RecordedBackends.MacKeychain mac = new RecordedBackends.MacKeychain();
        KeychainTokenStore store = new KeychainTokenStore(new JavaKeyringKeychain("macOS Keychain", Optional.of(SecretLimit.MACOS), mac));
        Session session = TestSessions.large("work");

        store.save(session);

        assertThat(store.load("work")).contains(session);
        assertThat(mac.oversized).isEmpty();
        assertThat(mac.items.values()).allMatch(data -> data.length <= 4096);
        assertThat(mac.items.size()).isGreaterThan(2);
        assertThat(store.delete("work")).isTrue();
        assertThat(mac.items).isEmpty();
    }

    @Test
    void eachPlatformGetsItsLimitFromJavaKeyringsBackendType() {
        assertThat(JavaKeyringKeychain.limitOf(com.github.javakeyring.KeyringStorageType.WINDOWS_CREDENTIAL_STORE)).contains(SecretLimit.WINDOWS);
        assertThat(JavaKeyringKeychain.limitOf(com.github.javakeyring.KeyringStorageType.OSX_KEYCHAIN)).contains(SecretLimit.MACOS);
        assertThat(JavaKeyringKeychain.limitOf(com.github.javakeyring.KeyringStorageType.GNOME_KEYRING)).isEmpty();
        assertThat(SecretLimit.WINDOWS.fits("x".repeat(1280))).isTrue();
        assertThat(SecretLimit.WINDOWS.fits("x".repeat(1281))).isFalse();
        assertThat(SecretLimit.MACOS.size("é")).isEqualTo("é".getBytes(StandardCharsets.UTF_8).length);
    }
}
