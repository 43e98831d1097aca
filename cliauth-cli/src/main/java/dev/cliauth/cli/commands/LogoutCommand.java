package dev.cliauth.cli.commands;

import dev.cliauth.cli.App;
import dev.cliauth.cli.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code cliauth logout}: remove the stored session. */
@Command(name = "logout", mixinStandardHelpOptions = true,
        description = "Remove the profile's stored session. The profile's settings are kept.",
        footerHeading = "%nExamples:%n",
        footer = {"  cliauth logout", "  cliauth logout --profile work", ExitCode.HELP})
public final class LogoutCommand implements Callable<Integer> {
    private final App app;

    @Mixin
    ProfileOption profile;

    public LogoutCommand(App app) {
        this.app = app;
    }

    @Override
    public Integer call() {
        String name = profile.name();
        boolean removed = app.tokenStore().delete(name);
        app.err().println(removed ? "Signed out (profile " + name + "): the stored session was removed." : "Not signed in (profile " + name + "); nothing to remove.");
        return ExitCode.OK;
    }
}
