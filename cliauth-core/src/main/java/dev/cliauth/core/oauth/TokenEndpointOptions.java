package dev.cliauth.core.oauth;

import java.util.Objects;
import java.util.Optional;

/**
 * How one provider wants its token endpoint spoken to, where it departs from RFC 6749. The defaults are the standard.
 *
 * @param clientSecret       a secret the provider documents as not confidential but requires of a public client
 *                           (Google's installed-app clients), sent as {@code client_secret} in the form (§2.3.1)
 * @param acceptJson         send {@code Accept: application/json}: GitHub answers form-encoded without it
 * @param errorsInOkResponse read an HTTP 200 whose JSON has {@code error} and no {@code access_token} as an error
 *                           (GitHub's device flow answers {@code authorization_pending} that way)
 * @param bearerWhenUntyped  take a success without {@code token_type} as a Bearer token (WorkOS's authenticate
 *                           endpoint sends none)
 */
public record TokenEndpointOptions(Optional<String> clientSecret, boolean acceptJson, boolean errorsInOkResponse, boolean bearerWhenUntyped) {
    public static final TokenEndpointOptions STANDARD = new TokenEndpointOptions(Optional.empty(), false, false, false);

    public TokenEndpointOptions {
        Objects.requireNonNull(clientSecret, "clientSecret");
    }

    /** Whether an answer has to be read from its JSON rather than by Nimbus's status-code rules. */
    boolean readsJsonItself() {
        return errorsInOkResponse || bearerWhenUntyped;
    }

    @Override
    public String toString() {
        return "TokenEndpointOptions[clientSecret=" + (clientSecret.isPresent() ? "[hidden]" : "none") + ", acceptJson=" + acceptJson
                + ", errorsInOkResponse=" + errorsInOkResponse + ", bearerWhenUntyped=" + bearerWhenUntyped + "]";
    }
}
