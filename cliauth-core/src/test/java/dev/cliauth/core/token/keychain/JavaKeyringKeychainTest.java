package dev.cliauth.core.token.keychain;

import com.github.javakeyring.KeyringStorageType;
import com.github.javakeyring.PasswordAccessException;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * How java-keyring's answers become {@link Keychain} answers, on every platform: a scripted backend stands in for
 * the Secret Service, the macOS Keychain and the Windows Credential Manager alike.
 */
class JavaKeyringKeychainTest {

    @Test
    void aMissingItemIsEmptyBecauseThatIsHowJavaKeyringReportsIt() {
        ScriptedBackend backend = new ScriptedBackend();
        JavaKeyringKeychain keychain = new JavaKeyringKeychain("Secret Service", backend);

        assertThat(keychain.get("cliauth", "work")).isEmpty();

        keychain.set("cliauth", "work", "s");
        assertThat(keychain.get("cliauth", "work")).contains("s");
    }

    @Test
    void aFailedWriteIsAStorageErrorThatNeverQuotesTheSecret() {
        ScriptedBackend backend = new ScriptedBackend();
        // A library that quotes what it could not store: the reason must then be left out, and the cause too.
        backend.failure = new PasswordAccessException("could not store {\"access_token\":\"at-SECRET\"}");
        KeychainTokenStore store = new KeychainTokenStore(new JavaKeyringKeychain("Secret Service", backend));

        CliauthException e = catchThrowableOfType(CliauthException.class, () -> store.save(TestSessions.session("work")));

        assertThat(e.failure()).isEqualTo(Failure.STORAGE);
        assertThat(e.getMessage())
                .isEqualTo("Cannot write keychain item cliauth/work in the Secret Service; set CLIAUTH_KEYCHAIN=off to keep sessions in files instead.")
                .doesNotContain("SECRET");
        assertThat(e.getCause()).isNull();
    }

    @Test
    void aFailedWriteKeepsAReasonThatHoldsNoSecret() {
        ScriptedBackend backend = new ScriptedBackend();
        backend.failure = new IllegalStateException("org.freedesktop.DBus.Error.NoReply:\n  Did not receive a reply");
        JavaKeyringKeychain keychain = new JavaKeyringKeychain("Secret Service", backend);

        CliauthException e = catchThrowableOfType(CliauthException.class, () -> keychain.set("cliauth", "work", "at-SECRET"));

        assertThat(e.failure()).isEqualTo(Failure.STORAGE);
        assertThat(e.getMessage()).contains("(org.freedesktop.DBus.Error.NoReply: Did not receive a reply)").doesNotContain("\n");
        assertThat(e.getCause()).isSameAs(backend.failure);
    }

    @Test
    void aLibraryCrashDuringAReadIsAStorageError() {
        ScriptedBackend backend = new ScriptedBackend();
        backend.failure = new IllegalStateException("connection closed");
        JavaKeyringKeychain keychain = new JavaKeyringKeychain("macOS Keychain", backend);

        CliauthException e = catchThrowableOfType(CliauthException.class, () -> keychain.get("cliauth", "work"));

        assertThat(e.failure()).isEqualTo(Failure.STORAGE);
        assertThat(e.getMessage()).startsWith("Cannot read keychain item cliauth/work in the macOS Keychain (connection closed)");
    }

    @Test
    void deletingAMissingItemIsFalseAndAFailedDeleteIsAnError() {
        ScriptedBackend backend = new ScriptedBackend();
        JavaKeyringKeychain keychain = new JavaKeyringKeychain("Windows Credential Manager", backend);
        assertThat(keychain.delete("cliauth", "work")).isFalse();

        keychain.set("cliauth", "work", "s");
        assertThat(keychain.delete("cliauth", "work")).isTrue();

        keychain.set("cliauth", "work", "s");
        backend.deleteRefused = true;
        CliauthException e = catchThrowableOfType(CliauthException.class, () -> keychain.delete("cliauth", "work"));
        assertThat(e.failure()).isEqualTo(Failure.STORAGE);
        assertThat(e.getMessage()).startsWith("Cannot delete keychain item cliauth/work in the Windows Credential Manager");
    }

    @Test
    void closeClosesTheBackend() {
        ScriptedBackend backend = new ScriptedBackend();
        new JavaKeyringKeychain("Secret Service", backend).close();
        assertThat(backend.closed).isTrue();
    }

    @Test
    void eachOperatingSystemUsesItsOwnBackends() {
        assertThat(JavaKeyringKeychain.backendsFor("Linux")).containsExactly(KeyringStorageType.GNOME_KEYRING);
        assertThat(JavaKeyringKeychain.backendsFor("FreeBSD")).containsExactly(KeyringStorageType.GNOME_KEYRING);
        assertThat(JavaKeyringKeychain.backendsFor("Mac OS X"))
                .containsExactly(KeyringStorageType.OSX_KEYCHAIN, KeyringStorageType.LEGACY_OSX_KEYCHAIN);
        assertThat(JavaKeyringKeychain.backendsFor("Windows 11")).containsExactly(KeyringStorageType.WINDOWS_CREDENTIAL_STORE);
    }

    @Test
    void everyBackendHasANameForPeople() {
        assertThat(JavaKeyringKeychain.nameOf(KeyringStorageType.GNOME_KEYRING)).isEqualTo("Secret Service");
        assertThat(JavaKeyringKeychain.nameOf(KeyringStorageType.OSX_KEYCHAIN)).isEqualTo("macOS Keychain");
        assertThat(JavaKeyringKeychain.nameOf(KeyringStorageType.LEGACY_OSX_KEYCHAIN)).isEqualTo("macOS Keychain");
        assertThat(JavaKeyringKeychain.nameOf(KeyringStorageType.WINDOWS_CREDENTIAL_STORE)).isEqualTo("Windows Credential Manager");
        assertThat(JavaKeyringKeychain.nameOf(KeyringStorageType.KWALLET)).isEqualTo("KWallet");
    }

    /** Behaves like java-keyring's backends: a missing item is a {@link PasswordAccessException}. */
    private static final class ScriptedBackend implements JavaKeyringKeychain.Backend {
        final Map<String, String> items = new HashMap<>();
        Exception failure;
        boolean deleteRefused;
        boolean closed;

        @Override
        public String getPassword(String service, String account) throws PasswordAccessException {
            fail();
            String secret = items.get(service + "/" + account);
            if (secret == null) {
                throw new PasswordAccessException("No existing credential for " + service + "/" + account);
            }
            return secret;
        }

        @Override
        public void setPassword(String service, String account, String password) throws PasswordAccessException {
            fail();
            items.put(service + "/" + account, password);
        }

        @Override
        public void deletePassword(String service, String account) throws PasswordAccessException {
            fail();
            if (deleteRefused) {
                throw new PasswordAccessException("Access denied");
            }
            if (items.remove(service + "/" + account) == null) {
                throw new PasswordAccessException("No existing credential for " + service + "/" + account);
            }
        }

        @Override
        public void close() {
            closed = true;
        }

        private void fail() throws PasswordAccessException {
            if (failure instanceof PasswordAccessException e) {
                throw e;
            }
            if (failure instanceof RuntimeException e) {
                throw e;
            }
        }
    }
}
