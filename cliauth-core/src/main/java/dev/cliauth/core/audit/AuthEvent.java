package dev.cliauth.core.audit;

import dev.cliauth.core.CliauthException;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Something an administrator may want on record: the flow chosen and why, how a login ended, what policy refused,
 * where cliauth fell back to another flow, refreshes, workload tokens, tokens refused to a caller, and logouts. Events carry names, URLs and reasons only; there is no field
 * for a token, code, verifier or secret, so none can be logged by mistake.
 */
public sealed interface AuthEvent
        permits AuthEvent.FlowChosen, AuthEvent.LoginSucceeded, AuthEvent.LoginFailed, AuthEvent.PolicyRefused, AuthEvent.FellBack,
        AuthEvent.TokenRefreshed, AuthEvent.WorkloadTokenIssued, AuthEvent.TokenRefused, AuthEvent.LoggedOut {

    /** The event's name in the log, such as {@code flow_chosen}. */
    String event();

    /** The event as log fields in a stable order, {@code event} first; absent values are {@code null}. */
    Map<String, Object> fields();

    /** The flow decision: which flow will run, the reasons in order, and the environment evidence it rested on. */
    record FlowChosen(String profile, String issuer, String flow, List<String> reasons, List<String> environmentSignals)
            implements AuthEvent {
        public FlowChosen {
            Objects.requireNonNull(profile);
            Objects.requireNonNull(issuer);
            Objects.requireNonNull(flow);
            reasons = List.copyOf(reasons);
            environmentSignals = List.copyOf(environmentSignals);
        }

        @Override
        public String event() {
            return "flow_chosen";
        }

        @Override
        public Map<String, Object> fields() {
            return ordered(event(), "profile", profile, "issuer", issuer, "flow", flow,
                    "reasons", reasons, "environment_signals", environmentSignals);
        }
    }

    /** A login that ended with a validated session; {@code subject} is the ID token's {@code sub}, null without one. */
    record LoginSucceeded(String profile, String issuer, String subject, String flow) implements AuthEvent {
        public LoginSucceeded {
            Objects.requireNonNull(profile);
            Objects.requireNonNull(issuer);
            Objects.requireNonNull(flow);
        }

        @Override
        public String event() {
            return "login_succeeded";
        }

        @Override
        public Map<String, Object> fields() {
            return ordered(event(), "profile", profile, "issuer", issuer, "subject", subject, "flow", flow);
        }
    }

    /** A login that ended without a session; {@code failure} is a {@link dev.cliauth.core.Failure} name. */
    record LoginFailed(String profile, String issuer, String flow, String failure, String message) implements AuthEvent {
        public LoginFailed {
            Objects.requireNonNull(profile);
            Objects.requireNonNull(issuer);
            Objects.requireNonNull(flow);
            Objects.requireNonNull(failure);
            Objects.requireNonNull(message);
        }

        /** The failure as cliauth reports it to the person: its kind and its one-line message. */
        public LoginFailed(String profile, String issuer, String flow, CliauthException e) {
            this(profile, issuer, flow, e.failure().name(), e.getMessage());
        }

        @Override
        public String event() {
            return "login_failed";
        }

        @Override
        public Map<String, Object> fields() {
            return ordered(event(), "profile", profile, "issuer", issuer, "flow", flow, "failure", failure, "message", message);
        }
    }

    /** The administrator's policy refused what was asked; {@code setting} names the policy key, such as {@code device_flow}. */
    record PolicyRefused(String profile, String issuer, String setting, String policySource, String message) implements AuthEvent {
        public PolicyRefused {
            Objects.requireNonNull(profile);
            Objects.requireNonNull(issuer);
            Objects.requireNonNull(setting);
            Objects.requireNonNull(policySource);
            Objects.requireNonNull(message);
        }

        @Override
        public String event() {
            return "policy_refused";
        }

        @Override
        public Map<String, Object> fields() {
            return ordered(event(), "profile", profile, "issuer", issuer, "setting", setting,
                    "policy_source", policySource, "message", message);
        }
    }

    /** One flow could not run here and cliauth moved to another, such as from {@code pkce} to {@code device}. */
    record FellBack(String profile, String issuer, String from, String to, String reason) implements AuthEvent {
        public FellBack {
            Objects.requireNonNull(profile);
            Objects.requireNonNull(issuer);
            Objects.requireNonNull(from);
            Objects.requireNonNull(to);
            Objects.requireNonNull(reason);
        }

        @Override
        public String event() {
            return "fell_back";
        }

        @Override
        public Map<String, Object> fields() {
            return ordered(event(), "profile", profile, "issuer", issuer, "from", from, "to", to, "reason", reason);
        }
    }

    /**
     * A session's tokens were refreshed for a caller.
     *
     * @param caller what asked: {@code token}, {@code kube-credential}, {@code git-credential}, {@code run}, {@code library}...
     */
    record TokenRefreshed(String profile, String issuer, String subject, String caller) implements AuthEvent {
        public TokenRefreshed {
            Objects.requireNonNull(profile);
            Objects.requireNonNull(issuer);
            Objects.requireNonNull(caller);
        }

        @Override
        public String event() {
            return "token_refreshed";
        }

        @Override
        public Map<String, Object> fields() {
            return ordered(event(), "profile", profile, "issuer", issuer, "subject", subject, "caller", caller);
        }
    }

    /** A workload profile obtained a new token from its own identity ({@code grant}: client_credentials, ...). */
    record WorkloadTokenIssued(String profile, String issuer, String subject, String grant, String caller) implements AuthEvent {
        public WorkloadTokenIssued {
            Objects.requireNonNull(profile);
            Objects.requireNonNull(issuer);
            Objects.requireNonNull(grant);
            Objects.requireNonNull(caller);
        }

        @Override
        public String event() {
            return "workload_token_issued";
        }

        @Override
        public Map<String, Object> fields() {
            return ordered(event(), "profile", profile, "issuer", issuer, "subject", subject, "grant", grant, "caller", caller);
        }
    }

    /**
     * A caller was given no token; {@code failure} is a {@link dev.cliauth.core.Failure} name, {@code setting} the
     * policy key when the policy refused (else null).
     */
    record TokenRefused(String profile, String issuer, String caller, String failure, String setting, String message) implements AuthEvent {
        public TokenRefused {
            Objects.requireNonNull(profile);
            Objects.requireNonNull(caller);
            Objects.requireNonNull(failure);
            Objects.requireNonNull(message);
        }

        @Override
        public String event() {
            return "token_refused";
        }

        @Override
        public Map<String, Object> fields() {
            return ordered(event(), "profile", profile, "issuer", issuer, "caller", caller, "failure", failure, "setting", setting,
                    "message", message);
        }
    }

    /** A session was removed; {@code revoked} says whether the provider revoked its refresh token too. */
    record LoggedOut(String profile, String issuer, String subject, boolean revoked) implements AuthEvent {
        public LoggedOut {
            Objects.requireNonNull(profile);
        }

        @Override
        public String event() {
            return "logged_out";
        }

        @Override
        public Map<String, Object> fields() {
            return ordered(event(), "profile", profile, "issuer", issuer, "subject", subject, "revoked", revoked);
        }
    }

    private static Map<String, Object> ordered(String event, Object... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("event", event);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(fields);
    }
}
