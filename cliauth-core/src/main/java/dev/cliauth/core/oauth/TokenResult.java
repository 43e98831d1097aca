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
     * @param oauthError the error, in the one shape every answer has ({@link OAuthError})
     */
    record Rejected(OAuthError oauthError) implements TokenResult {

        public Rejected(String error, String description, int httpStatus) {
            this(new OAuthError(error, java.util.Optional.ofNullable(description), httpStatus));
        }

        /** The error code, e.g. {@code invalid_grant}. */
        public String error() {
            return oauthError.code();
        }

        /** The provider's {@code error_description}, or null. */
        public String description() {
            return oauthError.description().orElse(null);
        }

        public int httpStatus() {
            return oauthError.httpStatus();
        }

        /** See {@link OAuthError#isTransient()}. */
        public boolean isTransient() {
            return oauthError.isTransient();
        }

        /** "invalid_grant: Token is not active", or just the code. */
        public String summary() {
            return oauthError.summary();
        }
    }
}
