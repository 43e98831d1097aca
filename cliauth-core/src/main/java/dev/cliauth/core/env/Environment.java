package dev.cliauth.core.env;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable snapshot of the signals that decide which login flow fits where cliauth runs.
 *
 * @param ciRunner    the CI system detected ({@code GitHub Actions}, {@code CI}…), when this is a CI runner
 * @param sshSession  an SSH session ({@code SSH_CONNECTION}, {@code SSH_TTY}, {@code SSH_CLIENT})
 * @param container   inside a container ({@code /.dockerenv}, {@code /run/.containerenv}, cgroup markers)
 * @param cloudIde    the cloud IDE detected ({@code Codespaces}, {@code Gitpod}…), when one is
 * @param wsl         Windows Subsystem for Linux
 * @param desktop     a graphical session is available (a display, or macOS / Windows)
 * @param terminal    a terminal is attached for the person to read and type
 * @param browserCommand {@code BROWSER} is set: a browser command the person chose, which counts as usable
 * @param signals     the evidence, for {@code explain}: names of variables and files seen, never their values
 */
public record Environment(Optional<String> ciRunner, boolean sshSession, boolean container, Optional<String> cloudIde,
                          boolean wsl, boolean desktop, boolean terminal, boolean browserCommand, List<String> signals) {

    public Environment {
        Objects.requireNonNull(ciRunner);
        Objects.requireNonNull(cloudIde);
        signals = List.copyOf(signals);
    }

    public boolean isCi() {
        return ciRunner.isPresent();
    }

    /** Whether a browser can be opened here: one was configured, or a desktop session exists. */
    public boolean browserUsable() {
        return browserCommand || (desktop && !sshSession) || wsl;
    }
}
