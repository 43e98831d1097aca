package dev.cliauth.core.env;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Turns environment variables and a few files into an {@link Environment}. Every source is a constructor seam,
 * so tests describe a machine with a map and a set of files.
 */
public final class EnvironmentProbe {

    /** CI systems and the variable each one sets, checked in order; {@code CI} itself comes last. */
    private static final List<Map.Entry<String, String>> CI_MARKERS = List.of(
            Map.entry("GITHUB_ACTIONS", "GitHub Actions"),
            Map.entry("GITLAB_CI", "GitLab CI"),
            Map.entry("BUILDKITE", "Buildkite"),
            Map.entry("CIRCLECI", "CircleCI"),
            Map.entry("JENKINS_URL", "Jenkins"),
            Map.entry("HUDSON_URL", "Jenkins"),
            Map.entry("TF_BUILD", "Azure Pipelines"),
            Map.entry("TEAMCITY_VERSION", "TeamCity"),
            Map.entry("BITBUCKET_BUILD_NUMBER", "Bitbucket Pipelines"),
            Map.entry("TRAVIS", "Travis CI"),
            Map.entry("DRONE", "Drone"),
            Map.entry("CODEBUILD_BUILD_ID", "AWS CodeBuild"),
            Map.entry("APPVEYOR", "AppVeyor"),
            Map.entry("SEMAPHORE", "Semaphore"),
            Map.entry("BUILD_BUILDID", "Azure Pipelines"),
            Map.entry("CONTINUOUS_INTEGRATION", "CI"),
            Map.entry("CI", "CI"));

    /**
     * Cloud IDEs and cloud shells: a person at a browser tab, the shell on a machine somewhere else, no browser that a
     * listener here could reach. Each is known by the variables it documents or sets for every shell, checked in order.
     */
    private static final List<Marker> CLOUD_IDE_MARKERS = List.of(
            Marker.set("CODESPACES", "GitHub Codespaces"),
            Marker.set("GITPOD_WORKSPACE_ID", "Gitpod"),
            Marker.set("CLOUD_SHELL", "Google Cloud Shell"),
            Marker.set("CLOUDSHELL_ENVIRONMENT", "Google Cloud Shell"),
            // Azure Cloud Shell: the Azure CLI's own test, in_cloud_console() (azure-cli-core, azure/cli/core/util.py), reads
            // ACC_CLOUD; ACC_LOCATION holds the session's region (https://learn.microsoft.com/azure/cloud-shell/limitations)
            Marker.set("ACC_CLOUD", "Azure Cloud Shell"),
            Marker.set("ACC_LOCATION", "Azure Cloud Shell"),
            // AWS CloudShell sets AWS_EXECUTION_ENV=CloudShell; the variable names the execution environment to the AWS CLI
            // and SDKs, and others set it too (Lambda: AWS_Lambda_java17, https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html),
            // so only this value counts
            Marker.value("AWS_EXECUTION_ENV", "CloudShell", "AWS CloudShell"),
            Marker.set("AWS_CLOUD9_USER", "AWS Cloud9"),
            // Coder: its workspace agent sets CODER=true, CODER_WORKSPACE_NAME and CODER_WORKSPACE_AGENT_NAME for every command
            // (coder/coder, agent/agent.go; https://coder.com/docs/workspaces/variables)
            Marker.value("CODER", "true", "Coder"),
            Marker.set("CODER_WORKSPACE_NAME", "Coder"),
            // JetBrains remote development (Gateway): the IDE backend's launcher, remote-dev-server, exports
            // REMOTE_DEV_LAUNCHER_NAME_FOR_USAGE, listed by its --help among its variables (JetBrains/intellij-community,
            // native/XplatLauncher, remote_dev.rs); the AWS Toolkit for JetBrains reads it to know it runs on a remote backend
            Marker.set("REMOTE_DEV_LAUNCHER_NAME_FOR_USAGE", "JetBrains remote development"),
            Marker.set("REMOTE_CONTAINERS", "VS Code remote container"),
            Marker.set("VSCODE_REMOTE_CONTAINERS_SESSION", "VS Code remote container"));

    /** A variable that marks a place: set (and not switched off), or set to one value. */
    private record Marker(String variable, String value, String place) {
        static Marker set(String variable, String place) {
            return new Marker(variable, null, place);
        }

        static Marker value(String variable, String value, String place) {
            return new Marker(variable, value, place);
        }

