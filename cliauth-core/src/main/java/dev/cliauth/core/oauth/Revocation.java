package dev.cliauth.core.oauth;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.RefreshToken;

import java.net.URI;

/** Token revocation (RFC 7009) for a public client: the refresh token, so the whole grant ends at the provider. */
public final class Revocation {
    private final OAuthHttp http;

    public Revocation(OAuthHttp http) {
        this.http = http;
    }

    /** What the revocation endpoint said. */
    public sealed interface Result {
        record Revoked() implements Result {
        }

        /** The provider refused (RFC 7009 §2.2.1), e.g. {@code unsupported_token_type}. */
        record Refused(OAuthError error) implements Result {
            public String summary() {
                return error.summary();
            }
        }
    }

    public Result revoke(URI endpoint, String clientId, String refreshToken) {
        TokenRevocationRequest request = new TokenRevocationRequest(endpoint, new ClientID(clientId), new RefreshToken(refreshToken));
        HTTPResponse response = http.send(request.toHTTPRequest(), "token revocation");
        // RFC 7009 §2.2: 200 whether or not the token was still valid.
        if (response.getStatusCode() == 200) {
            return new Result.Revoked();
        }
        return new Result.Refused(OAuthError.of(ErrorObject.parse(response), response.getStatusCode()));
    }
}
