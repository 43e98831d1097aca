package dev.cliauth.core.oauth;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.device.DeviceCode;
import com.nimbusds.oauth2.sdk.device.DeviceCodeGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.token.TokenSet;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The token endpoint for a public client (RFC 6749 §4.1.3 with PKCE's {@code code_verifier}, RFC 7636 §4.5;
 * refresh, §6). Answers are values: {@link TokenResult.Issued} or {@link TokenResult.Rejected}; only a provider
 * that cannot be reached or answers outside the protocol throws.
 */
public final class TokenClient {
    private final OAuthHttp http;
    private final Clock clock;
    private final TokenEndpointOptions options;

    public TokenClient(OAuthHttp http, Clock clock) {
        this(http, clock, TokenEndpointOptions.STANDARD);
    }

    private TokenClient(OAuthHttp http, Clock clock, TokenEndpointOptions options) {
        this.http = http;
        this.clock = clock;
        this.options = options;
    }

    /** This client, speaking to a provider that departs from the standard in the ways {@code options} says. */
    public TokenClient with(TokenEndpointOptions options) {
        return new TokenClient(http, clock, options);
    }

    /** Redeems an authorization code. */
    public TokenResult redeem(URI tokenEndpoint, String clientId, AuthorizationCode code, URI redirectUri, CodeVerifier verifier) {
        return redeem(tokenEndpoint, clientId, code, redirectUri, verifier, null);
    }

    /** Redeems an authorization code, with a DPoP proof when {@code dpop} is given (RFC 9449 §5). */
    public TokenResult redeem(URI tokenEndpoint, String clientId, AuthorizationCode code, URI redirectUri, CodeVerifier verifier, DpopKey dpop) {
        return send(tokenEndpoint, new TokenRequest(tokenEndpoint, new ClientID(clientId), new AuthorizationCodeGrant(code, redirectUri, verifier), null), dpop);
    }

    /** Uses a refresh token. */
    public TokenResult refresh(URI tokenEndpoint, String clientId, String refreshToken) {
        return refresh(tokenEndpoint, clientId, refreshToken, null);
    }

    /** Uses a refresh token, with a DPoP proof when {@code dpop} is given: a DPoP-bound refresh token needs one. */
    public TokenResult refresh(URI tokenEndpoint, String clientId, String refreshToken, DpopKey dpop) {
        return refresh(tokenEndpoint, clientId, refreshToken, dpop, java.util.Optional.empty(), java.util.Optional.empty());
    }

    /**
     * Uses a refresh token for a token with another audience or a narrower scope: RFC 8707 §2.2's {@code resource}
     * and RFC 6749 §6's {@code scope}, when given.
     */
    public TokenResult refresh(URI tokenEndpoint, String clientId, String refreshToken, DpopKey dpop, java.util.Optional<String> resource,
                               java.util.Optional<String> scope) {
        TokenRequest.Builder builder = new TokenRequest.Builder(tokenEndpoint, new ClientID(clientId), new RefreshTokenGrant(new RefreshToken(refreshToken)));
        resource.ifPresent(r -> builder.resources(URI.create(r)));
        scope.ifPresent(s -> builder.scope(com.nimbusds.oauth2.sdk.Scope.parse(s)));
        return send(tokenEndpoint, builder.build(), dpop);
    }

    /**
     * Polls for a device authorization's tokens (RFC 8628 §3.4); the PKCE verifier goes along when the device
     * request carried a challenge, as Keycloak demands for PKCE-required clients.
     */
    public TokenResult pollDevice(URI tokenEndpoint, String clientId, DeviceCode deviceCode, CodeVerifier verifier) {
        return pollDevice(tokenEndpoint, clientId, deviceCode, verifier, null);
    }

    /** Polls with a fresh DPoP proof on every poll when {@code dpop} is given (RFC 9449 §5: every token request). */
    public TokenResult pollDevice(URI tokenEndpoint, String clientId, DeviceCode deviceCode, CodeVerifier verifier, DpopKey dpop) {
        TokenRequest.Builder builder = new TokenRequest.Builder(tokenEndpoint, new ClientID(clientId), new DeviceCodeGrant(deviceCode));
        if (verifier != null) {
            builder.customParameter("code_verifier", verifier.getValue());
        }
        return send(tokenEndpoint, builder.build(), dpop);
    }

    /**
     * Sends any token request built with Nimbus (a workload's client credentials, token exchange or JWT bearer grant),
     * with a DPoP proof when {@code dpop} is given, and reads the answer as every other request's.
     */
    public TokenResult request(TokenRequest request, DpopKey dpop) {
        return send(request.getEndpointURI(), request, dpop);
    }

