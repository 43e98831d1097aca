package dev.cliauth.core.token;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A signed-in session for one profile: the tokens and what we know about how and for whom they were obtained.
 *
 * @param profile       the profile name
 * @param issuer        the issuer the tokens came from
 * @param clientId      the client they were issued to
 * @param tokenEndpoint where to refresh them (from discovery at login, so refresh needs no second round trip)
 * @param subject       the ID token's {@code sub}, when there was one
 * @param username      a name for people to read ({@code preferred_username}, else {@code email}), when known
 * @param grant         how the session was obtained, e.g. {@code authorization_code+pkce}
 * @param obtainedAt    when the login completed
 * @param refreshedAt   when the tokens were last refreshed
 * @param tokens        the tokens
 * @param ended         why the provider ended the session (its refresh token was rejected), when it did: the session
 *                      is kept so {@code status} can say so, but gives out no token
 * @param dpopKey       the private JWK the tokens are bound to (RFC 9449), when the session uses DPoP
 */
public record Session(String profile, URI issuer, String clientId, URI tokenEndpoint, Optional<String> subject,
                      Optional<String> username, String grant, Instant obtainedAt, Optional<Instant> refreshedAt, TokenSet tokens,
                      Optional<String> ended, Optional<String> dpopKey) {

    /** A session without DPoP. */
    public Session(String profile, URI issuer, String clientId, URI tokenEndpoint, Optional<String> subject,
                   Optional<String> username, String grant, Instant obtainedAt, Optional<Instant> refreshedAt, TokenSet tokens,
                   Optional<String> ended) {
        this(profile, issuer, clientId, tokenEndpoint, subject, username, grant, obtainedAt, refreshedAt, tokens, ended, Optional.empty());
    }

    /** A live session. */
    public Session(String profile, URI issuer, String clientId, URI tokenEndpoint, Optional<String> subject,
                   Optional<String> username, String grant, Instant obtainedAt, Optional<Instant> refreshedAt, TokenSet tokens) {
        this(profile, issuer, clientId, tokenEndpoint, subject, username, grant, obtainedAt, refreshedAt, tokens, Optional.empty());
    }

    public Session {
        Objects.requireNonNull(profile);
        Objects.requireNonNull(issuer);
        Objects.requireNonNull(clientId);
        Objects.requireNonNull(tokenEndpoint);
        Objects.requireNonNull(subject);
        Objects.requireNonNull(username);
        Objects.requireNonNull(grant);
        Objects.requireNonNull(obtainedAt);
        Objects.requireNonNull(refreshedAt);
        Objects.requireNonNull(tokens);
        Objects.requireNonNull(ended);
        Objects.requireNonNull(dpopKey);
    }

    /** The same session bound to a DPoP key. */
    public Session withDpopKey(String privateJwk) {
        return new Session(profile, issuer, clientId, tokenEndpoint, subject, username, grant, obtainedAt, refreshedAt, tokens, ended,
                Optional.of(privateJwk));
    }

    /** Never shows a token (TokenSet hides them) or the DPoP private key. */
    @Override
    public String toString() {
        return "Session[profile=" + profile + ", issuer=" + issuer + ", clientId=" + clientId + ", subject=" + subject.orElse("-")
                + ", grant=" + grant + ", tokens=" + tokens + ", ended=" + ended.orElse("no") + ", dpop=" + (dpopKey.isPresent() ? "yes" : "no") + "]";
    }

    public Session withRefreshedTokens(TokenSet fresh, Instant now) {
        return new Session(profile, issuer, clientId, tokenEndpoint, subject, username, grant, obtainedAt, Optional.of(now), tokens.refreshedWith(fresh),
                ended, dpopKey);
    }

    /** The session after the provider ended it: the refresh token is dropped (it is dead), the reason kept. */
    public Session endedBecause(String reason) {
        TokenSet dead = new TokenSet(tokens.accessToken(), tokens.tokenType(), tokens.expiresAt(), Optional.empty(), tokens.idToken(), tokens.scope());
        return new Session(profile, issuer, clientId, tokenEndpoint, subject, username, grant, obtainedAt, refreshedAt, dead, Optional.of(reason), dpopKey);
    }

    /**
     * The session after a server rejected its access token: the token counts as expired from {@code now}, so the next
     * caller refreshes (or signs in) instead of being handed the same token again; the refresh token is kept.
     */
    public Session withAccessTokenRejected(Instant now) {
        TokenSet expired = new TokenSet(tokens.accessToken(), tokens.tokenType(), Optional.of(now), tokens.refreshToken(), tokens.idToken(),
                tokens.scope());
        return new Session(profile, issuer, clientId, tokenEndpoint, subject, username, grant, obtainedAt, refreshedAt, expired, ended, dpopKey);
    }

    public boolean isEnded() {
        return ended.isPresent();
    }
}
