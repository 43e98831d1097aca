package dev.cliauth.core.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import com.nimbusds.openid.connect.sdk.Nonce;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;

import java.net.URI;
import java.text.ParseException;

/**
 * A profile's DPoP key (RFC 9449): a P-256 key pair made at login and kept with the session, so its tokens are
 * bound to it and useless to anyone who copies them without the key. Each request gets a fresh proof
 * ({@code typ dpop+jwt}, the public {@code jwk}, {@code jti}, {@code htm}, {@code htu}, {@code iat}, and {@code ath}
 * when it carries an access token). {@link #toString()} never shows the private key.
 */
public final class DpopKey {
    private final ECKey key;
    private final DefaultDPoPProofFactory proofs;

    private DpopKey(ECKey key) {
        this.key = key;
        try {
            this.proofs = new DefaultDPoPProofFactory(key, JWSAlgorithm.ES256);
        } catch (JOSEException e) {
            throw new IllegalStateException("a P-256 key must sign ES256", e);
        }
    }

    /** A new P-256 key pair. */
    public static DpopKey generate() {
        try {
            return new DpopKey(new ECKeyGenerator(Curve.P_256).generate());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a P-256 key", e);
        }
    }

    /** The key as stored with the session (a private JWK). */
    public static DpopKey parse(String privateJwk) {
        try {
            ECKey key = ECKey.parse(privateJwk);
            if (!key.isPrivate() || !Curve.P_256.equals(key.getCurve())) {
                throw new ParseException("not a private P-256 key", 0);
            }
            return new DpopKey(key);
        } catch (ParseException e) {
            throw new CliauthException(Failure.STORAGE, "The session's DPoP key is unreadable; run 'cliauth login' again.", e);
        }
    }

    /** The private JWK, for the session store only. */
    public String toPrivateJwk() {
        return key.toJSONString();
    }

    /** The RFC 7638 thumbprint of the public key: what a bound token's {@code cnf.jkt} names. */
    public String thumbprint() {
        try {
            return key.computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A proof for one request.
     *
     * @param accessToken the access token the request carries (adds {@code ath}), or null
     * @param nonce       the server's {@code DPoP-Nonce}, or null
     */
    public SignedJWT proof(String method, URI url, String accessToken, String nonce) {
        URI htu = URI.create(url.getScheme() + "://" + url.getRawAuthority() + (url.getRawPath() == null ? "" : url.getRawPath()));
        Nonce n = nonce == null ? null : new Nonce(nonce);
        try {
            return accessToken == null ? proofs.createDPoPJWT(method, htu, n) : proofs.createDPoPJWT(method, htu, new DPoPAccessToken(accessToken), n);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a DPoP proof", e);
        }
    }

    @Override
    public String toString() {
        return "DpopKey[jkt=" + thumbprint() + "]";
    }
}
