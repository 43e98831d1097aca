package dev.cliauth.core.token.keychain;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.KeyringStorageType;
import com.github.javakeyring.PasswordAccessException;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link Keychain} over java-keyring: the Secret Service on Linux (D-Bus), the macOS Keychain, the Windows
 * Credential Manager. Holds a connection (on Linux, to the session bus) until {@link #close()}.
 *
 * <p>java-keyring reports a missing item and a failed lookup with the same {@link PasswordAccessException}, so
 * {@link #get} reads either as "no item"; a failed write or delete is a storage error.
 */
public final class JavaKeyringKeychain implements Keychain {

    /** The calls made on a java-keyring {@link Keyring}, so the translation of its errors is testable without one. */
    interface Backend extends AutoCloseable {
        String getPassword(String service, String account) throws PasswordAccessException;

        void setPassword(String service, String account, String password) throws PasswordAccessException;

        void deletePassword(String service, String account) throws PasswordAccessException;
    }

    private final String name;
    private final Optional<SecretLimit> limit;
    private final Backend backend;

    JavaKeyringKeychain(String name, Backend backend) {
        this(name, Optional.empty(), backend);
    }

    /** @param limit the largest secret one item of this backend holds ({@link #limitOf}) */
    JavaKeyringKeychain(String name, Optional<SecretLimit> limit, Backend backend) {
        this.name = Objects.requireNonNull(name);
        this.limit = Objects.requireNonNull(limit);
        this.backend = Objects.requireNonNull(backend);
    }

    /**
     * Opens the keychain of the operating system named {@code osName} (a value of {@code os.name}), trying its
     * java-keyring backends in order. This may block: on Linux an unlock prompt can wait for a person.
     *
     * @throws BackendNotSupportedException when none of them is available here
     */
    public static JavaKeyringKeychain open(String osName) throws BackendNotSupportedException {
        BackendNotSupportedException last = null;
        for (KeyringStorageType type : backendsFor(osName)) {
            try {
                return over(Keyring.create(type));
            } catch (BackendNotSupportedException e) {
                last = e;
            }
        }
        throw Objects.requireNonNull(last);
    }

    /** The java-keyring backends to try on {@code osName}, in order; anything not macOS or Windows uses the Secret Service. */
    static List<KeyringStorageType> backendsFor(String osName) {
        return switch (Keychains.platform(osName)) {
            case MACOS -> List.of(KeyringStorageType.OSX_KEYCHAIN, KeyringStorageType.LEGACY_OSX_KEYCHAIN);
            case WINDOWS -> List.of(KeyringStorageType.WINDOWS_CREDENTIAL_STORE);
            case SECRET_SERVICE -> List.of(KeyringStorageType.GNOME_KEYRING);
        };
    }

    /** A person's name for a java-keyring backend. */
    static String nameOf(KeyringStorageType type) {
        return switch (type) {
            case OSX_KEYCHAIN, LEGACY_OSX_KEYCHAIN -> Keychains.Platform.MACOS.keychainName();
            case WINDOWS_CREDENTIAL_STORE -> Keychains.Platform.WINDOWS.keychainName();
            case GNOME_KEYRING -> Keychains.Platform.SECRET_SERVICE.keychainName();
            case KWALLET -> "KWallet";
        };
    }

    /** The largest secret one item of a java-keyring backend holds: see {@link SecretLimit#WINDOWS}, {@link SecretLimit#MACOS}. */
    static Optional<SecretLimit> limitOf(KeyringStorageType type) {
        return switch (type) {
            case OSX_KEYCHAIN, LEGACY_OSX_KEYCHAIN -> Optional.of(SecretLimit.MACOS);
            case WINDOWS_CREDENTIAL_STORE -> Optional.of(SecretLimit.WINDOWS);
            case GNOME_KEYRING, KWALLET -> Optional.empty();
        };
    }

    private static JavaKeyringKeychain over(Keyring keyring) {
        KeyringStorageType type = keyring.getKeyringStorageType();
        return new JavaKeyringKeychain(nameOf(type), limitOf(type), new Backend() {
            @Override
            public String getPassword(String service, String account) throws PasswordAccessException {
                return keyring.getPassword(service, account);
            }

            @Override
            public void setPassword(String service, String account, String password) throws PasswordAccessException {
                keyring.setPassword(service, account, password);
            }

            @Override
            public void deletePassword(String service, String account) throws PasswordAccessException {
                keyring.deletePassword(service, account);
            }

            @Override
            public void close() throws Exception {
                keyring.close();
            }
        });
    }

    @Override
    public Optional<String> get(String service, String account) {
        try {
            return Optional.ofNullable(backend.getPassword(service, account));
        } catch (PasswordAccessException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw failure("read", service, account, e, null);
        }
    }

    @Override
    public void set(String service, String account, String secret) {
        Objects.requireNonNull(secret);
        try {
            backend.setPassword(service, account, secret);
        } catch (PasswordAccessException | RuntimeException e) {
            throw failure("write", service, account, e, secret);
        }
    }

    @Override
    public boolean delete(String service, String account) {
        try {
            backend.deletePassword(service, account);
            return true;
        } catch (PasswordAccessException e) {
            // Also what a missing item looks like: it is a failure only if the item is still there.
            if (get(service, account).isPresent()) {
                throw failure("delete", service, account, e, null);
            }
            return false;
        } catch (RuntimeException e) {
            throw failure("delete", service, account, e, null);
        }
    }

    @Override
    public Optional<SecretLimit> limit() {
        return limit;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        try {
            backend.close();
        } catch (Exception ignored) {
            // closing a connection we are done with: nothing a person could act on
        }
    }

    @Override
    public String toString() {
        return "JavaKeyringKeychain[" + name + "]";
    }

    /**
     * A one-line storage error naming the item and the library's reason. When anything in the exception's chain
     * quotes a piece of the secret (any {@value #QUOTE} characters of it), the reason and the cause are both left out.
     */
    private CliauthException failure(String verb, String service, String account, Exception e, String secret) {
        String reason = Keychains.oneLine(e);
        boolean quotesSecret = secret != null && chainQuotes(e, secret);
        String detail = quotesSecret || reason.isEmpty() ? "" : " (" + reason + ")";
        return new CliauthException(Failure.STORAGE, "Cannot " + verb + " keychain item " + service + "/" + account + " in the "
                + name + detail + "; set " + Keychains.SWITCH + "=off to keep sessions in files instead.", quotesSecret ? null : e);
    }

    private static final int QUOTE = 8;

    private static boolean chainQuotes(Throwable e, String secret) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (quotes(t.getMessage(), secret) || quotes(t.toString(), secret)) {
                return true;
            }
        }
        return false;
    }

    private static boolean quotes(String text, String secret) {
        if (text == null) {
            return false;
        }
        if (secret.length() < QUOTE) {
            return !secret.isEmpty() && text.contains(secret);
        }
        for (int i = 0; i + QUOTE <= text.length(); i++) {
            if (secret.contains(text.substring(i, i + QUOTE))) {
                return true;
            }
        }
        return false;
    }
}
