package dev.cliauth.core.oauth;

import java.net.URI;
import java.util.List;
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
 * @param resources          the protected resources every token request names ({@code resource}, RFC 8707 §2.2): the
 *                           profile's, so that a redeemed code and every refresh give a token for that API and no other
 */
public record TokenEndpointOptions(Optional<String> clientSecret, boolean acceptJson, boolean errorsInOkResponse, boolean bearerWhenUntyped,
                                   List<URI> resources) {
    public static final TokenEndpointOptions STANDARD = new TokenEndpointOptions(Optional.empty(), false, false, false);

    /** Options for a token that is for no particular resource. */
    public TokenEndpointOptions(Optional<String> clientSecret, boolean acceptJson, boolean errorsInOkResponse, boolean bearerWhenUntyped) {
        this(clientSecret, acceptJson, errorsInOkResponse, bearerWhenUntyped, List.of());
    }

    public TokenEndpointOptions {
        Objects.requireNonNull(clientSecret, "clientSecret");
        resources = List.copyOf(resources);
    }

    /** These options, with every token request naming {@code resource}. */
    public TokenEndpointOptions forResource(URI resource) {
        return new TokenEndpointOptions(clientSecret, acceptJson, errorsInOkResponse, bearerWhenUntyped, List.of(resource));
    }

    /** Whether an answer has to be read from its JSON rather than by Nimbus's status-code rules. */
    boolean readsJsonItself() {
        return errorsInOkResponse || bearerWhenUntyped;
    }

    @Override
    public String toString() {
        return "TokenEndpointOptions[clientSecret=" + (clientSecret.isPresent() ? "[hidden]" : "none") + ", acceptJson=" + acceptJson
                + ", errorsInOkResponse=" + errorsInOkResponse + ", bearerWhenUntyped=" + bearerWhenUntyped + ", resources=" + resources + "]";
    }
}
