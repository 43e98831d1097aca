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
        command.setExecutionExceptionHandler((e, commandLine, parseResult) -> app.failed(e));
        int code = command.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void getAnswersWithTheTokenAsPasswordAndItsExpiryForAHostNamedOnTheCommandLine() {
        cli.signedIn("work", "the-access-token", Optional.of(EXPIRY));
        Outcome o = git("protocol=https\nhost=git.example.com\npath=acme/repo.git\n\n", "--profile", "work", "--host", "git.example.com", "get");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.err()).isEmpty();
        assertThat(o.out()).isEqualTo("username=oauth2\npassword=the-access-token\npassword_expiry_utc=" + EXPIRY.getEpochSecond() + "\n");
    }

    @Test
    void getKeepsTheUsernameGitAskedAboutAndWorksWithoutABlankLine() {
        cli.signedIn("work", "tok", Optional.empty());
        Outcome o = git("protocol=https\nhost=git.example.com\nusername=alice", "-p", "work", "--host", "GIT.example.com", "get");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).isEqualTo("username=alice\npassword=tok\n");
    }

    @Test
    void aHostNotNamedForTheProfileGetsNothingHoweverCloseItsName() {
        cli.signedIn("work", "tok", Optional.empty());
        for (String host : new String[]{"evil.example.net", "git.example.com.evil.test", "git.example.com:444", "sub.git.example.com", ""}) {
            Outcome o = git("protocol=https\nhost=" + host + "\n\n", "-p", "work", "--host", "git.example.com", "get");
            assertThat(o.code()).as(host).isEqualTo(7);
            assertThat(o.out()).as(host).isEmpty();
            assertThat(o.err()).as(host).hasLineCount(1).contains("Not giving the token of profile work").doesNotContain("tok\n");
        }
        Outcome unnamed = git("protocol=https\nhost=git.example.com\n\n", "-p", "work", "get");
        assertThat(unnamed.code()).isEqualTo(7);
        assertThat(unnamed.out()).isEmpty();
        assertThat(unnamed.err()).contains("no git host is named for it").contains("--git-host");
    }

    @Test
    void theProfilesGitHostsComeFromConfigure() {
        cli.signedIn("work", "tok", Optional.empty());
        InProcessCli.Outcome configured = cli.run("configure", "--profile", "work", "--git-host", "git.example.com", "--git-host", "code.example.org:8443");
        assertThat(configured.code()).as(configured.err()).isZero();
        assertThat(git("protocol=https\nhost=code.example.org:8443\n\n", "-p", "work", "get").out()).contains("password=tok");
        assertThat(git("protocol=https\nhost=code.example.org\n\n", "-p", "work", "get").code()).isEqualTo(7);
        assertThat(cli.run("configure", "--profile", "work", "--git-host", "not a host").code()).isEqualTo(8);
    }

    @Test
    void storeAndUnknownOperationsAreAcceptedAndChangeNothing() {
        for (String operation : new String[]{"store", "some-future-operation"}) {
            Outcome o = git("protocol=https\nhost=git.example.com\nusername=oauth2\npassword=x\n\n", "-p", "work", operation);
            assertThat(o.code()).as(operation).isZero();
            assertThat(o.out() + o.err()).isEmpty();
        }
    }

    @Test
    void eraseOfTheCurrentTokenMeansTheNextGetDoesNotRepeatIt() {
        cli.signedIn("work", "tok", Optional.empty()); // no refresh token: the next get has to ask for a login
        Outcome other = git("protocol=https\nhost=git.example.com\nusername=oauth2\npassword=some-older-token\n\n", "-p", "work", "--host", "git.example.com", "erase");
        assertThat(other.code()).isZero();
        assertThat(git("protocol=https\nhost=git.example.com\n\n", "-p", "work", "--host", "git.example.com", "get").out()).contains("password=tok");

        Outcome erased = git("protocol=https\nhost=git.example.com\nusername=oauth2\npassword=tok\n\n", "-p", "work", "--host", "git.example.com", "erase");
        assertThat(erased.code()).isZero();
        assertThat(erased.out()).isEmpty();

        Outcome after = git("protocol=https\nhost=git.example.com\n\n", "-p", "work", "--host", "git.example.com", "get");
        assertThat(after.code()).isEqualTo(3);
        assertThat(after.out()).isEmpty();
        assertThat(after.err()).contains("has expired").contains("cliauth login --profile work");
    }

    @Test
    void withoutASessionGetFailsOnOneLineAndAnswersNothing() {
        Outcome o = git("protocol=https\nhost=git.example.com\n\n", "--profile", "work", "--host", "git.example.com", "get");
        assertThat(o.code()).isEqualTo(3);
        assertThat(o.out()).isEmpty();
        assertThat(o.err()).hasLineCount(1).contains("run 'cliauth login --profile work'");
    }

    @Test
    void noTokenGoesOverPlainHttpOtherThanToLoopbackNorOverAnyOtherProtocol() {
        cli.signedIn("work", "tok", Optional.empty());
        for (String protocol : new String[]{"http", "ftp", ""}) {
            Outcome remote = git((protocol.isEmpty() ? "" : "protocol=" + protocol + "\n") + "host=git.example.com\n\n", "-p", "work", "--host", "git.example.com", "get");
            assertThat(remote.code()).as(protocol).isEqualTo(7);
            assertThat(remote.out()).isEmpty();
            assertThat(remote.err()).contains("only https carries it").doesNotContain("tok\n");
        }
        Outcome loopback = git("protocol=http\nhost=127.0.0.1:8080\n\n", "-p", "work", "--host", "127.0.0.1:8080", "get");
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
        Outcome o = git("protocol=https\nhost=git.example.com\n\n", "-p", "work", "--host", "git.example.com", "get");
        assertThat(o.code()).isEqualTo(8);
        assertThat(o.out()).isEmpty();
        assertThat(o.err()).contains("bound to a key").doesNotContain("bound-token");
    }
}
