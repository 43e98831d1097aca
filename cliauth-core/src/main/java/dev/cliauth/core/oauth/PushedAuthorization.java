package dev.cliauth.core.oauth;

import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.PushedAuthorizationRequest;
import com.nimbusds.oauth2.sdk.PushedAuthorizationResponse;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;

import java.net.URI;

/**
 * Pushed authorization requests (RFC 9126): every parameter, PKCE challenge included, goes straight to the provider
 * over a back channel, and the browser carries only {@code client_id} and the {@code request_uri} it answers with —
 * nothing in the browser's address bar or history can be altered or read.
 */
public final class PushedAuthorization {
    private final OAuthHttp http;

    public PushedAuthorization(OAuthHttp http) {
        this.http = http;
    }

    /** Pushes the request; returns the {@code request_uri} for the browser. */
    public URI push(URI endpoint, AuthorizationRequest request) {
        HTTPResponse response = http.send(new PushedAuthorizationRequest(endpoint, request).toHTTPRequest(), "pushed authorization request");
        PushedAuthorizationResponse parsed;
        try {
            parsed = PushedAuthorizationResponse.parse(response);
        } catch (ParseException e) {
            throw new CliauthException(Failure.PROVIDER_UNAVAILABLE, "The pushed authorization endpoint " + endpoint + " answered HTTP "
                    + response.getStatusCode() + " with something that is not an RFC 9126 response (" + e.getMessage() + ").", e);
        }
        if (!parsed.indicatesSuccess()) {
            ErrorObject error = parsed.toErrorResponse().getErrorObject();
            String summary = error.getDescription() == null ? String.valueOf(error.getCode()) : error.getCode() + ": " + error.getDescription();
            throw new CliauthException(Failure.LOGIN_FAILED, "The provider refused the sign-in request at " + endpoint + ": " + summary + ".");
        }
        return parsed.toSuccessResponse().getRequestURI();
    }
}
