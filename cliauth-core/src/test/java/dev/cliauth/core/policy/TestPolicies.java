package dev.cliauth.core.policy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Policies as one administrator's file would give them, for tests that need a policy in force. */
public final class TestPolicies {
    private TestPolicies() {
    }

    /** One administrator's file setting these values; an empty issuer list leaves allowed_issuers unset (any issuer). */
    public static Policy administrator(Path file, DeviceFlowRule deviceFlow, List<String> allowedIssuers, TokenStorageRule storage, boolean requireDpop) {
        return Policy.merge(List.of(new PolicyLayer(file, PolicyLayer.Authority.ADMINISTRATOR, Optional.of(deviceFlow),
                allowedIssuers.isEmpty() ? Optional.empty() : Optional.of(allowedIssuers), Optional.empty(), Optional.of(storage), Optional.of(requireDpop))));
    }

    public static Policy deviceFlow(Path file, DeviceFlowRule rule) {
        return administrator(file, rule, List.of(), TokenStorageRule.AUTO, false);
    }

    public static Policy allowedIssuers(Path file, List<String> issuers) {
        return administrator(file, DeviceFlowRule.EXPLICIT, issuers, TokenStorageRule.AUTO, false);
    }

    public static Policy requireDpop() {
        return administrator(Path.of("/etc/cliauth/policy.toml"), DeviceFlowRule.EXPLICIT, List.of(), TokenStorageRule.AUTO, true);
    }
}