    private TokenResult send(URI tokenEndpoint, TokenRequest original, DpopKey dpop) {
        TokenRequest request = withResources(original);
        Instant sentAt = clock.instant(); // expiry counts from the request, so clock drift during the call errs early
        HTTPResponse response = http.send(shaped(withProof(request, dpop, null)), "token request");
        String nonce = response.getHeaderValue("DPoP-Nonce");
        if (dpop != null && response.getStatusCode() == 400 && nonce != null && response.getBody() != null
                && response.getBody().contains("use_dpop_nonce")) {
            // RFC 9449 §8: the server wants its nonce in the proof; one retry with it
            response = http.send(shaped(withProof(request, dpop, nonce)), "token request");
        }
        if (response.getStatusCode() == 200 && UnexpectedBody.isNotJson(response)) {
            throw new CliauthException(Failure.PROVIDER_UNAVAILABLE, "The token endpoint " + tokenEndpoint + " answered "
                    + UnexpectedBody.describe(response) + "; expected JSON (an OAuth token response). A proxy or a wrong endpoint may be in the way.");
        }
        TokenResponse parsed;
        try {
            parsed = options.readsJsonItself() && response.getStatusCode() == 200 ? fromJson(response) : OIDCTokenResponseParser.parse(response);
        } catch (ParseException e) {
            throw new CliauthException(Failure.PROVIDER_UNAVAILABLE, "The token endpoint " + tokenEndpoint + " answered HTTP "
                    + response.getStatusCode() + " with something that is not an OAuth token response (" + e.getMessage() + ").", e);
        }
        if (parsed instanceof TokenErrorResponse error) {
            ErrorObject object = error.getErrorObject();
            if (object.getCode() == null && UnexpectedBody.isNotJson(response)) {
                // no OAuth error code (a 5xx page, an empty 401): say what did come back
                return new TokenResult.Rejected(new OAuthError(UnexpectedBody.describe(response) + " without an OAuth error",
                        java.util.Optional.empty(), response.getStatusCode()));
            }
            return new TokenResult.Rejected(OAuthError.of(object, response.getStatusCode()));
        }
        return new TokenResult.Issued(toTokenSet(((AccessTokenResponse) parsed).getTokens(), sentAt));
    }

    /**
     * The request naming the profile's resources (RFC 8707 §2.2), when the options have any and the request names none
     * of its own: a code redeemed, a refresh, a device poll — each gets a token for that API and no other.
     */
    private TokenRequest withResources(TokenRequest request) {
        if (options.resources().isEmpty() || (request.getResources() != null && !request.getResources().isEmpty())) {
            return request;
        }
        TokenRequest.Builder builder = request.getClientAuthentication() != null
                ? new TokenRequest.Builder(request.getEndpointURI(), request.getClientAuthentication(), request.getAuthorizationGrant())
                : new TokenRequest.Builder(request.getEndpointURI(), request.getClientID(), request.getAuthorizationGrant());
        builder.scope(request.getScope()).resources(options.resources().toArray(URI[]::new));
        request.getCustomParameters().forEach((name, values) -> builder.customParameter(name, values.toArray(String[]::new)));
        return builder.build();
    }

    /** The request as this provider wants it: its documented client secret in the form, {@code Accept: application/json}. */
    private com.nimbusds.oauth2.sdk.http.HTTPRequest shaped(com.nimbusds.oauth2.sdk.http.HTTPRequest request) {
        if (options.acceptJson()) {
            request.setAccept("application/json");
        }
        options.clientSecret().ifPresent(secret -> {
            java.util.Map<String, java.util.List<String>> form = new java.util.LinkedHashMap<>(com.nimbusds.oauth2.sdk.util.URLUtils.parseParameters(request.getBody()));
            form.put("client_secret", java.util.List.of(secret));
            request.setBody(com.nimbusds.oauth2.sdk.util.URLUtils.serializeParameters(form));
        });
        return request;
    }

    /**
     * An HTTP 200 read by its JSON: an {@code error} without an {@code access_token} is an error (GitHub's device
     * flow), and a success without {@code token_type} is a Bearer token (WorkOS), when the options say so.
     */
    private TokenResponse fromJson(HTTPResponse response) throws ParseException {
        net.minidev.json.JSONObject json = response.getBodyAsJSONObject();
        if (options.errorsInOkResponse() && json.containsKey("error") && !json.containsKey("access_token")) {
            return TokenErrorResponse.parse(json);
        }
        if (options.bearerWhenUntyped() && json.containsKey("access_token") && !json.containsKey("token_type")) {
            json.put("token_type", "Bearer");
        }
        return OIDCTokenResponseParser.parse(json);
    }

    /** The tokens of a successful token response; {@code expires_in} counts from {@code sentAt} (RFC 6749 §5.1). */
    private static com.nimbusds.oauth2.sdk.http.HTTPRequest withProof(TokenRequest request, DpopKey dpop, String nonce) {
        com.nimbusds.oauth2.sdk.http.HTTPRequest http = request.toHTTPRequest();
        if (dpop != null) {
            http.setDPoP(dpop.proof("POST", request.getEndpointURI(), null, nonce));
        }
        return http;
    }

    public static TokenSet toTokenSet(Tokens tokens, Instant sentAt) {
        AccessToken access = tokens.getAccessToken();
        Optional<Instant> expiresAt = access.getLifetime() > 0 ? Optional.of(sentAt.plusSeconds(access.getLifetime())) : Optional.empty();
        Optional<String> idToken = tokens instanceof OIDCTokens oidc ? Optional.ofNullable(oidc.getIDTokenString()) : Optional.empty();
        return new TokenSet(access.getValue(), access.getType().getValue(), expiresAt,
                Optional.ofNullable(tokens.getRefreshToken()).map(RefreshToken::getValue), idToken,
                Optional.ofNullable(access.getScope()).map(Object::toString));
    }
}
