package dev.cliauth.cli.commands;

import dev.cliauth.cli.App;
import dev.cliauth.cli.ExitCode;
import dev.cliauth.cli.devidp.DevIdp;
import dev.cliauth.cli.devidp.DevIdpException;
import dev.cliauth.cli.devidp.DevIdpStatus;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code cliauth dev-idp start|stop|status}: a local Keycloak with the realms cliauth ships. */
@Command(name = "dev-idp", mixinStandardHelpOptions = true,
        description = {
                "Run a local Keycloak on 127.0.0.1 with the realms cliauth ships, to try cliauth and to test against.",
                "",
                "Keycloak " + DevIdp.KEYCLOAK_VERSION + " is fetched from Maven Central on first use and kept under $XDG_CACHE_HOME/cliauth/dev-idp (default ~/.cache/cliauth/dev-idp). Port: " + DevIdp.DEFAULT_PORT
                        + ", or $" + DevIdp.PORT_ENV + ".",
                "",
                "Realms: 'open' (client 'cliauth', device flow on; confidential client 'cliauth-ci' for workloads) and 'strict' (client 'cliauth-strict', device flow blocked). Users: demo/demo, bob/bob. Each fresh start re-imports the realms, so the IdP starts from a known state."},
        footerHeading = "%nExamples:%n",
        footer = {"  cliauth dev-idp start", "  cliauth dev-idp status", "  cliauth dev-idp stop", ExitCode.HELP})
public final class DevIdpCommand implements Runnable {
    @Spec
    CommandSpec spec;

    public static CommandLine commandLine(App app) {
        return new CommandLine(new DevIdpCommand())
                .addSubcommand(new Start(app))
                .addSubcommand(new Stop(app))
                .addSubcommand(new Status(app));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: start, stop or status.");
    }

    static DevIdp devIdp(App app) {
        String port = app.env().get(DevIdp.PORT_ENV);
        int number;
        try {
            number = port == null || port.isBlank() ? DevIdp.DEFAULT_PORT : Integer.parseInt(port.trim());
        } catch (NumberFormatException e) {
            throw new CliauthException(Failure.CONFIGURATION, DevIdp.PORT_ENV + "='" + port + "' is not a port number.");
        }
        if (number < 1 || number > 65535) {
            throw new CliauthException(Failure.CONFIGURATION, DevIdp.PORT_ENV + "=" + number + " is out of range (1-65535).");
        }
        return new DevIdp(app.locations().cacheDir().resolve("dev-idp"), number, app.env(), line -> {
            app.err().println(line);
            app.err().flush();
        }, app.clock());
    }

    /** Starts the dev IdP (idempotent) and returns it running; failures become one-line CLI errors. */
    static DevIdpStatus.Running start(App app, Duration timeout) {
        try {
            return devIdp(app).start(timeout);
        } catch (DevIdpException e) {
            throw new CliauthException(Failure.PROVIDER_UNAVAILABLE, e.getMessage(), e);
        }
    }

    static void describe(App app, DevIdpStatus.Running running) {
        var err = app.err();
        err.println("Dev IdP running (Keycloak " + DevIdp.KEYCLOAK_VERSION + ", pid " + running.pid() + "):");
        err.println("  issuer " + running.openIssuer() + "   client " + DevIdp.CLIENT_ID);
        err.println("  issuer " + running.strictIssuer() + "  client " + DevIdp.STRICT_CLIENT_ID + " (device flow blocked)");
        err.println("  users  " + DevIdp.DEMO_USERNAME + "/" + DevIdp.DEMO_PASSWORD + ", " + DevIdp.DENYING_USERNAME + "/" + DevIdp.DENYING_PASSWORD
                + "; admin console http://127.0.0.1:" + running.port() + "/admin (" + DevIdp.ADMIN_USERNAME + "/" + DevIdp.ADMIN_PASSWORD + ")");
        err.flush();
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Start the dev IdP unless it runs already, and wait until it answers. First start: 1-2 minutes.",
            footer = {"%nExample:%n  cliauth dev-idp start --timeout 10m", ExitCode.HELP})
    static final class Start implements Callable<Integer> {
        private final App app;

        @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m", description = "How long to wait for it to answer (default: ${DEFAULT-VALUE}).")
        Duration timeout;

        Start(App app) {
            this.app = app;
        }

        @Override
        public Integer call() {
            DevIdpStatus.Running running = start(app, timeout);
            describe(app, running);
            app.out().println(running.openIssuer());
            return ExitCode.OK;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the dev IdP, if it runs.",
            footer = {"%nExample:%n  cliauth dev-idp stop", ExitCode.HELP})
    static final class Stop implements Callable<Integer> {
        private final App app;

        Stop(App app) {
            this.app = app;
        }

        @Override
        public Integer call() {
            boolean stopped;
            try {
                stopped = devIdp(app).stop();
            } catch (DevIdpException e) {
                throw new CliauthException(Failure.PROVIDER_UNAVAILABLE, e.getMessage(), e);
            }
            app.err().println(stopped ? "Dev IdP stopped." : "Dev IdP was not running.");
            return ExitCode.OK;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Say whether the dev IdP runs. Exits 0 when it answers, 3 when stopped, 6 when it runs but does not answer.",
            footer = {"%nExample:%n  cliauth dev-idp status", ExitCode.HELP})
    static final class Status implements Callable<Integer> {
        private final App app;

        Status(App app) {
            this.app = app;
        }

        @Override
        public Integer call() {
            DevIdp devIdp = devIdp(app);
            DevIdpStatus status = devIdp.status();
            if (status instanceof DevIdpStatus.Running running) {
                describe(app, running);
                app.out().println(running.openIssuer());
                return ExitCode.OK;
            }
            if (status instanceof DevIdpStatus.Unhealthy unhealthy) {
                app.err().println("Dev IdP process " + unhealthy.pid() + " runs on port " + unhealthy.port()
                        + " but does not answer yet; see " + unhealthy.logFile() + ", or run 'cliauth dev-idp stop'.");
                return ExitCode.PROVIDER_UNAVAILABLE;
            }
            app.err().println("Dev IdP is not running; start it with 'cliauth dev-idp start'.");
            return ExitCode.LOGIN_REQUIRED;
        }
    }
}
