package dev.cliauth.cli.helpers;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GitCredentialAnswerTest {
    @Test
    void serializesGitsLinesWithExpiryInUnixSeconds() {
        GitCredentialAnswer answer = new GitCredentialAnswer("oauth2", "tok", Optional.of(Instant.parse("2030-01-01T00:00:00.900Z")));
        assertThat(answer.serialize()).isEqualTo("username=oauth2\npassword=tok\npassword_expiry_utc=1893456000\n");
        assertThat(new GitCredentialAnswer("u", "tok", Optional.empty()).serialize()).isEqualTo("username=u\npassword=tok\n");
    }

    @Test
    void neverShowsThePasswordInToString() {
        assertThat(new GitCredentialAnswer("oauth2", "secret-token", Optional.empty()).toString()).doesNotContain("secret-token");
    }

    @Test
    void aValueThatWouldStartAnotherLineIsRefused() {
        assertThatThrownBy(() -> new GitCredentialAnswer("oauth2", "tok\nusername=evil", Optional.empty())).isInstanceOf(IllegalArgumentException.class);
    }
}
