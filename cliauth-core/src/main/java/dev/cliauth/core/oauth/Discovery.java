package dev.cliauth.core.oauth;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

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
        return discover(issuer, stated -> false);
    }

    /**
     * Discovery where one provider's documented exception to the exact issuer check applies.
     *
     * @param alsoAccepted a stated issuer that is accepted although it differs from the configured one (Entra ID's
     *                     multi-tenant {@code {tenantid}} template); the ID token's {@code iss} is then checked
     *                     against it instead ({@link IssuerTemplate})
     */
    public OIDCProviderMetadata discover(URI issuer, Predicate<String> alsoAccepted) {
        IssuerUrl.check(issuer);
        String base = issuer.toString();
        URI url = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/.well-known/openid-configuration");
        HTTPRequest request = new HTTPRequest(HTTPRequest.Method.GET, url);
        request.setAccept("application/json");
        HTTPResponse response = http.send(request, "OpenID discovery");
        if (response.getStatusCode() != 200) {
            throw new CliauthException(Failure.PROVIDER_UNAVAILABLE, "OpenID discovery at " + url + " answered "
                    + (UnexpectedBody.isNotJson(response) ? UnexpectedBody.describe(response) : "HTTP " + response.getStatusCode())
                    + "; check that the issuer URL is right.");
        }
        if (UnexpectedBody.isNotJson(response)) {
            throw new CliauthException(Failure.PROVIDER_UNAVAILABLE, "OpenID discovery at " + url + " answered " + UnexpectedBody.describe(response)
                    + "; expected JSON (the OpenID provider configuration). A proxy, captive portal or wrong issuer URL may be in the way.");
        }
        OIDCProviderMetadata metadata;
        try {
            net.minidev.json.JSONObject json = response.getBodyAsJSONObject();
            if (json.get("issuer") instanceof String stated && IssuerTemplate.isTemplate(stated)) {
                json.put("issuer", IssuerTemplate.encode(stated)); // Entra ID's {tenantid}: braces are not legal in a URI
            }
            metadata = OIDCProviderMetadata.parse(json);
        } catch (ParseException e) {
            throw new CliauthException(Failure.PROVIDER_UNAVAILABLE,
                    "OpenID discovery at " + url + " did not return a valid provider configuration (expected JSON with issuer, "
                            + "authorization_endpoint, token_endpoint, jwks_uri): " + e.getMessage(), e);
        }
        String stated = IssuerTemplate.decode(metadata.getIssuer().getValue());
        if (!stated.equals(issuer.toString()) && !alsoAccepted.test(stated)) {
            throw new CliauthException(Failure.PROVIDER_UNAVAILABLE,
                    "The provider at " + url + " says its issuer is '" + stated + "', not '" + issuer + "'; configure the exact issuer it states.");
        }
        if (metadata.getTokenEndpointURI() == null) {
            throw new CliauthException(Failure.PROVIDER_UNAVAILABLE, "The provider configuration at " + url + " has no token_endpoint.");
        }
        requireSecureEndpoints(issuer, metadata, url);
        return metadata;
    }

    /** Every endpoint cliauth may send a request or the person to must match the issuer's security ({@link IssuerUrl#allows}). */
    private static void requireSecureEndpoints(URI issuer, OIDCProviderMetadata metadata, URI url) {
        Map<String, URI> endpoints = new LinkedHashMap<>();
        endpoints.put("authorization_endpoint", metadata.getAuthorizationEndpointURI());
        endpoints.put("token_endpoint", metadata.getTokenEndpointURI());
        endpoints.put("pushed_authorization_request_endpoint", metadata.getPushedAuthorizationRequestEndpointURI());
        endpoints.put("device_authorization_endpoint", metadata.getDeviceAuthorizationEndpointURI());
        endpoints.put("revocation_endpoint", metadata.getRevocationEndpointURI());
        endpoints.put("userinfo_endpoint", metadata.getUserInfoEndpointURI());
        endpoints.put("end_session_endpoint", metadata.getEndSessionEndpointURI());
        endpoints.put("jwks_uri", metadata.getJWKSetURI());
        endpoints.forEach((name, endpoint) -> {
            if (endpoint != null && !IssuerUrl.allows(issuer, endpoint)) {
                throw new CliauthException(Failure.PROVIDER_UNAVAILABLE, "The provider configuration at " + url + " names " + name + " "
                        + endpoint + ", which is not https although the issuer is; cliauth sends nothing to it.");
            }
        });
    }
}
