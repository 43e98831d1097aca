package dev.cliauth.core.token;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
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
 * @param derived       access tokens for other resources (RFC 8707) or scopes, obtained with this session's refresh
 *                      token, by the key {@code "RESOURCE SCOPE"}; each holds no refresh token of its own
 */
public record Session(String profile, URI issuer, String clientId, URI tokenEndpoint, Optional<String> subject,
                      Optional<String> username, String grant, Instant obtainedAt, Optional<Instant> refreshedAt, TokenSet tokens,
                      Optional<String> ended, Optional<String> dpopKey, Map<String, TokenSet> derived) {

    /** A session with no derived tokens. */
    public Session(String profile, URI issuer, String clientId, URI tokenEndpoint, Optional<String> subject,
                   Optional<String> username, String grant, Instant obtainedAt, Optional<Instant> refreshedAt, TokenSet tokens,
                   Optional<String> ended, Optional<String> dpopKey) {
        this(profile, issuer, clientId, tokenEndpoint, subject, username, grant, obtainedAt, refreshedAt, tokens, ended, dpopKey, Map.of());
    }

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
        derived = Map.copyOf(derived);
    }

    /** The session with {@code tokens} kept for a resource or scope ({@code key}); a rotated refresh token replaces this one's. */
    public Session withDerived(String key, TokenSet fresh, Instant now) {
        Map<String, TokenSet> all = new java.util.TreeMap<>(derived);
        all.put(key, new TokenSet(fresh.accessToken(), fresh.tokenType(), fresh.expiresAt(), Optional.empty(), Optional.empty(), fresh.scope()));
        TokenSet main = fresh.refreshToken().isEmpty() ? tokens
                : new TokenSet(tokens.accessToken(), tokens.tokenType(), tokens.expiresAt(), fresh.refreshToken(), tokens.idToken(), tokens.scope());
        return new Session(profile, issuer, clientId, tokenEndpoint, subject, username, grant, obtainedAt, Optional.of(now), main, ended,
                dpopKey, all);
    }

    /** The same session bound to a DPoP key. */
    public Session withDpopKey(String privateJwk) {
        return new Session(profile, issuer, clientId, tokenEndpoint, subject, username, grant, obtainedAt, refreshedAt, tokens, ended,
                Optional.of(privateJwk), derived);
    }

    /** Never shows a token (TokenSet hides them) or the DPoP private key. */
    @Override
    public String toString() {
        return "Session[profile=" + profile + ", issuer=" + issuer + ", clientId=" + clientId + ", subject=" + subject.orElse("-")
                + ", grant=" + grant + ", tokens=" + tokens + ", ended=" + ended.orElse("no") + ", dpop=" + (dpopKey.isPresent() ? "yes" : "no")
                + ", derived=" + derived.keySet() + "]";
    }

    public Session withRefreshedTokens(TokenSet fresh, Instant now) {
        return new Session(profile, issuer, clientId, tokenEndpoint, subject, username, grant, obtainedAt, Optional.of(now), tokens.refreshedWith(fresh),
                ended, dpopKey, derived);
    }

    /** The session after the provider ended it: the refresh token is dropped (it is dead), the reason kept. */
    public Session endedBecause(String reason) {
        TokenSet dead = new TokenSet(tokens.accessToken(), tokens.tokenType(), tokens.expiresAt(), Optional.empty(), tokens.idToken(), tokens.scope());
        return new Session(profile, issuer, clientId, tokenEndpoint, subject, username, grant, obtainedAt, refreshedAt, dead, Optional.of(reason), dpopKey,
                Map.of());
    }

    /**
     * The session after a server rejected {@code accessToken} (its main one, or one kept for a resource or scope):
     * that token counts as expired from {@code now}, so the next caller refreshes (or signs in) instead of being handed
     * the same token again; the refresh token is kept.
     */
    public Session withTokenRejected(String accessToken, Instant now) {
        TokenSet main = tokens.accessToken().equals(accessToken) ? tokens.expiredAt(now) : tokens;
        Map<String, TokenSet> others = new java.util.TreeMap<>();
        derived.forEach((key, set) -> others.put(key, set.accessToken().equals(accessToken) ? set.expiredAt(now) : set));
        return new Session(profile, issuer, clientId, tokenEndpoint, subject, username, grant, obtainedAt, refreshedAt, main, ended, dpopKey,
                others);
    }

    /** Whether {@code accessToken} is this session's, main or kept for a resource or scope. */
    public boolean holds(String accessToken) {
        return tokens.accessToken().equals(accessToken) || derived.values().stream().anyMatch(set -> set.accessToken().equals(accessToken));
    }

    public boolean isEnded() {
        return ended.isPresent();
    }
}
