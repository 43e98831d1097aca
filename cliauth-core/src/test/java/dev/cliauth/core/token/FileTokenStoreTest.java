package dev.cliauth.core.token;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.io.PrivateFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class FileTokenStoreTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsASession() {
        FileTokenStore store = new FileTokenStore(dir, new PrivateFiles());
        Session session = session();
        store.save(session);
        assertThat(store.load("work")).contains(session);
        assertThat(store.describe("work")).isEqualTo("file " + dir.resolve("sessions/work.json"));
        assertThat(store.delete("work")).isTrue();
        assertThat(store.load("work")).isEmpty();
    }

    @Test
    void aDamagedFileIsAStorageErrorThatShowsNoTokenValue() throws Exception {
        FileTokenStore store = new FileTokenStore(dir, new PrivateFiles());
        Files.createDirectories(dir.resolve("sessions"));
        Files.writeString(dir.resolve("sessions/work.json"), "{\"refresh_token\":\"rt-SECRET\",\"issuer\":\"https://x\"}");

        CliauthException e = catchThrowableOfType(CliauthException.class, () -> store.load("work"));

        assertThat(e.failure()).isEqualTo(Failure.STORAGE);
        assertThat(e.getMessage()).contains("access_token").contains("cliauth logout --profile work").doesNotContain("rt-SECRET");
    }

    @Test
    void tokenSetsNeverPrintTheirTokens() {
        assertThat(session().tokens().toString()).doesNotContain("at-SECRET").doesNotContain("rt-SECRET").doesNotContain("id.token");
        assertThat(session().toString()).doesNotContain("at-SECRET").doesNotContain("rt-SECRET");
    }

    @Test
    void refreshKeepsTheOldRefreshAndIdTokenWhenTheProviderOmitsThem() {
        TokenSet old = session().tokens();
        TokenSet fresh = new TokenSet("at-2", "Bearer", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        TokenSet merged = old.refreshedWith(fresh);
        assertThat(merged.accessToken()).isEqualTo("at-2");
        assertThat(merged.refreshToken()).isEqualTo(old.refreshToken());
        assertThat(merged.idToken()).isEqualTo(old.idToken());
        TokenSet rotated = old.refreshedWith(new TokenSet("at-3", "Bearer", Optional.empty(), Optional.of("rt-2"), Optional.empty(), Optional.empty()));
        assertThat(rotated.refreshToken()).contains("rt-2");
    }

    private static Session session() {
        TokenSet tokens = new TokenSet("at-SECRET", "Bearer", Optional.of(Instant.parse("2026-11-26T10:05:00Z")), Optional.of("rt-SECRET"),
                Optional.of("id.token.sig"), Optional.of("openid email"));
        return new Session("work", URI.create("https://id.example.com"), "cli", URI.create("https://id.example.com/token"),
                Optional.of("sub-1"), Optional.of("alice"), "authorization_code+pkce", Instant.parse("2026-11-26T10:00:00Z"),
                Optional.empty(), tokens);
    }
}
