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

    static Session refreshed(Session session) {
        TokenSet fresh = new TokenSet("at-2-SECRET", "Bearer", Optional.of(Instant.parse("2026-11-26T11:05:00Z")), Optional.of("rt-2-SECRET"),
                Optional.empty(), Optional.empty());
        return session.withRefreshedTokens(fresh, Instant.parse("2026-11-26T11:00:00Z"));
    }
}
