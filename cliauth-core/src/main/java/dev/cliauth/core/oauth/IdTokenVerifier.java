package dev.cliauth.core.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;

import java.net.MalformedURLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Validates ID tokens (OpenID Connect Core §3.1.3.7) with Nimbus's {@link IDTokenValidator}: signature against the
 * provider's JWKS, {@code iss}, {@code aud} (and {@code azp}), {@code exp}, {@code iat} and {@code nonce}.
 * Only asymmetric algorithms the provider advertises are accepted, so {@code none} and an HMAC "signed" with a
 * public key are refused.
 */
public final class IdTokenVerifier {
    private static final Set<JWSAlgorithm> ASYMMETRIC = new HashSet<>();

    static {
        ASYMMETRIC.addAll(JWSAlgorithm.Family.RSA);
        ASYMMETRIC.addAll(JWSAlgorithm.Family.EC);
        ASYMMETRIC.addAll(JWSAlgorithm.Family.ED);
    }

    private final OAuthHttp http;
    private final int maxClockSkewSeconds;

    public IdTokenVerifier(OAuthHttp http, int maxClockSkewSeconds) {
        this.http = http;
        this.maxClockSkewSeconds = maxClockSkewSeconds;
    }

    public IDTokenClaimsSet verify(String idToken, OIDCProviderMetadata metadata, String clientId, Nonce expectedNonce) {
        Set<JWSAlgorithm> algorithms = new HashSet<>();
        List<JWSAlgorithm> advertised = metadata.getIDTokenJWSAlgs();
        if (advertised == null || advertised.isEmpty()) {
            algorithms.add(JWSAlgorithm.RS256); // the OpenID Connect default (Core §3.1.3.7 step 7)
        } else {
            advertised.stream().filter(ASYMMETRIC::contains).forEach(algorithms::add);
        }
        if (algorithms.isEmpty()) {
            throw new CliauthException(Failure.LOGIN_FAILED, "The provider signs ID tokens only with " + advertised
                    + "; cliauth accepts asymmetric signatures (RS256, ES256, ...) only.");
        }
        if (metadata.getJWKSetURI() == null) {
            throw new CliauthException(Failure.PROVIDER_UNAVAILABLE, "The provider configuration has no jwks_uri, so its ID tokens cannot be checked.");
        }
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.<SecurityContext>create(metadata.getJWKSetURI().toURL(),
                            new DefaultResourceRetriever(http.connectTimeoutMillis(), http.readTimeoutMillis(), 512 * 1024, true, http.tls()))
                    .build();
        } catch (MalformedURLException e) {
            throw new CliauthException(Failure.PROVIDER_UNAVAILABLE, "The provider's jwks_uri is not a URL: " + metadata.getJWKSetURI());
        }
        try {
            JWT jwt = JWTParser.parse(idToken);
            IDTokenValidator validator = new IDTokenValidator(expectedIssuer(metadata, jwt), new ClientID(clientId),
                    new JWSVerificationKeySelector<>(algorithms, keys), null);
            validator.setMaxClockSkew(maxClockSkewSeconds);
            IDTokenClaimsSet claims = validator.validate(jwt, expectedNonce);
            // Core §3.1.3.7 step 4: with several audiences, azp must name this client (Nimbus checks azp only when present).
            if (claims.getAudience().size() > 1 && (claims.getAuthorizedParty() == null || !clientId.equals(claims.getAuthorizedParty().getValue()))) {
                throw new CliauthException(Failure.LOGIN_FAILED, "The provider's ID token was rejected: it has several audiences but no azp naming "
                        + clientId + "; nothing was stored.");
            }
            return claims;
        } catch (java.text.ParseException e) {
            throw new CliauthException(Failure.LOGIN_FAILED, "The provider's ID token is not a JWT; nothing was stored.", e);
        } catch (BadJOSEException | JOSEException e) {
            throw new CliauthException(Failure.LOGIN_FAILED, "The provider's ID token was rejected: " + e.getMessage() + "; nothing was stored.", e);
        }
    }

    /**
     * The discovered issuer; for an issuer template (Entra ID's {@code common} and {@code organizations}, which
     * discovery accepts only for that preset), the template with the token's own {@code tid}. The token's
     * signature is still checked against the provider's keys, so a token cannot pick a tenant it was not issued in.
     */
    private static Issuer expectedIssuer(OIDCProviderMetadata metadata, JWT jwt) throws java.text.ParseException {
        String issuer = metadata.getIssuer().getValue();
        if (!IssuerTemplate.isTemplate(issuer)) {
            return metadata.getIssuer();
        }
        Object tid = jwt.getJWTClaimsSet().getClaim("tid");
        return new Issuer(IssuerTemplate.resolve(issuer, tid instanceof String text ? text : null).orElseThrow(() -> new CliauthException(
                Failure.LOGIN_FAILED, "The provider's ID token was rejected: its issuer is the template " + IssuerTemplate.decode(issuer)
                        + " but the token has no tenant id (tid) to fill it; nothing was stored.")));
    }
}
