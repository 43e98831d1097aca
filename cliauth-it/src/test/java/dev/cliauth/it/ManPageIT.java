package dev.cliauth.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** bin/make-man builds the man page from the commands' own --help (help2man), every command included. */
class ManPageIT {
    @TempDir
    Path dir;

    @Test
    void theManPageCoversEveryCommand() throws Exception {
        Path page = dir.resolve("cliauth.1");
        Process make = new ProcessBuilder(Cli.ROOT.resolve("bin/make-man").toString(), page.toString()).redirectErrorStream(true).start();
        String output = new String(make.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(make.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(make.exitValue()).as(output).isZero();
        String troff = Files.readString(page);
        assertThat(troff).startsWith(".\\\"").contains(".TH CLIAUTH \"1\"").contains("Exit codes");
        for (String command : new String[] {"login", "token", "status", "logout", "explain", "kube-credential", "git-credential", "run", "dev-idp"}) {
            assertThat(troff).contains(".SH \"COMMAND: " + command.toUpperCase(java.util.Locale.ROOT) + "\"");
        }
    }
}
