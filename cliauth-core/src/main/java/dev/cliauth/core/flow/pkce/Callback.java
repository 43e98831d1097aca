package dev.cliauth.core.flow.pkce;

import com.nimbusds.oauth2.sdk.AuthorizationCode;

/** What arrived at the redirect URI, judged against the login's {@code state} (RFC 6749 §4.1.2, §10.12). */
public sealed interface Callback {

    /** The provider granted a code, with the right state. */
    record Granted(AuthorizationCode code) implements Callback {
        @Override
        public String toString() {
            return "Granted[code=redacted]";
        }
    }

    /** The provider answered with an error (RFC 6749 §4.1.2.1), with the right state: the login ends. */
    record ProviderError(String error, String description) implements Callback {

        public String summary() {
            return description == null || description.isBlank() ? error : error + ": " + description;
        }
    }

    /** Not a genuine answer to this login (wrong or missing state, no code): answered 400, the login keeps waiting. */
    record Rejected(String reason) implements Callback {
    }
}
