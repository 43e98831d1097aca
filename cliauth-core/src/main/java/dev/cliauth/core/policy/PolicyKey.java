package dev.cliauth.core.policy;

/** The settings a policy file may hold, by the name written in the file. */
public enum PolicyKey {
    DEVICE_FLOW("device_flow"),
    ALLOWED_ISSUERS("allowed_issuers"),
    AUDIT_LOG("audit_log"),
    TOKEN_STORAGE("token_storage"),
    REQUIRE_DPOP("require_dpop"),
    DYNAMIC_REGISTRATION("dynamic_registration"),
    ALLOWED_RESOURCES("allowed_resources");

    private final String key;

    PolicyKey(String key) {
        this.key = key;
    }

    /** The key as written in the policy file. */
    public String key() {
        return key;
    }

    @Override
    public String toString() {
        return key;
    }
}
