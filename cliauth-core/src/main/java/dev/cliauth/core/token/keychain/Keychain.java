package dev.cliauth.core.token.keychain;

import java.util.Optional;

/**
 * An operating system's store of secrets, addressed by service and account. Every failure is a
 * {@link dev.cliauth.core.CliauthException} of kind {@link dev.cliauth.core.Failure#STORAGE} with a one-line message
 * that never contains the secret. {@link #close()} lets go of the connection to it: a Secret Service connection runs
 * a non-daemon thread that keeps the JVM alive until it is closed (or {@code System.exit}).
 */
public interface Keychain extends AutoCloseable {

    /** The secret stored under {@code service}/{@code account}, or empty when there is none. */
    Optional<String> get(String service, String account);

    /** Stores {@code secret} under {@code service}/{@code account}, replacing what was there. */
    void set(String service, String account, String secret);

    /** Removes the secret under {@code service}/{@code account}; returns whether there was one. */
    boolean delete(String service, String account);

    /**
     * The largest secret one item holds here, when there is a limit to respect (the Windows Credential Manager, the
     * macOS Keychain); {@link ChunkedKeychain} stores larger ones in pieces. Empty: any size.
     */
    default Optional<SecretLimit> limit() {
        return Optional.empty();
    }

    /** The keychain's name for people to read: "Secret Service", "macOS Keychain", "Windows Credential Manager". */
    String name();

    @Override
    default void close() {
    }
}
