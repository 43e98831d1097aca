package dev.cliauth.core.token.keychain;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The largest secret one keychain item holds, in bytes of the encoding the platform keeps it in. A session larger than
 * that is stored in pieces ({@link ChunkedKeychain}).
 *
 * @param bytes   the most bytes an item's secret may take
 * @param charset how the platform adapter encodes the secret
 */
public record SecretLimit(int bytes, Charset charset) {
    /**
     * The Windows Credential Manager: {@code CRED_MAX_CREDENTIAL_BLOB_SIZE} (5 × 512 bytes), and java-keyring writes
     * the blob in UTF-16LE, so at most 1280 ASCII characters. A larger blob fails {@code CredWrite} with error 1783
     * ("The stub received bad data"), which java-keyring reports as {@code PasswordAccessException("Error code 1783")}.
     */
    public static final SecretLimit WINDOWS = new SecretLimit(2560, StandardCharsets.UTF_16LE);

    /**
     * The macOS Keychain: java-keyring writes UTF-8 through {@code SecKeychainAddGenericPassword}, which takes larger
     * secrets, but Apple's keychain server calls 4096 bytes of secret data the reasonable size
     * ({@code REASONABLE_SECRET_DATA_SIZE} in securityd) and logs items beyond it; cliauth stays within it.
     */
    public static final SecretLimit MACOS = new SecretLimit(4096, StandardCharsets.UTF_8);

    public SecretLimit {
        Objects.requireNonNull(charset);
        if (bytes < 64) {
            throw new IllegalArgumentException("a keychain item that holds fewer than 64 bytes cannot hold a piece of a session");
        }
    }

    /** How many bytes {@code secret} takes in this platform's encoding. */
    public int size(String secret) {
        return secret.getBytes(charset).length;
    }

    /** Whether {@code secret} fits in one item. */
    public boolean fits(String secret) {
        return size(secret) <= bytes;
    }
}
