package dev.cliauth.core.oauth;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationRequest;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationResponse;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.openid.connect.sdk.rp.ApplicationType;
import com.nimbusds.openid.connect.sdk.rp.OIDCClientMetadata;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Dynamic client registration (RFC 7591) of cliauth as what it is: a public native client (RFC 8252) that redeems
 * codes with PKCE and no secret ({@code token_endpoint_auth_method=none}), uses refresh tokens, and takes the
 * browser back to a loopback listener. The answer must be a client for exactly that: one without a
 * {@code client_id}, or registered with a redirect URI that was not asked for (a code would go there), or with a
 * way of authenticating that needs a secret, is refused, and nothing of it is kept.
 */
public final class ClientRegistration {
    /** The name the person sees on the provider's consent page. */
    public static final String CLIENT_NAME = "cliauth";

    private final OAuthHttp http;

    public ClientRegistration(OAuthHttp http) {
        this.http = http;
    }

    /**
     * A registered client.
     *
     * @param clientId                the client id the server issued
     * @param registrationClientUri   where the client can be read, changed or deleted (RFC 7592), when named
     * @param registrationAccessToken the token that allows it, a secret: never printed, never in a profile file
     */
    public record Registered(String clientId, Optional<URI> registrationClientUri, Optional<String> registrationAccessToken) {
        public Registered {
            Objects.requireNonNull(clientId);
            Objects.requireNonNull(registrationClientUri);
            Objects.requireNonNull(registrationAccessToken);
        }

        @Override
        public String toString() {
            return "Registered[clientId=" + clientId + ", registrationClientUri=" + registrationClientUri.map(URI::toString).orElse("-")
                    + ", registrationAccessToken=" + (registrationAccessToken.isPresent() ? "[hidden]" : "none") + "]";
        }
    }

    /**
     * Registers the client at {@code endpoint} (RFC 7591 §3.1, no initial access token).
     *
     * @param issuer      the authorization server, whose security the management URI must match
     * @param redirectUri the loopback redirect the listener takes the answer at ({@code http://127.0.0.1/callback}, any port)
     */
    public Registered register(URI issuer, URI endpoint, URI redirectUri) {
        OIDCClientMetadata metadata = new OIDCClientMetadata();
        metadata.setName(CLIENT_NAME);
        metadata.setApplicationType(ApplicationType.NATIVE); // loopback http redirects are a native client's (RFC 8252 §7.3)
        metadata.setRedirectionURIs(Set.of(redirectUri));
        metadata.setTokenEndpointAuthMethod(ClientAuthenticationMethod.NONE);
        metadata.setGrantTypes(new LinkedHashSet<>(java.util.List.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN)));
        metadata.setResponseTypes(Set.of(ResponseType.CODE));
        HTTPResponse response = http.send(new ClientRegistrationRequest(endpoint, metadata, null).toHTTPRequest(), "client registration");
        if (UnexpectedBody.isNotJson(response)) {
            throw new CliauthException(Failure.PROVIDER_UNAVAILABLE, "The registration endpoint " + endpoint + " answered "
                    + UnexpectedBody.describe(response) + "; expected JSON (RFC 7591). Nothing was stored.");
        }
        ClientRegistrationResponse parsed;
        try {
            parsed = ClientRegistrationResponse.parse(response);
        } catch (ParseException e) {
            throw refused(endpoint, "an answer that is not a registered client (" + e.getMessage() + ")");
        }
        if (!parsed.indicatesSuccess()) {
            ErrorObject error = parsed.toErrorResponse().getErrorObject();
            String code = error.getCode() == null ? "HTTP " + response.getStatusCode() : error.getCode();
            throw new CliauthException(Failure.LOGIN_FAILED, "The authorization server " + issuer + " refused to register cliauth as a client: "
                    + code + (error.getDescription() == null ? "" : ": " + error.getDescription())
                    + ". Register a public client with the redirect URI " + redirectUri + " there and give --client-id ID.");
        }
        return checked(issuer, endpoint, redirectUri, parsed.toSuccessResponse().getClientInformation());
    }

    private static Registered checked(URI issuer, URI endpoint, URI redirectUri, ClientInformation client) {
        if (client.getID() == null || client.getID().getValue().isBlank()) {
            throw refused(endpoint, "no client_id");
        }
        Set<URI> registered = client.getMetadata().getRedirectionURIs();
        if (registered != null && registered.stream().anyMatch(uri -> !uri.equals(redirectUri))) {
            throw refused(endpoint, "a client with redirect URIs cliauth did not ask for (" + registered + "; asked for " + redirectUri
                    + "): an authorization code could be sent there");
        }
        ClientAuthenticationMethod method = client.getMetadata().getTokenEndpointAuthMethod();
        if ((method != null && !method.equals(ClientAuthenticationMethod.NONE)) || client.getSecret() != null) {
            throw refused(endpoint, "a client that authenticates with " + (method == null ? "a secret" : method.getValue())
                    + ", not a public client (token_endpoint_auth_method=none)");
        }
        URI management = client.getRegistrationURI();
        if (management != null && !IssuerUrl.allows(issuer, management)) {
            throw refused(endpoint, "a registration_client_uri " + management + " that is not https although the server is");
        }
        return new Registered(client.getID().getValue(), Optional.ofNullable(management),
                Optional.ofNullable(client.getRegistrationAccessToken()).map(token -> token.getValue()));
    }

    private static CliauthException refused(URI endpoint, String what) {
        return new CliauthException(Failure.LOGIN_FAILED, "The registration endpoint " + endpoint + " answered with " + what
                + "; it was refused and nothing was stored (RFC 7591 §3.2.1).");
    }
}
