package dev.cliauth.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.cliauth.it.LoginThroughTheBrowserIT.LOGIN_WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code cliauth run} as a process after a real sign-in: the token in the command's environment, its exit code ours. */
class RunIT {
    @TempDir
    static Path home;

    static Cli cli;

    @BeforeAll
    static void signIn() throws Exception {
        cli = new Cli(home);
        BrowserSignIn.signIn(cli, DevIdpServer.openIssuer(), "runp");
    }

    @Test
    void theCommandSeesTheTokenInCliauthTokenAndItsExitCodeAndOutputPassThrough() throws Exception {
        Path file = home.resolve("token-seen");
        Cli.Result result = cli.run(LOGIN_WAIT, "run", "--profile", "runp", "--", "sh", "-c",
                "printf %s \"$CLIAUTH_TOKEN\" > '" + file + "'; echo from-the-command; echo on-stderr >&2; exit 7");
        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(7);
        assertThat(result.stdout()).isEqualTo("from-the-command\n");
        assertThat(result.stderr()).isEqualTo("on-stderr");
        assertThat(Files.readString(file)).isEqualTo(BrowserSignIn.storedAccessToken(cli, "runp"));
    }

    @Test
    void envNamesAnotherVariable() throws Exception {
        Path file = home.resolve("my-token-seen");
        Cli.Result result = cli.run(LOGIN_WAIT, "run", "--profile", "runp", "--env", "MY_TOKEN", "--", "sh", "-c",
                "printf %s \"$MY_TOKEN\" > '" + file + "'");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(Files.readString(file)).isEqualTo(BrowserSignIn.storedAccessToken(cli, "runp"));
    }

    @Test
    void withoutASessionNothingRunsAndItSaysWhichLoginToRun() throws Exception {
        Path marker = home.resolve("ran");
        Cli.Result result = cli.run(LOGIN_WAIT, "run", "--profile", "nobody", "--", "touch", marker.toString());
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stderr()).contains("cliauth login --profile nobody");
        assertThat(marker).doesNotExist();
    }
}
