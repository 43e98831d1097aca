package dev.cliauth.cli.helpers;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A credential helper's answer to {@code get} (git-credential(1)): a username and the access token as the password,
 * with {@code password_expiry_utc} (Unix seconds; git 2.41 and later stop using the password then, older git ignores
 * the line). {@link #toString()} never shows the token.
 */
public record GitCredentialAnswer(String username, String password, Optional<Instant> passwordExpiry) {
    /** What GitLab and others expect with an OAuth token as the password; most servers ignore the username. */
    public static final String DEFAULT_USERNAME = "oauth2";

    public GitCredentialAnswer {
        checkValue("username", username);
        checkValue("password", password);
        Objects.requireNonNull(passwordExpiry);
    }

    /** The lines git reads, each ending in a newline. */
    public String serialize() {
        StringBuilder lines = new StringBuilder();
        lines.append("username=").append(username).append('\n');
        lines.append("password=").append(password).append('\n');
        passwordExpiry.ifPresent(at -> lines.append("password_expiry_utc=").append(at.getEpochSecond()).append('\n'));
        return lines.toString();
    }

    /** git's format has no quoting: a newline or NUL in a value would end it and start another key. */
    private static void checkValue(String key, String value) {
        Objects.requireNonNull(value, key);
        if (value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a git credential " + key + " cannot contain a newline or NUL");
        }
    }

    @Override
    public String toString() {
        return "GitCredentialAnswer[username=" + username + ", passwordExpiry=" + passwordExpiry.map(Instant::toString).orElse("unknown") + "]";
    }
}
