package dev.cliauth.core.token.keychain;

import dev.cliauth.core.token.Session;
import dev.cliauth.core.token.TokenSet;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/** Sessions to store; every token value contains "SECRET" so tests can check that no message shows one. */
final class TestSessions {
    private TestSessions() {
    }

    static Session session(String profile) {
        TokenSet tokens = new TokenSet("at-SECRET", "Bearer", Optional.of(Instant.parse("2026-11-26T10:05:00Z")), Optional.of("rt-SECRET"),
                Optional.of("id.token.SECRET"), Optional.of("openid email"));
        return new Session(profile, URI.create("https://id.example.com"), "cli", URI.create("https://id.example.com/token"),
                Optional.of("sub-1"), Optional.of("alice"), "authorization_code+pkce", Instant.parse("2026-11-26T10:00:00Z"),
                Optional.empty(), tokens);
    }

    /**
     * A session the size of an Entra ID one: a 4 KB access token, a 3 KB ID token, a 1.5 KB refresh token, and a
     * username outside ASCII (an emoji is a surrogate pair in UTF-16). {@code mark} makes the tokens of one such session
     * differ from another's.
     */
    static Session large(String profile, char mark) {
        TokenSet tokens = new TokenSet("eyJ0eXAiOiJKV1Qi.SECRET" + String.valueOf(mark).repeat(4000), "Bearer",
                Optional.of(Instant.parse("2026-11-26T10:05:00Z")), Optional.of("0.ARSECRET" + String.valueOf(mark).repeat(1500)),
                Optional.of("eyJhbGciOiJSUzI1NiJ9.SECRET" + String.valueOf(mark).repeat(3000)),
                Optional.of("openid profile offline_access https://graph.microsoft.com/User.Read"));
        return new Session(profile, URI.create("https://login.microsoftonline.com/contoso/v2.0"), "cli",
                URI.create("https://login.microsoftonline.com/contoso/oauth2/v2.0/token"), Optional.of("sub-1"),
                Optional.of("Zoë 🔑 Müller"), "authorization_code+pkce", Instant.parse("2026-11-26T10:00:00Z"), Optional.empty(), tokens);
    }

    static Session large(String profile) {
        return large(profile, 'x');
    }

    static Session refreshed(Session session) {
        TokenSet fresh = new TokenSet("at-2-SECRET", "Bearer", Optional.of(Instant.parse("2026-11-26T11:05:00Z")), Optional.of("rt-2-SECRET"),
                Optional.empty(), Optional.empty());
        return session.withRefreshedTokens(fresh, Instant.parse("2026-11-26T11:00:00Z"));
    }
}
