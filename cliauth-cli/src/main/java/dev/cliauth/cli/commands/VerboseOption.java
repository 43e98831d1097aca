package dev.cliauth.cli.commands;

import picocli.CommandLine.Option;

/** {@code -v/--verbose}: what cliauth does, on stderr (requests without their bodies, decisions); never a secret. */
public final class VerboseOption {
    @Option(names = {"-v", "--verbose"}, description = "Say what cliauth does, on stderr: requests (without their contents) and decisions. Never shows a secret.")
    boolean verbose;
}
