package dev.cliauth.core.env;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class EnvironmentProbeTest {

    private static Environment probe(Map<String, String> env, Set<String> files, Map<String, String> contents, String os, boolean tty) {
        return new EnvironmentProbe(env, p -> files.contains(p.toString()), p -> Optional.ofNullable(contents.get(p.toString())), os, tty).probe();
    }

    private static Environment probe(Map<String, String> env) {
        return probe(env, Set.of(), Map.of(), "Linux", true);
    }

    @ParameterizedTest
    @CsvSource({
            "GITHUB_ACTIONS, true, GitHub Actions",
            "GITLAB_CI, true, GitLab CI",
            "BUILDKITE, true, Buildkite",
            "CIRCLECI, true, CircleCI",
            "JENKINS_URL, http://jenkins, Jenkins",
            "TF_BUILD, True, Azure Pipelines",
            "TEAMCITY_VERSION, 2024.1, TeamCity",
            "BITBUCKET_BUILD_NUMBER, 7, Bitbucket Pipelines",
            "CI, true, CI",
            "CI, 1, CI"})
    void detectsCiRunners(String variable, String value, String runner) {
        Environment environment = probe(Map.of(variable, value));
        assertThat(environment.ciRunner()).contains(runner);
        assertThat(environment.signals()).contains(variable + " is set");
        assertThat(String.join(" ", environment.signals())).doesNotContain("http://jenkins");
    }

    @ParameterizedTest
    @CsvSource({"CI, false", "CI, 0", "CI, ''"})
    void ciSwitchedOffIsNotCi(String variable, String value) {
        Map<String, String> env = new HashMap<>();
        env.put(variable, value);
        assertThat(probe(env).isCi()).isFalse();
    }

    @Test
    void sshContainerCloudIdeAndWsl() {
        Environment ssh = probe(Map.of("SSH_CONNECTION", "1.2.3.4 5 6.7.8.9 22", "DISPLAY", ":10"));
        assertThat(ssh.sshSession()).isTrue();
        assertThat(ssh.browserUsable()).as("a forwarded display over SSH is not the person's browser").isFalse();

        Environment container = probe(Map.of(), Set.of("/.dockerenv"), Map.of(), "Linux", true);
        assertThat(container.container()).isTrue();
        Environment podman = probe(Map.of(), Set.of(), Map.of("/proc/1/cgroup", "0::/kubepods/besteffort/pod1"), "Linux", true);
        assertThat(podman.container()).isTrue();

        assertThat(probe(Map.of("CODESPACES", "true")).cloudIde()).contains("GitHub Codespaces");
        assertThat(probe(Map.of("GITPOD_WORKSPACE_ID", "abc")).cloudIde()).contains("Gitpod");
        assertThat(probe(Map.of(), Set.of(), Map.of("/proc/version", "Linux 5.15 microsoft-standard-WSL2"), "Linux", true).wsl()).isTrue();
    }

    @ParameterizedTest(name = "{0}={1}: {2}")
    @CsvSource({
            "ACC_CLOUD,                          PROD,                 Azure Cloud Shell,            ACC_CLOUD is set",
            "ACC_LOCATION,                       westeurope,           Azure Cloud Shell,            ACC_LOCATION is set",
            "AWS_EXECUTION_ENV,                  CloudShell,           AWS CloudShell,               AWS_EXECUTION_ENV is CloudShell",
            "CODER,                              true,                 Coder,                        CODER is true",
            "CODER_WORKSPACE_NAME,               dev,                  Coder,                        CODER_WORKSPACE_NAME is set",
            "REMOTE_DEV_LAUNCHER_NAME_FOR_USAGE, remote-dev-server.sh, JetBrains remote development, REMOTE_DEV_LAUNCHER_NAME_FOR_USAGE is set",
    })
    void detectsCloudShellsAndRemoteIdes(String variable, String value, String place, String signal) {
        Environment environment = probe(Map.of(variable, value));
        assertThat(environment.cloudIde()).contains(place);
        assertThat(environment.signals()).contains(signal);
        assertThat(environment.browserUsable()).isFalse();
    }

    @ParameterizedTest(name = "{0}={1} is no cloud shell")
    @CsvSource({"AWS_EXECUTION_ENV, AWS_Lambda_java17", "AWS_EXECUTION_ENV, AWS_ECS_FARGATE", "CODER, false", "CODER, 1", "ACC_CLOUD, false"})
    void lookAlikesAreNotCloudShells(String variable, String value) {
        Environment environment = probe(Map.of(variable, value));
        assertThat(environment.cloudIde()).isEmpty();
        assertThat(String.join(" ", environment.signals())).doesNotContain(value);
    }

    @Test
    void desktopAndBrowser() {
        assertThat(probe(Map.of("DISPLAY", ":0")).browserUsable()).isTrue();
        assertThat(probe(Map.of()).browserUsable()).isFalse();
        assertThat(probe(Map.of("BROWSER", "/usr/bin/firefox")).browserUsable()).isTrue();
        assertThat(probe(Map.of(), Set.of(), Map.of(), "Mac OS X", true).desktop()).isTrue();
        assertThat(probe(Map.of(), Set.of(), Map.of(), "Linux", false).terminal()).isFalse();
    }
}
