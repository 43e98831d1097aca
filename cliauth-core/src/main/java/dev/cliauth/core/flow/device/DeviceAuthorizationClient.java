package dev.cliauth.core.flow.device;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationRequest;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.oauth.OAuthError;
import dev.cliauth.core.oauth.OAuthHttp;
import dev.cliauth.core.oauth.TokenEndpointOptions;
import dev.cliauth.core.oauth.UnexpectedBody;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import java.util.Map;
import net.minidev.json.JSONObject;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * The device authorization endpoint (RFC 8628 §3.1–3.2) for a public client. The request carries a PKCE challenge
 * (RFC 7636 §4.3, S256): Keycloak demands one for clients that require PKCE, and other providers ignore it.
 * An answer saying the client may not use the device flow is a value ({@link Answer.NotAllowed}); any other
 * error, or an answer that is not OAuth, throws with a message naming the endpoint.
 */
public final class DeviceAuthorizationClient {
    private final OAuthHttp http;

    public DeviceAuthorizationClient(OAuthHttp http) {
        this.http = Objects.requireNonNull(http);
    }

    /** What the endpoint answered, short of a failure. */
    public sealed interface Answer {

        /** Codes were issued. */
        record Issued(DeviceAuthorization authorization) implements Answer {
        }

        /** The provider does not allow the device flow for this client (see {@link ProviderError#blocksDeviceFlow()}). */
        record NotAllowed(ProviderError error) implements Answer {
        }
    }

    public Answer request(URI endpoint, String clientId, String scope, CodeVerifier verifier) {
        return request(endpoint, clientId, scope, verifier, Map.of(), TokenEndpointOptions.STANDARD, error -> false);
    }

    /**
     * @param parameters extra request parameters a provider needs (Auth0's {@code audience})
     * @param habits     the provider's departures from the standard: {@code Accept: application/json} and errors in an
     *                   HTTP 200 (GitHub), as at its token endpoint
     * @param alsoBlocks answers that, for this provider, mean the device flow is not available to this client, besides
     *                   those {@link ProviderError#blocksDeviceFlow()} knows (Google's {@code invalid_scope})
     */
    public Answer request(URI endpoint, String clientId, String scope, CodeVerifier verifier, Map<String, String> parameters,
                          TokenEndpointOptions habits, java.util.function.Predicate<ProviderError> alsoBlocks) {
        DeviceAuthorizationRequest.Builder builder = new DeviceAuthorizationRequest.Builder(new ClientID(clientId))
                .endpointURI(endpoint)
                .scope(Scope.parse(scope))
                .customParameter("code_challenge", CodeChallenge.compute(CodeChallengeMethod.S256, verifier).getValue())
                .customParameter("code_challenge_method", CodeChallengeMethod.S256.getValue());
        parameters.forEach(builder::customParameter);
        HTTPRequest httpRequest = builder.build().toHTTPRequest();
        if (habits.acceptJson()) {
            httpRequest.setAccept("application/json");
        }
        HTTPResponse response = http.send(httpRequest, "device authorization");
        String where = "The device authorization endpoint " + withoutQuery(endpoint);
        if (response.getStatusCode() == 200 && UnexpectedBody.isNotJson(response)) {
            throw new CliauthException(Failure.PROVIDER_UNAVAILABLE, where + " answered " + UnexpectedBody.describe(response)
                    + "; expected JSON (a device authorization response).");
        }
        if (response.getStatusCode() == 200 && !(habits.errorsInOkResponse() && error(response).isPresent())) {
            try {
                return new Answer.Issued(DeviceAuthorization.from(DeviceAuthorizationSuccessResponse.parse(json(response))));
            } catch (ParseException | IllegalArgumentException e) {
                throw new CliauthException(Failure.PROVIDER_UNAVAILABLE,
                        where + " answered with something that is not a device authorization (" + e.getMessage() + ").", e);
            }
        }
        ProviderError error = error(response).orElseThrow(() -> new CliauthException(Failure.PROVIDER_UNAVAILABLE,
                where + " answered " + UnexpectedBody.describe(response) + ", which is not an OAuth answer."));
        if (error.blocksDeviceFlow() || alsoBlocks.test(error)) {
            return new Answer.NotAllowed(error);
        }
        if (response.getStatusCode() >= 500 || error.code().equals(OAuth2Error.SERVER_ERROR_CODE)
                || error.code().equals(OAuth2Error.TEMPORARILY_UNAVAILABLE_CODE)) {
            throw new CliauthException(Failure.PROVIDER_UNAVAILABLE,
                    where + " is unavailable (HTTP " + response.getStatusCode() + ", " + error.summary() + "); try again later.");
        }
        throw new CliauthException(Failure.LOGIN_FAILED, where + " refused the request: " + error.summary() + ".");
    }

    /** An OAuth error object (RFC 6749 §5.2), read whatever the Content-Type says, as providers are careless there. */
    private static Optional<ProviderError> error(HTTPResponse response) {
        try {
            ErrorObject error = ErrorObject.parse(json(response));
            return error.getCode() == null || error.getCode().isBlank()
                    ? Optional.empty() : Optional.of(new ProviderError(OAuthError.of(error, response.getStatusCode())));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    private static JSONObject json(HTTPResponse response) throws ParseException {
        String body = response.getBody();
        if (body == null || body.isBlank()) {
            throw new ParseException("empty body");
        }
        return JSONObjectUtils.parse(body);
    }

    private static String withoutQuery(URI uri) {
        String text = uri.toString();
        int q = text.indexOf('?');
        return q < 0 ? text : text.substring(0, q);
    }
}
