package dev.cliauth.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The credential helpers' {@code --help}: usage, examples and the exit codes, on stdout. */
class CredentialHelperHelpTest {
    @TempDir
    Path home;

    @ParameterizedTest
    @ValueSource(strings = {"kube-credential", "git-credential", "run"})
    void eachHasHelpWithExamplesAndExitCodes(String command) {
        InProcessCli.Outcome o = new InProcessCli(home).run(command, "--help");
        assertThat(o.code()).isZero();
        assertThat(o.out()).contains("Usage: cliauth " + command).contains("Examples:").contains("Exit codes");
    }
}
