package dev.cliauth.core.audit;

/**
 * Where authentication events go. Recording never fails the operation it describes: an audit log that cannot be
 * written is reported as a warning by the implementation, and the login goes on.
 */
public interface AuditLog {
    /** Records one event. Must not throw for a storage problem. */
    void record(AuthEvent event);

    /** No audit log: the policy has no {@code audit_log} setting. */
    static AuditLog none() {
        return event -> {
        };
    }
}
