package dev.cliauth.core.oauth;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;

import java.net.URI;

/**
 * OpenID Connect Discovery 1.0: fetches {@code ISSUER/.well-known/openid-configuration} and insists that the
 * {@code issuer} it states equals the configured one exactly (§4.3), which stops a document served for one
 * provider from being used for another.
 */
public final class Discovery {
    private final OAuthHttp http;

    public Discovery(OAuthHttp http) {
        this.http = http;
    }

    public OIDCProviderMetadata discover(URI issuer) {
        IssuerUrl.check(issuer);
        String base = issuer.toString();
        URI url = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/.well-known/openid-configuration");
        HTTPRequest request = new HTTPRequest(HTTPRequest.Method.GET, url);
        request.setAccept("application/json");
        HTTPResponse response = http.send(request, "OpenID discovery");
        if (response.getStatusCode() != 200) {
            throw new CliauthException(Failure.PROVIDER_UNAVAILABLE,
                    "OpenID discovery at " + url + " answered HTTP " + response.getStatusCode() + "; check that the issuer URL is right.");
        }
        OIDCProviderMetadata metadata;
        try {
            metadata = OIDCProviderMetadata.parse(response.getBodyAsJSONObject());
        } catch (ParseException e) {
            throw new CliauthException(Failure.PROVIDER_UNAVAILABLE,
                    "OpenID discovery at " + url + " did not return a valid provider configuration (expected JSON with issuer, "
                            + "authorization_endpoint, token_endpoint, jwks_uri): " + e.getMessage(), e);
        }
        String stated = metadata.getIssuer().getValue();
        if (!stated.equals(issuer.toString())) {
            throw new CliauthException(Failure.PROVIDER_UNAVAILABLE,
                    "The provider at " + url + " says its issuer is '" + stated + "', not '" + issuer + "'; configure the exact issuer it states.");
        }
        if (metadata.getTokenEndpointURI() == null) {
            throw new CliauthException(Failure.PROVIDER_UNAVAILABLE, "The provider configuration at " + url + " has no token_endpoint.");
        }
        return metadata;
    }
}
