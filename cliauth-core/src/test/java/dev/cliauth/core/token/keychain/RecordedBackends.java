package dev.cliauth.core.token.keychain;

import com.github.javakeyring.PasswordAccessException;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The macOS Keychain and the Windows Credential Manager as java-keyring 1.0.4 meets them, for tests of the adapters
 * at their seam ({@link JavaKeyringKeychain.Backend}), on a machine that has neither. What each does is recorded from
 * java-keyring's source and the platforms' documented and reported behaviour, and enforced here:
 * <ul>
 *   <li>Windows ({@code WinCredentialStoreBackend}): the item is {@code CredWriteA} of target {@code SERVICE|ACCOUNT}
 *       with the password as a UTF-16LE blob; a blob over {@code CRED_MAX_CREDENTIAL_BLOB_SIZE} (2560 bytes) fails
 *       with error 1783 (RPC_X_BAD_STUB_DATA, "The stub received bad data"), which java-keyring throws as
 *       {@code PasswordAccessException("Error code 1783")}; reading or deleting a missing item fails with 1168
 *       (ERROR_NOT_FOUND).</li>
 *   <li>macOS ({@code OsxKeychainBackend}): {@code SecKeychainAddGenericPassword}/{@code ModifyContent} of the UTF-8
 *       bytes; it takes larger secrets, but securityd logs an item whose secret exceeds 4096 bytes as over the
 *       reasonable size, so this records such writes in {@link #oversized}; a missing item is errSecItemNotFound,
 *       whose message java-keyring throws.</li>
 * </ul>
 */
final class RecordedBackends {
    private RecordedBackends() {
    }

    /** The items, by the name the platform stores them under, and the raw bytes it holds. */
    abstract static class Recorded implements JavaKeyringKeychain.Backend {
        final Map<String, byte[]> items = new LinkedHashMap<>();
        final List<String> oversized = new ArrayList<>();
        private final char separator;
        private final Charset charset;
        private final String notFound;

        /** @param separator between service and account in the item's name; charset: how the secret is stored */
        Recorded(char separator, Charset charset, String notFound) {
            this.separator = separator;
            this.charset = charset;
            this.notFound = notFound;
        }

        /** What the platform does with a secret of {@code bytes} bytes: refuse it, or note it. */
        abstract void check(byte[] bytes, String password) throws PasswordAccessException;

        private String target(String service, String account) {
            return service + separator + account;
        }

        @Override
        public synchronized String getPassword(String service, String account) throws PasswordAccessException {
            byte[] stored = items.get(target(service, account));
            if (stored == null) {
                throw new PasswordAccessException(notFound);
            }
            return new String(stored, charset);
        }

        @Override
        public synchronized void setPassword(String service, String account, String password) throws PasswordAccessException {
            byte[] bytes = password.getBytes(charset);
            check(bytes, password);
            items.put(target(service, account), bytes);
        }

        @Override
        public synchronized void deletePassword(String service, String account) throws PasswordAccessException {
            if (items.remove(target(service, account)) == null) {
                throw new PasswordAccessException(notFound);
            }
        }

        @Override
        public void close() {
        }

        synchronized Optional<String> item(String service, String account) {
            return Optional.ofNullable(items.get(target(service, account))).map(bytes -> new String(bytes, charset));
        }
    }

    static final class WindowsCredentialManager extends Recorded {
        static final int CRED_MAX_CREDENTIAL_BLOB_SIZE = 5 * 512;

        WindowsCredentialManager() {
            super('|', StandardCharsets.UTF_16LE, "Error code 1168");
        }

        @Override
        void check(byte[] blob, String password) throws PasswordAccessException {
            if (blob.length > CRED_MAX_CREDENTIAL_BLOB_SIZE) {
                throw new PasswordAccessException("Error code 1783");
            }
        }
    }

    static final class MacKeychain extends Recorded {
        static final int REASONABLE_SECRET_DATA_SIZE = 4096;

        MacKeychain() {
            super('\0', StandardCharsets.UTF_8, "The specified item could not be found in the keychain.");
        }

        @Override
        void check(byte[] data, String password) {
            if (data.length > REASONABLE_SECRET_DATA_SIZE) {
                oversized.add(password.substring(0, 16));
            }
        }
    }
}
