package dev.cliauth.core.flow.workload;

import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.JWTAuthentication;

/**
 * Client authentication by a JWT someone else signed: the CI platform's token sent as {@code client_assertion} with
 * {@code client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer} (RFC 7523 §2.2, RFC 7521
 * §4.2) — workload identity federation as Entra ID, Keycloak's federated-jwt and others accept it. The wire form
 * is the one {@code private_key_jwt} uses; only who signed differs. Its {@code sub} is the platform's name for the
 * workload, not the client id, so the request names the client with {@code client_id}.
 */
final class FederatedAssertion extends JWTAuthentication {

    /** @throws IllegalArgumentException when the JWT lacks {@code iss}, {@code sub}, {@code aud} or {@code exp} (RFC 7523 §3) */
    FederatedAssertion(SignedJWT platformToken) {
        super(ClientAuthenticationMethod.PRIVATE_KEY_JWT, platformToken);
    }
}
