package dev.cliauth.core.oauth;

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

        /** "invalid_grant: Token is not active", or just the code. */
        public String summary() {
            return description == null || description.isBlank() ? error : error + ": " + description;
        }
    }
}
