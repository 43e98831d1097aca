package dev.cliauth.cli.commands;

import dev.cliauth.cli.App;
import dev.cliauth.cli.ExitCode;
import dev.cliauth.core.config.Profile;
import dev.cliauth.core.flow.logout.Logout;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code cliauth logout}: revoke the refresh token at the provider, then remove the stored session. */
@Command(name = "logout", mixinStandardHelpOptions = true,
        description = {
                "Sign out: revoke the session at the provider (RFC 7009), then remove it here.",
                "",
                "The local session is removed whatever the provider answers. The profile's settings are kept."},
        footerHeading = "%nExamples:%n",
        footer = {"  cliauth logout", "  cliauth logout --profile work", "  cliauth logout --all", ExitCode.HELP})
public final class LogoutCommand implements Callable<Integer> {
    private final App app;

    @ArgGroup(exclusive = true)
    Which which = new Which();

    static final class Which {
        @Option(names = {"-p", "--profile"}, paramLabel = "NAME", description = "Profile to sign out of (default: default).")
        String profile;

        @Option(names = "--all", description = "Sign out of every profile.")
        boolean all;
    }

    @picocli.CommandLine.Mixin
    VerboseOption verbosity;

    @picocli.CommandLine.Mixin
    NetworkOptions network;

    public LogoutCommand(App app) {
        this.app = app;
    }

    @Override
    public Integer call() {
        app.verbose(verbosity.verbose);
        app.caFile(network.caFile);
        List<String> names = which.all ? app.profiles().names() : List.of(Profile.checkName(which.profile == null ? Profile.DEFAULT_NAME : which.profile));
        Logout logout = app.logout();
        int signedOut = 0;
        for (String name : names) {
            Logout.Outcome outcome = logout.logout(name);
            switch (outcome) {
                case REVOKED_AND_REMOVED -> app.err().println("Signed out (profile " + name + "): revoked at the provider and removed here.");
                case REMOVED -> app.err().println("Signed out (profile " + name + "): removed here.");
                case NOT_SIGNED_IN -> {
                    if (!which.all) {
                        app.err().println("Not signed in (profile " + name + "); nothing to remove.");
                    }
                }
            }
            if (outcome != Logout.Outcome.NOT_SIGNED_IN) {
                signedOut++;
            }
        }
        if (which.all) {
            app.err().println(signedOut == 0 ? "No profile was signed in." : "Signed out of " + signedOut + " profile" + (signedOut == 1 ? "" : "s") + ".");
        }
        return ExitCode.OK;
    }
}
