package dev.cliauth.core.oauth;

import com.nimbusds.oauth2.sdk.OAuth2Error;
import dev.cliauth.core.token.TokenSet;

/** What the token endpoint answered (RFC 6749 §5.1 and §5.2). */
public sealed interface TokenResult {


    /** Tokens were issued. */
    record Issued(TokenSet tokens) implements TokenResult {
    }

    /**
     * The provider refused with an OAuth error.
     *
     * @param error       the error code, e.g. {@code invalid_grant}
     * @param description the provider's {@code error_description}, when it gave one
     * @param httpStatus  the HTTP status of the answer
     */
    record Rejected(String error, String description, int httpStatus) implements TokenResult {

        /**
         * Server trouble that may pass, unlike a refusal: HTTP 5xx, or the RFC 6749 §4.1.2.1 codes
         * {@code server_error} and {@code temporarily_unavailable}. The one rule every caller follows.
         */
        public boolean isTransient() {
            return httpStatus >= 500 || OAuth2Error.SERVER_ERROR.getCode().equals(error)
                    || OAuth2Error.TEMPORARILY_UNAVAILABLE.getCode().equals(error);
        }

        /** "invalid_grant: Token is not active", or just the code. */
        public String summary() {
            return description == null || description.isBlank() ? error : error + ": " + description;
        }
    }
}
