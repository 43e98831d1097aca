package dev.cliauth.cli.commands;

import dev.cliauth.cli.App;
import dev.cliauth.cli.ExitCode;
import dev.cliauth.cli.devidp.DevIdp;
import dev.cliauth.cli.devidp.DevIdpStatus;
import dev.cliauth.core.config.Profile;
import dev.cliauth.core.flow.TerminalText;
import dev.cliauth.core.policy.LoginFlags;
import dev.cliauth.core.token.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code cliauth demo}: start the dev IdP if needed and sign in to it, end to end. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {
                "Try cliauth here: start the dev IdP (a local Keycloak) if needed and sign in to it.",
                "",
                "Signs in through your browser as user 'demo' (password 'demo') and shows who you are. The session is stored in profile 'demo' unless --profile says otherwise."},
        footerHeading = "%nExamples:%n",
        footer = {"  cliauth demo", "  cliauth demo --no-browser", "  cliauth token --profile demo", ExitCode.HELP})
public final class DemoCommand implements Callable<Integer> {
    private final App app;

    @Option(names = {"-p", "--profile"}, paramLabel = "NAME", defaultValue = "demo", description = "Profile to sign in with (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--no-browser", description = "Only print the sign-in URL; do not open a browser.")
    boolean noBrowser;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m", description = "How long to wait for the sign-in (default: ${DEFAULT-VALUE}).")
    Duration timeout;



    public DemoCommand(App app) {
        this.app = app;
    }

    @Override
    public Integer call() {
        DevIdpStatus.Running running = DevIdpCommand.start(app, Duration.ofMinutes(5));
        DevIdpCommand.describe(app, running);
        app.err().println("Sign in as user '" + DevIdp.DEMO_USERNAME + "', password '" + DevIdp.DEMO_PASSWORD + "'.");
        Profile p = Profile.of(Profile.checkName(profile), running.openIssuer(), DevIdp.CLIENT_ID)
                .withOpenBrowser(!noBrowser).withLoginTimeout(timeout);
        Session session = CancelNotice.around(app, () -> app.login().run(p, new LoginFlags(false, p.openBrowser()), false));
        TerminalText.cleaning(app.out()).println("Signed in as " + session.username().orElse("(unknown)") + " (subject " + session.subject().orElse("unknown")
                + ") at " + session.issuer());
        app.err().println("Next: cliauth status --profile " + p.name() + "   |   cliauth token --profile " + p.name()
                + "   |   cliauth logout --profile " + p.name());
        return ExitCode.OK;
    }
}
