package dev.cliauth.cli;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code cliauth --version} and {@code cliauth version [--json]}: this build's version, commit and date, and the Java in use. */
class VersionCommandTest {
    @TempDir
    Path home;

    @Test
    void versionNamesTheBuildAndTheJavaRuntime() {
        InProcessCli.Outcome outcome = new InProcessCli(home).run("--version");
        assertThat(outcome.code()).isZero();
        String[] lines = outcome.out().split("\n");
        // help2man reads the first line
        assertThat(lines[0]).isEqualTo("cliauth " + BuildInfo.current().version());
        assertThat(lines[0]).matches("cliauth \\d+\\.\\d+\\.\\d+.*");
        assertThat(outcome.out()).contains("commit:  ").contains("built:   ")
                .contains("java:    " + System.getProperty("java.runtime.version")).contains(System.getProperty("java.home"));
        assertThat(new InProcessCli(home).run("version").out()).isEqualTo(outcome.out());
    }

    @Test
    void theBuildFilledInTheCommitItWasBuiltFromAndWhen() {
        BuildInfo build = BuildInfo.current();
        // this test runs from a git checkout: the build filled the commit in (a source tarball would say "unknown")
        assertThat(build.commit()).matches("[0-9a-f]{40}");
        assertThat(build.built()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    }

    @Test
    void jsonHasEveryField() throws Exception {
        InProcessCli.Outcome outcome = new InProcessCli(home).run("version", "--json");
        assertThat(outcome.code()).isZero();
        Map<String, Object> json = JSONObjectUtils.parse(outcome.out());
        assertThat(json).containsEntry("version", BuildInfo.current().version()).containsKeys("commit", "dirty", "built");
        assertThat(JSONObjectUtils.getJSONObject(json, "java")).containsEntry("home", System.getProperty("java.home"))
                .containsEntry("version", System.getProperty("java.runtime.version"));
    }

    @Test
    void aBuildWithoutGitSaysUnknown() {
        Properties unfilled = new Properties();
        unfilled.setProperty("version", "1.2.3");
        unfilled.setProperty("commit", "${git.commit.id}");
        unfilled.setProperty("dirty", "${git.dirty}");
        BuildInfo build = BuildInfo.of(unfilled, new BuildInfo.Runtime("17.0.15", "Debian", "/usr/lib/jvm/java-17"));
        assertThat(build.lines()).containsExactly("cliauth 1.2.3", "commit:  unknown", "built:   unknown",
                "java:    17.0.15 (Debian), /usr/lib/jvm/java-17");
    }
}
