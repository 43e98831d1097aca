package dev.cliauth.cli;

import dev.cliauth.cli.commands.CliauthCommand;
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
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> app.failed(e));
        // the options every command shares are read once, here, into the wiring the commands use
        cli.setExecutionStrategy(parseResult -> {
            CliauthCommand root = cli.getCommand();
            app.verbose(root.verbose());
            app.caFile(root.caFile());
            return new CommandLine.RunLast().execute(parseResult);
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
