package dev.cliauth.core.policy;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one policy file says: only the settings it names (an absent one leaves the decision to the other files and the
 * built-in default), and who wrote it.
 *
 * @param file           the file
 * @param authority      an administrator's file (always applies) or one a user controls (can only tighten)
 * @param deviceFlow     {@code device_flow}
 * @param allowedIssuers {@code allowed_issuers}: never an empty list (the file parser refuses {@code []})
 * @param auditLog       {@code audit_log}
 * @param tokenStorage   {@code token_storage}
 * @param requireDpop    {@code require_dpop}
 * @param dynamicRegistration {@code dynamic_registration}
 * @param allowedResources    {@code allowed_resources}: never an empty list (the file parser refuses {@code []})
 */
public record PolicyLayer(Path file, Authority authority, Optional<DeviceFlowRule> deviceFlow, Optional<List<String>> allowedIssuers,
                          Optional<Path> auditLog, Optional<TokenStorageRule> tokenStorage, Optional<Boolean> requireDpop,
                          Optional<DynamicRegistrationRule> dynamicRegistration, Optional<List<ResourcePrefix>> allowedResources) {

    /** A file that names neither {@code dynamic_registration} nor {@code allowed_resources}. */
    public PolicyLayer(Path file, Authority authority, Optional<DeviceFlowRule> deviceFlow, Optional<List<String>> allowedIssuers,
                       Optional<Path> auditLog, Optional<TokenStorageRule> tokenStorage, Optional<Boolean> requireDpop) {
        this(file, authority, deviceFlow, allowedIssuers, auditLog, tokenStorage, requireDpop, Optional.empty(), Optional.empty());
    }

    /** Who controls a policy file, and so how much it may decide. */
    public enum Authority {
        /** {@code /etc/cliauth/policy.toml} and the installation's {@code conf/policy.toml}: always apply. */
        ADMINISTRATOR("administrator"),
        /** {@code $CLIAUTH_POLICY} and the user's own policy file: may only add restrictions. */
        USER("user");

        private final String label;

        Authority(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public PolicyLayer {
        Objects.requireNonNull(file);
        Objects.requireNonNull(authority);
        Objects.requireNonNull(deviceFlow);
        allowedIssuers = allowedIssuers.map(List::copyOf);
        Objects.requireNonNull(auditLog);
        Objects.requireNonNull(tokenStorage);
        Objects.requireNonNull(requireDpop);
        Objects.requireNonNull(dynamicRegistration);
        allowedResources = allowedResources.map(List::copyOf);
    }

    /** Whether the file names {@code key} at all. */
    public boolean sets(PolicyKey key) {
        return switch (key) {
            case DEVICE_FLOW -> deviceFlow.isPresent();
            case ALLOWED_ISSUERS -> allowedIssuers.isPresent();
            case AUDIT_LOG -> auditLog.isPresent();
            case TOKEN_STORAGE -> tokenStorage.isPresent();
            case REQUIRE_DPOP -> requireDpop.isPresent();
            case DYNAMIC_REGISTRATION -> dynamicRegistration.isPresent();
            case ALLOWED_RESOURCES -> allowedResources.isPresent();
        };
    }

    /** "policy /etc/cliauth/policy.toml", for messages that name the file a setting came from. */
    public String describe() {
        return "policy " + file;
    }
}
