package dev.cliauth.core.oauth;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.openid.connect.sdk.SubjectType;
import com.nimbusds.openid.connect.sdk.federation.registration.ClientRegistrationType;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * OpenID Connect Discovery 1.0: fetches {@code ISSUER/.well-known/openid-configuration} and insists that the
 * {@code issuer} it states equals the configured one exactly (§4.3), which stops a document served for one
 * provider from being used for another. For a protected resource's server, which may speak OAuth only,
 * {@link #discoverServer} reads RFC 8414 metadata first, with the same rules.
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
        HTTPResponse response = http.send(get(url), "OpenID discovery");
        if (response.getStatusCode() != 200) {
            throw new CliauthException(Failure.PROVIDER_UNAVAILABLE, "OpenID discovery at " + url + " answered "
                    + (UnexpectedBody.isNotJson(response) ? UnexpectedBody.describe(response) : "HTTP " + response.getStatusCode())
                    + "; check that the issuer URL is right.");
        }
        return checked(issuer, url, openIdMetadata(url, response), alsoAccepted);
    }

    /**
     * The metadata of a protected resource's authorization server, which may speak OAuth only (RFC 9728 §2 names
     * servers of either kind): RFC 8414 §3.1 first — {@code /.well-known/oauth-authorization-server} inserted before the
     * issuer's path — then OpenID discovery, inserted and then appended (RFC 8414 §5). The first that answers 200 is
     * read; its {@code issuer} must be the issuer exactly (RFC 8414 §3.3), and its endpoints as safe as the issuer.
     * An OAuth-only server's metadata carries no key set: such a server issues no ID token, so none is ever checked.
     */
    public OIDCProviderMetadata discoverServer(URI issuer) {
        IssuerUrl.check(issuer);
        List<URI> candidates = new ArrayList<>(List.of(ResourceUrl.wellKnown(issuer, "oauth-authorization-server"),
                ResourceUrl.wellKnown(issuer, "openid-configuration")));
        String base = issuer.toString();
        URI appended = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/.well-known/openid-configuration");
        if (!candidates.contains(appended)) {
            candidates.add(appended);
        }
        List<String> answers = new ArrayList<>();
        for (URI url : candidates) {
            boolean oauth = url.getRawPath().startsWith("/.well-known/oauth-authorization-server");
            HTTPResponse response = http.send(get(url), oauth ? "authorization server metadata" : "OpenID discovery");
            if (response.getStatusCode() == 200) {
                return checked(issuer, url, oauth ? oauthMetadata(url, response) : openIdMetadata(url, response), stated -> false);
            }
            answers.add(url + " answered " + (UnexpectedBody.isNotJson(response) ? UnexpectedBody.describe(response) : "HTTP " + response.getStatusCode()));
        }
        throw new CliauthException(Failure.PROVIDER_UNAVAILABLE, "The authorization server " + issuer + " publishes no metadata (RFC 8414,"
                + " OpenID discovery): " + String.join("; ", answers) + ".");
    }

    private static HTTPRequest get(URI url) {
        HTTPRequest request = new HTTPRequest(HTTPRequest.Method.GET, url);
        request.setAccept("application/json");
        return request;
    }

    /** A page (a proxy's, a captive portal's) in place of the JSON document is named for what it is. */
    private static void requireJson(URI url, HTTPResponse response, String purpose, String what) {
        if (UnexpectedBody.isNotJson(response)) {
            throw new CliauthException(Failure.PROVIDER_UNAVAILABLE, purpose + " at " + url + " answered " + UnexpectedBody.describe(response)
                    + "; expected JSON (" + what + "). A proxy, captive portal or wrong issuer URL may be in the way.");
        }
    }

    private static OIDCProviderMetadata openIdMetadata(URI url, HTTPResponse response) {
        requireJson(url, response, "OpenID discovery", "the OpenID provider configuration");
        try {
            net.minidev.json.JSONObject json = response.getBodyAsJSONObject();
            if (json.get("issuer") instanceof String stated && IssuerTemplate.isTemplate(stated)) {
                json.put("issuer", IssuerTemplate.encode(stated)); // Entra ID's {tenantid}: braces are not legal in a URI
            }
            return OIDCProviderMetadata.parse(json);
        } catch (ParseException e) {
            throw new CliauthException(Failure.PROVIDER_UNAVAILABLE,
                    "OpenID discovery at " + url + " did not return a valid provider configuration (expected JSON with issuer, "
                            + "authorization_endpoint, token_endpoint, jwks_uri): " + e.getMessage(), e);
        }
    }

    /**
     * RFC 8414 metadata, read by Nimbus, in the form the flows take: an OpenID provider's metadata with the endpoints
     * and capabilities the server states, and its key set when it names one.
     */
    private static OIDCProviderMetadata oauthMetadata(URI url, HTTPResponse response) {
        requireJson(url, response, "Authorization server metadata", "the authorization server metadata");
        try {
            net.minidev.json.JSONObject json = response.getBodyAsJSONObject();
            if (json.containsKey("jwks_uri") && json.containsKey("subject_types_supported")) {
                return OIDCProviderMetadata.parse(json); // an OpenID provider's, served at the RFC 8414 address too
            }
            AuthorizationServerMetadata server = AuthorizationServerMetadata.parse(json);
            OIDCProviderMetadata metadata = new OIDCProviderMetadata(server.getIssuer(), List.of(SubjectType.PUBLIC),
                    List.of(ClientRegistrationType.EXPLICIT), server.getJWKSetURI(), null, server.getJWKSetURI() == null ? new JWKSet() : null);
            metadata.setAuthorizationEndpointURI(server.getAuthorizationEndpointURI());
            metadata.setTokenEndpointURI(server.getTokenEndpointURI());
            metadata.setPushedAuthorizationRequestEndpointURI(server.getPushedAuthorizationRequestEndpointURI());
            metadata.requiresPushedAuthorizationRequests(server.requiresPushedAuthorizationRequests());
            metadata.setDeviceAuthorizationEndpointURI(server.getDeviceAuthorizationEndpointURI());
            metadata.setRevocationEndpointURI(server.getRevocationEndpointURI());
            metadata.setRegistrationEndpointURI(server.getRegistrationEndpointURI());
            metadata.setCodeChallengeMethods(server.getCodeChallengeMethods());
            metadata.setSupportsAuthorizationResponseIssuerParam(server.supportsAuthorizationResponseIssuerParam());
            metadata.setScopes(server.getScopes());
            metadata.setGrantTypes(server.getGrantTypes());
            metadata.setDPoPJWSAlgs(server.getDPoPJWSAlgs());
            server.getCustomParameters().forEach(metadata::setCustomParameter);
            return metadata;
        } catch (ParseException e) {
            throw new CliauthException(Failure.PROVIDER_UNAVAILABLE, "The authorization server metadata at " + url
                    + " is not valid RFC 8414 metadata (expected JSON with issuer, authorization_endpoint, token_endpoint): " + e.getMessage(), e);
        }
    }

    /** The stated issuer must be the issuer (OpenID Discovery §4.3, RFC 8414 §3.3); a token endpoint and safe endpoints are required. */
    private static OIDCProviderMetadata checked(URI issuer, URI url, OIDCProviderMetadata metadata, Predicate<String> alsoAccepted) {
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
        endpoints.put("registration_endpoint", metadata.getRegistrationEndpointURI());
        endpoints.forEach((name, endpoint) -> {
            if (endpoint != null && !IssuerUrl.allows(issuer, endpoint)) {
                throw new CliauthException(Failure.PROVIDER_UNAVAILABLE, "The provider configuration at " + url + " names " + name + " "
                        + endpoint + ", which is not https although the issuer is; cliauth sends nothing to it.");
            }
        });
    }
}
