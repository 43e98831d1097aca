package dev.cliauth.core.flow.device;

import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationGrantError;

import dev.cliauth.core.oauth.TokenResult;
import dev.cliauth.core.token.TokenSet;

import java.util.Objects;

/**
 * What one poll of the token endpoint said (RFC 8628 §3.5), as a value the polling loop switches over.
 * Texts are one line and never contain the device code.
 */
public sealed interface PollResult {

    /** The person approved: tokens were issued. */
    record Granted(TokenSet tokens) implements PollResult {
        public Granted {
            Objects.requireNonNull(tokens);
        }
    }

    /** {@code authorization_pending}: ask again after the interval. */
    record Pending() implements PollResult {
    }

    /** {@code slow_down}: ask again, and from now on wait five seconds longer between polls. */
    record SlowDown() implements PollResult {
    }

    /** {@code access_denied}: the person (or the provider for them) said no. */
    record Denied(String summary) implements PollResult {
    }

    /** {@code expired_token}: the device code is no longer valid. */
    record Expired(String summary) implements PollResult {
    }

    /** The provider does not allow the device flow for this client (Keycloak answers the poll so). */
    record Blocked(String summary) implements PollResult {
    }

    /** The provider could not answer right now (HTTP 5xx, {@code server_error}, {@code temporarily_unavailable}, no connection). */
    record Unavailable(String reason) implements PollResult {
    }

    /** Any other OAuth error: the login failed. */
    record Failed(String error, String description) implements PollResult {

        /** "invalid_grant: Code not valid", or just the code. */
        public String summary() {
            return new ProviderError(error, description).summary();
        }
    }

    /**
     * Classifies a token endpoint answer to a device poll.
     *
     * @param deviceCode the polled device code, cut out of any description that echoes it
     */
    public static PollResult of(TokenResult result, String deviceCode) {
        if (result instanceof TokenResult.Issued issued) {
            return new Granted(issued.tokens());
        }
        TokenResult.Rejected rejected = (TokenResult.Rejected) result;
        ProviderError error = new ProviderError(rejected.oauthError()).without(deviceCode);
        if (error.error().is(DeviceAuthorizationGrantError.AUTHORIZATION_PENDING)) {
            return new Pending();
        }
        if (error.error().is(DeviceAuthorizationGrantError.SLOW_DOWN)) {
            return new SlowDown();
        }
        return classify(error, rejected.httpStatus());
    }

    private static PollResult classify(ProviderError error, int httpStatus) {
        if (error.blocksDeviceFlow()) {
            return new Blocked(error.summary());
        }
        if (error.error().is(OAuth2Error.ACCESS_DENIED)) {
            return new Denied(error.summary());
        }
        if (error.error().is(DeviceAuthorizationGrantError.EXPIRED_TOKEN)) {
            return new Expired(error.summary());
        }
        if (error.error().isTransient()) {
            return new Unavailable("HTTP " + httpStatus + ", " + error.summary());
        }
        return new Failed(error.code(), error.description());
    }
}
