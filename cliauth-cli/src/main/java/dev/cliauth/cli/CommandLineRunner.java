package dev.cliauth.cli;

import dev.cliauth.cli.commands.CliauthCommand;
import dev.cliauth.core.CliauthException;
import picocli.CommandLine;

import java.time.Duration;

/** A command line run in full through picocli: the command tree over {@link App}, failures mapped to exit codes. */
final class CommandLineRunner {
    private CommandLineRunner() {
    }

    static int run(App app, String... args) {
        CommandLine cli = CliauthCommand.commandLine(app);
        cli.setOut(app.out());
        cli.setErr(app.err());
        cli.registerConverter(Duration.class, new DurationConverter());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof CliauthException failure) {
                commandLine.getErr().println("cliauth: " + failure.getMessage());
                return ExitCode.of(failure.failure());
            }
            commandLine.getErr().println("cliauth: unexpected error: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + " (please report it)");
            if (app.env().containsKey("CLIAUTH_DEBUG")) {
                e.printStackTrace(commandLine.getErr());
            }
            return ExitCode.INTERNAL;
        });
        cli.setParameterExceptionHandler((e, args1) -> {
            CommandLine commandLine = e.getCommandLine();
            commandLine.getErr().println("cliauth: " + e.getMessage());
            commandLine.getErr().println("Run '" + commandLine.getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCode.USAGE;
        });
        return cli.execute(args);
    }

}
