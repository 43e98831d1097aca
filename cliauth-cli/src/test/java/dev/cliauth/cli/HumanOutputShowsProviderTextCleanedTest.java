package dev.cliauth.cli;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.token.Session;
import dev.cliauth.core.token.TokenSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a provider put in a session (a user name from the ID token) or in an error reaches the person without the
 * control characters a terminal would obey: in status, in the one-line error, and through the terminal flows talk to.
 */
class HumanOutputShowsProviderTextCleanedTest {
    private static final String HOSTILE = "\u001b]52;c;ZXZpbA==\u0007\u001b[2J\u202egnp.exe\u009b\u2066";

    @TempDir
    Path home;

    @Test
    void statusShowsAHostileUserNameCleaned() {
        InProcessCli cli = new InProcessCli(home);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TokenSet tokens = new TokenSet("at", "Bearer", Optional.of(now.plusSeconds(3600)), Optional.empty(), Optional.empty(), Optional.empty());
        Session session = new Session("p", URI.create("https://id.example.com/realms/acme"), "cli",
                URI.create("https://id.example.com/realms/acme/token"), Optional.of("sub" + HOSTILE), Optional.of("bob" + HOSTILE),
                "authorization_code+pkce", now, Optional.empty(), tokens);
        cli.app(Map.of(), new StringWriter(), new StringWriter()).tokenStore().save(session);

        InProcessCli.Outcome one = cli.run("status", "--profile", "p");
        InProcessCli.Outcome table = cli.run("status");

        assertThat(one.out()).contains("Signed in: yes, as bob]52;c;ZXZpbA==[2Jgnp.exe (subject sub]52;c;ZXZpbA==[2Jgnp.exe)");
        assertClean(one.out());
        assertClean(table.out());
        assertThat(cli.run("status", "--profile", "p", "--json").out()).doesNotContain("\u001b").contains("\\u001b");
    }

    @Test
    void theOneLineErrorAndTheTerminalAreCleaned() {
        StringWriter err = new StringWriter();
        App app = new InProcessCli(home).app(Map.of(), new StringWriter(), err);

        app.terminal().println("Signed in as " + HOSTILE);
        app.failed(new CliauthException(Failure.LOGIN_FAILED, "Sign-in failed: access_denied: " + HOSTILE));

        assertThat(err.toString()).contains("cliauth: Sign-in failed: access_denied: ]52;c;ZXZpbA==[2Jgnp.exe");
        assertClean(err.toString());
    }

    private static void assertClean(String output) {
        assertThat(output.codePoints()).as(output)
                .noneMatch(c -> c < 0x20 && c != '\n' || c >= 0x7f && c <= 0x9f || Character.getType(c) == Character.FORMAT);
    }
}
