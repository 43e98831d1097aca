package dev.cliauth.cli.commands;

import dev.cliauth.cli.App;
import dev.cliauth.cli.ExitCode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cliauth}: the top-level command, which only lists its subcommands. */
@Command(name = "cliauth", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = {
                "Sign in to OAuth 2.0 / OpenID Connect providers from the command line, and hand tokens to other tools.",
                "",
                "A person at their own machine signs in through the browser (Authorization Code + PKCE, the code returned to a listener on 127.0.0.1). Tokens are kept per profile and refreshed when they expire."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  cliauth demo            # try it against a local Keycloak",
                "  cliauth login --issuer https://id.example.com/realms/acme --client-id cli",
                "  cliauth token           # print the access token",
                "  curl -H \"Authorization: Bearer $(cliauth token)\" https://api.example.com/",
                ExitCode.HELP})
public final class CliauthCommand implements Runnable {
    @Spec
    CommandSpec spec;

    /** Shared by every command (inherited): read once, before the command runs, into the command's wiring. */
    @CommandLine.Option(names = {"-v", "--verbose"}, scope = CommandLine.ScopeType.INHERIT,
            description = "Say what cliauth does, on stderr: each protocol exchange with every credential redacted, and decisions. Never shows a secret.")
    boolean verbose;

    @CommandLine.Option(names = "--ca-file", paramLabel = "PEM", scope = CommandLine.ScopeType.INHERIT,
            description = "Also trust the CA certificates in this PEM file (a corporate TLS-intercepting proxy's CA). Default: $SSL_CERT_FILE when set.")
    java.nio.file.Path caFile;

    /** The full command tree, with each command holding the wiring it needs. */
    public static CommandLine commandLine(App app) {
        CommandLine cli = new CommandLine(new CliauthCommand());
        cli.addSubcommand(new LoginCommand(app));
        cli.addSubcommand(new ConfigureCommand(app));
        cli.addSubcommand(new TokenCommand(app));
        cli.addSubcommand(new StatusCommand(app));
        cli.addSubcommand(new UseCommand(app));
        cli.addSubcommand(new LogoutCommand(app));
        cli.addSubcommand(new ExplainCommand(app));
        cli.addSubcommand(new DpopProofCommand(app));
        cli.addSubcommand(new DemoCommand(app));
        cli.addSubcommand(new CompletionCommand(app));
        cli.addSubcommand(DevIdpCommand.commandLine(app));
        cli.addSubcommand(new KubeCredentialCommand(app));
        cli.addSubcommand(new GitCredentialCommand(app));
        cli.addSubcommand(RunCommand.commandLine(app));
        cli.addSubcommand(new VersionCommand(app));
        return cli;
    }

    public boolean verbose() {
        return verbose;
    }

    public java.nio.file.Path caFile() {
        return caFile;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: choose one of the commands above.");
    }
}
