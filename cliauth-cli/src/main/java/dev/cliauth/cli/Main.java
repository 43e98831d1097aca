package dev.cliauth.cli;

import dev.cliauth.cli.commands.CliauthCommand;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.net.EnvironmentProxySelector;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/** Entry point. {@link #run} is what tests call: environment, streams and clock are parameters. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // HttpURLConnection silently re-sends a POST whose kept-alive connection was reset: a second redemption of
        // a code or a rotating refresh token would then fail with invalid_grant. One request, one answer.
        if (System.getProperty("sun.net.http.retryPost") == null) {
            System.setProperty("sun.net.http.retryPost", "false");
        }
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        // HTTPS_PROXY / HTTP_PROXY / NO_PROXY, as command-line tools read them; the JDK alone only reads its own properties.
        try {
            EnvironmentProxySelector proxies = new EnvironmentProxySelector(System.getenv());
            if (proxies.configured()) {
                java.net.ProxySelector.setDefault(proxies);
            }
        } catch (CliauthException e) {
            err.println("cliauth: " + e.getMessage());
            err.flush();
            System.exit(ExitCode.of(e.failure()));
        }
        int code = run(new App(System.getenv(), out, err, Clock.systemUTC(), System.console() != null), args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    public static int run(App app, String... args) {
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
