package dev.cliauth.cli.commands;

import dev.cliauth.cli.ExitCode;
import dev.cliauth.cli.InProcessCli;
import dev.cliauth.core.CliauthException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cliauth git-credential} with git's request fed through the command's stdin seam; failures map to exit codes
 * as in {@code Main}.
 */
class GitCredentialCommandTest {
    static final Instant EXPIRY = Instant.parse("2099-01-02T03:04:05Z");

    @TempDir
    Path home;

    InProcessCli cli;

    record Outcome(int code, String out, String err) {
    }

    @BeforeEach
    void setUp() {
        cli = new InProcessCli(home);
    }

    private Outcome git(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var app = cli.app(Map.of(), out, err);
        CommandLine command = new CommandLine(new GitCredentialCommand(app, () -> new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))));
        command.setOut(app.out()).setErr(app.err());
        command.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("cliauth: " + e.getMessage());
            return e instanceof CliauthException failure ? ExitCode.of(failure.failure()) : ExitCode.INTERNAL;
        });
        int code = command.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void getAnswersWithTheTokenAsPasswordAndItsExpiry() {
        cli.signedIn("work", "the-access-token", Optional.of(EXPIRY));
        Outcome o = git("protocol=https\nhost=git.example.com\npath=acme/repo.git\n\n", "--profile", "work", "get");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.err()).isEmpty();
        assertThat(o.out()).isEqualTo("username=oauth2\npassword=the-access-token\npassword_expiry_utc=" + EXPIRY.getEpochSecond() + "\n");
    }

    @Test
    void getKeepsTheUsernameGitAskedAboutAndWorksWithoutABlankLine() {
        cli.signedIn("work", "tok", Optional.empty());
        Outcome o = git("protocol=https\nhost=git.example.com\nusername=alice", "-p", "work", "get");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).isEqualTo("username=alice\npassword=tok\n");
    }

    @Test
    void storeEraseAndUnknownOperationsAreAcceptedAndChangeNothing() {
        for (String operation : new String[]{"store", "erase", "some-future-operation"}) {
            Outcome o = git("protocol=https\nhost=git.example.com\nusername=oauth2\npassword=x\n\n", "-p", "work", operation);
            assertThat(o.code()).as(operation).isZero();
            assertThat(o.out() + o.err()).isEmpty();
        }
        cli.signedIn("work", "tok", Optional.empty());
        git("protocol=https\nhost=git.example.com\nusername=oauth2\npassword=tok\n\n", "-p", "work", "erase");
        assertThat(git("protocol=https\nhost=git.example.com\n\n", "-p", "work", "get").out()).contains("password=tok");
    }

    @Test
    void withoutASessionGetFailsOnOneLineAndAnswersNothing() {
        Outcome o = git("protocol=https\nhost=git.example.com\n\n", "--profile", "work", "get");
        assertThat(o.code()).isEqualTo(3);
        assertThat(o.out()).isEmpty();
        assertThat(o.err()).hasLineCount(1).contains("run 'cliauth login --profile work'");
    }

    @Test
    void noTokenGoesToAPlainHttpRemoteOtherThanLoopback() {
        cli.signedIn("work", "tok", Optional.empty());
        Outcome remote = git("protocol=http\nhost=git.example.com\n\n", "-p", "work", "get");
        assertThat(remote.code()).isEqualTo(7);
        assertThat(remote.out()).isEmpty();
        assertThat(remote.err()).contains("unencrypted").doesNotContain("tok\n");
        Outcome loopback = git("protocol=http\nhost=127.0.0.1:8080\n\n", "-p", "work", "get");
        assertThat(loopback.code()).isZero();
        assertThat(loopback.out()).contains("password=tok");
    }

    @Test
    void aRequestThatIsNotKeyValueIsAClearError() {
        cli.signedIn("work", "tok", Optional.empty());
        Outcome o = git("protocol=https\nnonsense\n\n", "-p", "work", "get");
        assertThat(o.code()).isEqualTo(8);
        assertThat(o.out()).isEmpty();
        assertThat(o.err()).contains("not key=value");
    }

    @Test
    void aDpopBoundTokenIsNotHandedToGit() {
        cli.signedIn("work", "bound-token", "DPoP", Optional.empty());
        Outcome o = git("protocol=https\nhost=git.example.com\n\n", "-p", "work", "get");
        assertThat(o.code()).isEqualTo(8);
        assertThat(o.out()).isEmpty();
        assertThat(o.err()).contains("DPoP-bound").doesNotContain("bound-token");
    }
}
