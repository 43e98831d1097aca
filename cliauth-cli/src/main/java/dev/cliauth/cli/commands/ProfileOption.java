package dev.cliauth.cli.commands;

import dev.cliauth.cli.App;
import dev.cliauth.core.config.Profile;
import picocli.CommandLine.Option;

/** The {@code --profile} option every command shares; without it, the default profile ({@code cliauth use}, {@code CLIAUTH_PROFILE}). */
public final class ProfileOption {
    @Option(names = {"-p", "--profile"}, paramLabel = "NAME", completionCandidates = ProfileNames.class,
            description = "Profile to use (default: $CLIAUTH_PROFILE, else the one 'cliauth use' chose, else default).")
    String name;

    /** The profile named, else the default one. */
    public String name(App app) {
        return name != null ? Profile.checkName(name) : app.defaultProfile();
    }
}
