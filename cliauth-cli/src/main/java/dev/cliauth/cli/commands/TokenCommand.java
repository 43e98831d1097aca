package dev.cliauth.cli.commands;

import dev.cliauth.cli.App;
import dev.cliauth.cli.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code cliauth token}: the access token on stdout, and nothing else. */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = {
                "Print the profile's access token and a newline on stdout, nothing else.",
                "",
                "Refreshes it first when it has expired, or is in the last tenth of its lifetime, and a refresh token exists."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  cliauth token",
                "  curl -H \"Authorization: Bearer $(cliauth token --profile work)\" https://api.example.com/",
                ExitCode.HELP})
public final class TokenCommand implements Callable<Integer> {
    private final App app;

    @Mixin
    ProfileOption profile;

    @picocli.CommandLine.Mixin
    VerboseOption verbosity;

    @picocli.CommandLine.Mixin
    NetworkOptions network;

    public TokenCommand(App app) {
        this.app = app;
    }

    @Override
    public Integer call() {
        app.verbose(verbosity.verbose);
        app.caFile(network.caFile);
        return app.printToken(profile.name());
    }
}