        /** The signal for {@code explain}: the variable's name, and its value only when the value is the marker's own. */
        String signal() {
            return variable + (value == null ? " is set" : " is " + value);
        }
    }

    private final Map<String, String> env;
    private final Predicate<Path> fileExists;
    private final Function<Path, Optional<String>> readFile;
    private final String osName;
    private final boolean consoleAttached;

    /**
     * @param env             the process environment
     * @param fileExists      whether a file exists (for container markers)
     * @param readFile        a small file's content, empty when unreadable (for /proc markers)
     * @param osName          the {@code os.name} system property
     * @param consoleAttached whether a terminal is attached ({@code System.console() != null})
     */
    public EnvironmentProbe(Map<String, String> env, Predicate<Path> fileExists, Function<Path, Optional<String>> readFile,
                            String osName, boolean consoleAttached) {
        this.env = Map.copyOf(env);
        this.fileExists = fileExists;
        this.readFile = readFile;
        this.osName = osName.toLowerCase(Locale.ROOT);
        this.consoleAttached = consoleAttached;
    }

    public Environment probe() {
        List<String> signals = new ArrayList<>();
        Optional<String> ci = Optional.empty();
        for (Map.Entry<String, String> marker : CI_MARKERS) {
            if (truthy(marker.getKey())) {
                signals.add(marker.getKey() + " is set");
                if (ci.isEmpty()) {
                    ci = Optional.of(marker.getValue());
                }
            }
        }
        boolean ssh = false;
        for (String name : List.of("SSH_CONNECTION", "SSH_TTY", "SSH_CLIENT")) {
            if (set(name)) {
                signals.add(name + " is set");
                ssh = true;
            }
        }
        boolean container = false;
        for (Path marker : List.of(Path.of("/.dockerenv"), Path.of("/run/.containerenv"))) {
            if (fileExists.test(marker)) {
                signals.add(marker + " exists");
                container = true;
            }
        }
        if (set("KUBERNETES_SERVICE_HOST")) {
            signals.add("KUBERNETES_SERVICE_HOST is set");
            container = true;
        }
        String cgroup = readFile.apply(Path.of("/proc/1/cgroup")).orElse("");
        if (cgroup.contains("docker") || cgroup.contains("kubepods") || cgroup.contains("containerd") || cgroup.contains("libpod")) {
            signals.add("/proc/1/cgroup names a container runtime");
            container = true;
        }
        Optional<String> cloudIde = Optional.empty();
        for (Marker marker : CLOUD_IDE_MARKERS) {
            if (marker.value() == null ? truthy(marker.variable()) : marker.value().equals(env.get(marker.variable()))) {
                signals.add(marker.signal());
                if (cloudIde.isEmpty()) {
                    cloudIde = Optional.of(marker.place());
                }
            }
        }
        boolean wsl = set("WSL_DISTRO_NAME") || set("WSL_INTEROP");
        if (wsl) {
            signals.add("WSL_DISTRO_NAME or WSL_INTEROP is set");
        } else if (readFile.apply(Path.of("/proc/version")).orElse("").toLowerCase(Locale.ROOT).contains("microsoft")) {
            signals.add("/proc/version names Microsoft");
            wsl = true;
        }
        boolean desktop;
        if (osName.startsWith("mac") || osName.startsWith("windows")) {
            desktop = true;
            signals.add("os.name is " + osName);
        } else {
            desktop = set("DISPLAY") || set("WAYLAND_DISPLAY");
            if (desktop) {
                signals.add((set("WAYLAND_DISPLAY") ? "WAYLAND_DISPLAY" : "DISPLAY") + " is set");
            }
        }
        boolean browser = set("BROWSER");
        if (browser) {
            signals.add("BROWSER is set");
        }
        if (consoleAttached) {
            signals.add("a terminal is attached");
        }
        return new Environment(ci, ssh, container, cloudIde, wsl, desktop, consoleAttached, browser, signals);
    }

    private boolean set(String name) {
        String value = env.get(name);
        return value != null && !value.isEmpty();
    }

    /** Set, and not an explicit no ({@code CI=false} and {@code CI=0} are how people switch detection off). */
    private boolean truthy(String name) {
        String value = env.get(name);
        if (value == null || value.isEmpty()) {
            return false;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        return !(v.equals("false") || v.equals("0") || v.equals("no"));
    }
}
