package dev.cliauth.core.flow.pkce;

import com.nimbusds.oauth2.sdk.AuthorizationCode;

/** What arrived at the redirect URI, judged against the login's {@code state} (RFC 6749 §4.1.2, §10.12). */
public sealed interface Callback {

    /** The issuer that answered (RFC 9207 {@code iss}), when the response named one. */
    default java.util.Optional<String> issuer() {
        return java.util.Optional.empty();
    }

    /** The provider granted a code, with the right state; {@code iss} is the RFC 9207 parameter or null. */
    record Granted(AuthorizationCode code, String iss) implements Callback {
        @Override
        public java.util.Optional<String> issuer() {
            return java.util.Optional.ofNullable(iss);
        }

        @Override
        public String toString() {
            return "Granted[code=redacted]";
        }
    }

    /** The provider answered with an error (RFC 6749 §4.1.2.1), with the right state: the login ends. */
    record ProviderError(String error, String description, String iss) implements Callback {

        public ProviderError(String error, String description) {
            this(error, description, null);
        }

        @Override
        public java.util.Optional<String> issuer() {
            return java.util.Optional.ofNullable(iss);
        }

        /** The answer in the one shape every OAuth error has (no HTTP status: it came in a redirect). */
        public dev.cliauth.core.oauth.OAuthError oauthError() {
            return new dev.cliauth.core.oauth.OAuthError(error, java.util.Optional.ofNullable(description), 0);
        }

        public String summary() {
            return oauthError().summary();
        }
    }

    /** Not a genuine answer to this login (wrong or missing state, no code): answered 400, the login keeps waiting. */
    record Rejected(String reason) implements Callback {
    }
}
