package dev.cliauth.cli.commands;

import dev.cliauth.cli.App;
import dev.cliauth.cli.ExitCode;
import dev.cliauth.cli.helpers.ChildProcess;
import dev.cliauth.core.flow.token.GetToken;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * {@code cliauth run}: runs a command with the access token in an environment variable, never on its command line
 * (where {@code ps} and shell history would show it), and exits with the command's status.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {
                "Run a command with the profile's access token in an environment variable (CLIAUTH_TOKEN unless --env says otherwise).",
                "",
                "The token is fresh when the command starts (refreshed when due); cliauth never signs in here. The command gets this "
                        + "terminal's stdin, stdout and stderr, and cliauth exits with its exit status. The codes below are cliauth's own, "
                        + "for when the command could not be started. Options after the command are the command's."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  cliauth run --profile work -- sh -c \\",
                "      'curl -H \"Authorization: Bearer $CLIAUTH_TOKEN\" https://api.example.com/'",
                "  cliauth run --env TF_HTTP_PASSWORD -- terraform plan",
                ExitCode.HELP})
public final class RunCommand implements Callable<Integer> {
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final App app;

    @Spec
    CommandSpec spec;

    @Mixin
    ProfileOption profile;

    @Mixin
    VerboseOption verbosity;

    @Mixin
    NetworkOptions network;

    @Mixin
    TokenOptions token;

    @Option(names = "--env", paramLabel = "VAR", defaultValue = "CLIAUTH_TOKEN", description = "The environment variable for the token (default: ${DEFAULT-VALUE}).")
    String variable;

    @Parameters(arity = "1..*", paramLabel = "CMD", description = "The command and its arguments.")
    List<String> command;

    public RunCommand(App app) {
        this.app = app;
    }

    /** The command, parsed so that everything from CMD on is CMD's ({@code cliauth run kubectl get pods -o yaml}). */
    public static CommandLine commandLine(App app) {
        return new CommandLine(new RunCommand(app)).setStopAtPositional(true);
    }

    @Override
    public Integer call() {
        app.verbose(verbosity.verbose);
        app.caFile(network.caFile);
        if (!VARIABLE.matcher(variable).matches()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--env needs a variable name (letters, digits and '_'), not '" + variable + "'.");
        }
        String value = app.issue(GetToken.Request.of(app.savedProfile(profile.name(app)), "run").wanting(token.want())).value();
        Map<String, String> environment = new HashMap<>(app.env());
        environment.put(variable, value);
        app.out().flush();
        app.err().flush();
        return ChildProcess.run(command, environment);
    }
}
