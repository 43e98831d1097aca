package dev.cliauth.core.token;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The tokens a provider issued in one token response (RFC 6749 §5.1, OpenID Connect Core §3.1.3.3).
 * {@link #toString()} never shows a token.
 *
 * @param accessToken  the access token
 * @param tokenType    {@code Bearer} or {@code DPoP}
 * @param expiresAt    when the access token expires, when the provider said ({@code expires_in})
 * @param refreshToken the refresh token, when one was issued
 * @param idToken      the ID token (a JWT), when one was issued
 * @param scope        the granted scope, when the provider said
 */
public record TokenSet(String accessToken, String tokenType, Optional<Instant> expiresAt, Optional<String> refreshToken,
                       Optional<String> idToken, Optional<String> scope) {

    public TokenSet {
        if (accessToken == null || accessToken.isEmpty()) {
            throw new IllegalArgumentException("a token set needs an access token");
        }
        tokenType = tokenType == null || tokenType.isBlank() ? "Bearer" : tokenType;
        Objects.requireNonNull(expiresAt);
        Objects.requireNonNull(refreshToken);
        Objects.requireNonNull(idToken);
        Objects.requireNonNull(scope);
    }

    /** Whether the access token is still good at {@code now} with {@code margin} to spare; unknown expiry counts as good. */
    public boolean isFreshAt(Instant now, Duration margin) {
        return expiresAt.map(at -> now.plus(margin).isBefore(at)).orElse(true);
    }

    /**
     * The tokens after a refresh: providers may omit the refresh token (keep the old one, RFC 6749 §6) and the ID
     * token (keep the old one, its claims still describe the same person).
     */
    public TokenSet refreshedWith(TokenSet fresh) {
        return new TokenSet(fresh.accessToken, fresh.tokenType, fresh.expiresAt,
                fresh.refreshToken.or(() -> refreshToken), fresh.idToken.or(() -> idToken), fresh.scope.or(() -> scope));
    }

    /** These tokens with the access token counting as expired from {@code now}. */
    public TokenSet expiredAt(Instant now) {
        return new TokenSet(accessToken, tokenType, Optional.of(now), refreshToken, idToken, scope);
    }

    @Override
    public String toString() {
        return "TokenSet[tokenType=" + tokenType + ", expiresAt=" + expiresAt.map(Instant::toString).orElse("unknown")
                + ", refreshToken=" + (refreshToken.isPresent() ? "present" : "absent")
                + ", idToken=" + (idToken.isPresent() ? "present" : "absent") + "]";
    }
}
