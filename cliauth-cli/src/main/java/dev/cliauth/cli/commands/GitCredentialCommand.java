package dev.cliauth.cli.commands;

import dev.cliauth.cli.App;
import dev.cliauth.cli.ExitCode;
import dev.cliauth.cli.helpers.GitCredentialAnswer;
import dev.cliauth.cli.helpers.GitCredentialRequest;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.token.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * {@code cliauth git-credential}: a git credential helper (gitcredentials(7)). {@code get} answers with the profile's
 * access token as the password; {@code store} and {@code erase} have nothing to do (the session is cliauth's own), and
 * unknown operations are ignored, as git asks of helpers. It never signs in: git may run it with no one watching.
 */
@Command(name = "git-credential", mixinStandardHelpOptions = true,
        description = {
                "A git credential helper: give git the profile's access token as the password for HTTPS remotes.",
                "",
                "git runs it with 'get', 'store' or 'erase' and key=value lines on stdin. 'get' answers username=oauth2 (or the username "
                        + "git asked about), password=<access token> and password_expiry_utc; 'store' and 'erase' are accepted and change "
                        + "nothing. It never signs in: when there is no session it fails with exit 3 and git falls back to its other "
                        + "helpers. It gives no token to a plain-http remote other than 127.0.0.1/localhost.",
                "",
                "Scope it to the hosts that accept these tokens, so no other server ever sees one."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  git config --global credential.https://git.example.com.helper \\",
                "      '!cliauth git-credential --profile work'",
                "  printf 'protocol=https\\nhost=git.example.com\\n\\n' \\",
                "      | cliauth git-credential --profile work get",
                ExitCode.HELP})
public final class GitCredentialCommand implements Callable<Integer> {
    private final App app;
    private final Supplier<InputStream> stdin;

    @Mixin
    ProfileOption profile;

    @Mixin
    VerboseOption verbosity;

    @Mixin
    NetworkOptions network;

    @Parameters(index = "0", paramLabel = "get|store|erase", description = "The operation git asks for.")
    String operation;

    public GitCredentialCommand(App app) {
        this(app, () -> System.in); // the one place the helper touches the process's real stdin (App has no accessor)
    }

    /** @param stdin where git's request comes from */
    public GitCredentialCommand(App app, Supplier<InputStream> stdin) {
        this.app = app;
        this.stdin = stdin;
    }

    @Override
    public Integer call() {
        app.verbose(verbosity.verbose);
        app.caFile(network.caFile);
        String name = profile.name();
        // Read the whole request first, whatever the operation: git writes it and may fail on a closed pipe otherwise.
        GitCredentialRequest request = GitCredentialRequest.parse(new InputStreamReader(stdin.get(), StandardCharsets.UTF_8));
        if (!operation.equals("get")) {
            return ExitCode.OK;
        }
        if (request.isCleartextToAnotherHost()) {
            throw new CliauthException(Failure.REFUSED, "Not giving the token for profile " + name + " to http://" + request.get("host").orElse("")
                    + ": it would cross the network unencrypted. Use an https:// remote.");
        }
        Session session = app.tokenService().current(name);
        if (session.tokens().tokenType().equalsIgnoreCase("DPoP")) {
            throw new CliauthException(Failure.CONFIGURATION, "The access token of profile " + name + " is DPoP-bound (RFC 9449), and git"
                    + " can send only a password; use a profile without DPoP for git.");
        }
        String username = request.get("username").filter(u -> !u.isEmpty()).orElse(GitCredentialAnswer.DEFAULT_USERNAME);
        app.out().print(new GitCredentialAnswer(username, session.tokens().accessToken(), session.tokens().expiresAt()).serialize());
        app.out().flush();
        return ExitCode.OK;
    }
}
