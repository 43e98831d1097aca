package dev.cliauth.core.policy;

/** The policy's {@code dynamic_registration} setting: whether cliauth may register itself as a client (RFC 7591). */
public enum DynamicRegistrationRule {
    /** Never: a protected resource is signed in to only with a client someone registered and configured. */
    NEVER("never"),
    /** Where the authorization server offers it and no client is configured (the default). */
    ALLOWED("allowed");

    private final String value;

    DynamicRegistrationRule(String value) {
        this.value = value;
    }

    /** The value as written in the policy file. */
    public String value() {
        return value;
    }
}
