package dev.cliauth.core.policy;

/** The policy's {@code token_storage} setting: where sessions may be kept. */
public enum TokenStorageRule {
    /** The OS keychain where one answers, else a private file (the default). */
    AUTO("auto"),
    /** Only the OS keychain: where none answers, login fails instead of writing a file. */
    KEYCHAIN("keychain"),
    /** Only private files. */
    FILE("file");

    private final String value;

    TokenStorageRule(String value) {
        this.value = value;
    }

    /** The value as written in the policy file. */
    public String value() {
        return value;
    }
}
