package dev.cliauth.cli.commands;

import dev.cliauth.core.config.Profile;
import picocli.CommandLine.Option;

/** The {@code --profile} option every command shares. */
public final class ProfileOption {
    @Option(names = {"-p", "--profile"}, paramLabel = "NAME", defaultValue = Profile.DEFAULT_NAME,
            description = "Profile to use (default: ${DEFAULT-VALUE}).")
    String name;

    public String name() {
        return Profile.checkName(name);
    }
}
