package dev.cliauth.core.policy;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The administrator's policy, as read from {@code /etc/cliauth/policy.toml} (or {@code $CLIAUTH_POLICY}).
 *
 * @param deviceFlow     where the device flow may run ({@code device_flow})
 * @param allowedIssuers issuers logins may use; empty means any ({@code allowed_issuers})
 * @param auditLog       where to append JSON-lines audit events ({@code audit_log}), if anywhere
 * @param source         the file it came from; empty for the built-in defaults (no file)
 * @param tokenStorage   where sessions may be kept ({@code token_storage})
 * @param requireDpop    every login binds its tokens to a key (DPoP, RFC 9449) ({@code require_dpop})
 */
public record Policy(DeviceFlowRule deviceFlow, List<String> allowedIssuers, Optional<Path> auditLog, Optional<Path> source,
                     TokenStorageRule tokenStorage, boolean requireDpop) {

    public Policy(DeviceFlowRule deviceFlow, List<String> allowedIssuers, Optional<Path> auditLog, Optional<Path> source,
                  TokenStorageRule tokenStorage) {
        this(deviceFlow, allowedIssuers, auditLog, source, tokenStorage, false);
    }

    /** A policy with the default token storage (keychain where one answers, else a file). */
    public Policy(DeviceFlowRule deviceFlow, List<String> allowedIssuers, Optional<Path> auditLog, Optional<Path> source) {
        this(deviceFlow, allowedIssuers, auditLog, source, TokenStorageRule.AUTO);
    }

    public Policy {
        Objects.requireNonNull(deviceFlow);
        allowedIssuers = List.copyOf(allowedIssuers);
        Objects.requireNonNull(auditLog);
        Objects.requireNonNull(source);
        Objects.requireNonNull(tokenStorage);
    }

    /** No policy file: device flow only on request, any issuer, no audit log. */
    public static Policy defaults() {
        return new Policy(DeviceFlowRule.EXPLICIT, List.of(), Optional.empty(), Optional.empty());
    }

    /** Where a setting came from, for messages: "policy /etc/cliauth/policy.toml" or "built-in default". */
    public String origin() {
        return source.map(p -> "policy " + p).orElse("built-in default (no policy file)");
    }

    public boolean allowsIssuer(String issuer) {
        return allowedIssuers.isEmpty() || allowedIssuers.contains(issuer);
    }
}
