package dev.cliauth.core.flow;

import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.config.Profile;
import dev.cliauth.core.oauth.DpopKey;
import dev.cliauth.core.oauth.IdTokenVerifier;
import dev.cliauth.core.provider.ProviderHabits;
import dev.cliauth.core.token.Session;
import dev.cliauth.core.token.TokenSet;

import java.time.Clock;
import java.util.Optional;

/**
 * Turns a login's tokens into a {@link Session}: for an OpenID request the ID token must be present and valid
 * (its {@code sub} and name come from it), unless the provider issues none (GitHub); otherwise the session has no subject. Every interactive flow ends here.
 */
public final class Sessions {
    private final IdTokenVerifier idTokens;
    private final Clock clock;

    public Sessions(IdTokenVerifier idTokens, Clock clock) {
        this.idTokens = idTokens;
        this.clock = clock;
    }

    /**
     * @param nonce the nonce sent in the authorization request, or null where the flow has none (device flow)
     * @param grant how the tokens were obtained, e.g. {@code authorization_code+pkce}
     */
    public Session from(Profile profile, OIDCProviderMetadata metadata, TokenSet tokens, Nonce nonce, String grant) {
        return from(profile, metadata, tokens, nonce, grant, null);
    }

    /**
     * As above, for tokens requested with DPoP proofs made by {@code dpop} (null: no DPoP): the provider must have
     * issued a DPoP token (RFC 9449 §5) — a Bearer token would be usable by whoever steals it, which is what the
     * person asked to prevent — and the key is kept with the session for every later refresh.
     */
    public Session from(Profile profile, OIDCProviderMetadata metadata, TokenSet tokens, Nonce nonce, String grant, DpopKey dpop) {
        if (dpop != null && !tokens.tokenType().equalsIgnoreCase("DPoP")) {
            throw new CliauthException(Failure.LOGIN_FAILED, "DPoP was asked for, but " + profile.issuer() + " issued a "
                    + tokens.tokenType() + " token (it does not support DPoP for this client); nothing was stored.");
        }
        Optional<String> subject = Optional.empty();
        Optional<String> username = Optional.empty();
        if (ProviderHabits.of(profile).expectsIdToken()) { // GitHub and WorkOS's AuthKit endpoints issue none
            String idToken = tokens.idToken().orElseThrow(() -> new CliauthException(Failure.LOGIN_FAILED,
                    "The provider returned no ID token for an OpenID request; nothing was stored."));
            IDTokenClaimsSet claims = idTokens.verify(idToken, metadata, profile.clientId(), nonce);
            subject = Optional.of(claims.getSubject().getValue());
            username = Optional.ofNullable(claims.getStringClaim("preferred_username"))
                    .or(() -> Optional.ofNullable(claims.getStringClaim("email")));
        }
        Session session = new Session(profile.name(), profile.issuer(), profile.clientId(), metadata.getTokenEndpointURI(), subject, username,
                grant, clock.instant(), Optional.empty(), tokens);
        return dpop == null ? session : session.withDpopKey(dpop.toPrivateJwk());
    }
}
