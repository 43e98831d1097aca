package dev.cliauth.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code cliauth run} in-process, with real child processes (which write to files: their stdout is this JVM's). */
class RunCommandTest {
    static final String TOKEN = "eyJ.run-test-token.sig";

    @TempDir
    Path home;

    InProcessCli cli;

    @BeforeEach
    void setUp() {
        cli = new InProcessCli(home);
        cli.signedIn("work", TOKEN, Optional.of(Instant.now().plusSeconds(3600)));
    }

    @Test
    void theCommandGetsTheTokenInItsEnvironmentAndNotInItsArguments() throws Exception {
        Path argv = home.resolve("argv");
        Path token = home.resolve("token");
        InProcessCli.Outcome o = cli.run("run", "--profile", "work", "--", "sh", "-c",
                "tr '\\0' ' ' < /proc/$$/cmdline > '" + argv + "'; printf %s \"$CLIAUTH_TOKEN\" > '" + token + "'");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(Files.readString(token)).isEqualTo(TOKEN);
        assertThat(Files.readString(argv)).startsWith("sh -c ").doesNotContain(TOKEN);
        assertThat(o.out() + o.err()).doesNotContain(TOKEN);
    }

    @Test
    void envNamesTheVariableAndTheRestOfTheEnvironmentIsPassedOn() throws Exception {
        Path file = home.resolve("seen");
        InProcessCli.Outcome o = cli.run(Map.of("KEEP_ME", "kept"), "run", "-p", "work", "--env", "MY_TOKEN", "--", "sh", "-c",
                "printf '%s|%s|%s' \"$MY_TOKEN\" \"${CLIAUTH_TOKEN-unset}\" \"$KEEP_ME\" > '" + file + "'");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(Files.readString(file)).isEqualTo(TOKEN + "|unset|kept");
    }

    @Test
    void theExitCodeIsTheCommands() {
        assertThat(cli.run("run", "-p", "work", "--", "sh", "-c", "exit 7").code()).isEqualTo(7);
        assertThat(cli.run("run", "-p", "work", "--", "sh", "-c", "exit 0").code()).isZero();
        // ended by a signal: 128 + N, as shells say
        assertThat(cli.run("run", "-p", "work", "--", "sh", "-c", "kill -TERM $$").code()).isEqualTo(128 + 15);
    }

    @Test
    void optionsAfterTheCommandAreTheCommandsEvenWithoutDoubleDash() throws Exception {
        Path file = home.resolve("args");
        InProcessCli.Outcome o = cli.run("run", "-p", "work", "sh", "-c", "printf '%s ' \"$@\" > '" + file + "'", "sh", "--profile", "-v", "--help");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(Files.readString(file)).isEqualTo("--profile -v --help ");
    }

    @Test
    void aMissingCommandIsAClearError() {
        InProcessCli.Outcome o = cli.run("run", "-p", "work", "--", "cliauth-no-such-command", "x");
        assertThat(o.code()).isEqualTo(8);
        assertThat(o.err()).isEqualTo("cliauth: Cannot run 'cliauth-no-such-command': no such command (not found on PATH)." + System.lineSeparator());
        assertThat(cli.run("run", "-p", "work").code()).isEqualTo(2);
    }

    @Test
    void aBadVariableNameIsAUsageError() {
        InProcessCli.Outcome o = cli.run("run", "-p", "work", "--env", "MY-TOKEN", "--", "true");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("--env needs a variable name");
    }

    @Test
    void withoutASessionTheCommandDoesNotRun() {
        Path marker = home.resolve("ran");
        InProcessCli.Outcome o = cli.run("run", "-p", "other", "--", "sh", "-c", "touch '" + marker + "'");
        assertThat(o.code()).isEqualTo(3);
        assertThat(o.err()).contains("cliauth login --profile other");
        assertThat(marker).doesNotExist();
    }
}
