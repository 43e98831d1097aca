package dev.cliauth.core.policy;

import java.util.List;

/**
 * Which login flow runs, and why. The reasons are sentences for people ({@code cliauth explain}, the audit log).
 */
public sealed interface FlowDecision {

    /** The flow's name as the audit log and {@code explain --json} show it. */
    String flow();

    List<String> reasons();

    /**
     * Authorization Code + PKCE with a loopback redirect (RFC 8252).
     *
     * @param openBrowser open a browser here (else only print the URL)
     * @param acceptPaste also accept the final redirect address pasted back on the terminal (signing in elsewhere)
     * @param sshPortHint print the {@code ssh -L} port-forward hint
     */
    record Pkce(boolean openBrowser, boolean acceptPaste, boolean sshPortHint, List<String> reasons) implements FlowDecision {
        public Pkce {
            reasons = List.copyOf(reasons);
        }

        @Override
        public String flow() {
            return "authorization_code+pkce";
        }
    }

    /**
     * The device authorization grant (RFC 8628); if the provider refuses it, login continues with PKCE.
     *
     * @param openBrowser open the verification page here
     * @param fallback    the PKCE login to continue with when the provider blocks the device flow
     */
    record Device(boolean openBrowser, Pkce fallback, List<String> reasons) implements FlowDecision {
        public Device {
            reasons = List.copyOf(reasons);
        }

        @Override
        public String flow() {
            return "device_code";
        }
    }

    /**
     * No interactive login here.
     *
     * @param message one line: what is refused, by what, and what to do instead
     * @param setting the policy setting that refused it, when a policy did ({@code device_flow}, {@code allowed_issuers})
     */
    record Refused(String message, String setting, List<String> reasons) implements FlowDecision {
        public Refused {
            reasons = List.copyOf(reasons);
        }

        @Override
        public String flow() {
            return "refused";
        }
    }
}
