package dev.cliauth.cli.commands;

import dev.cliauth.cli.App;
import dev.cliauth.cli.ExitCode;
import dev.cliauth.cli.helpers.GitCredentialAnswer;
import dev.cliauth.cli.helpers.GitCredentialRequest;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.config.GitHost;
import dev.cliauth.core.config.Profile;
import dev.cliauth.core.flow.token.GetToken;
import dev.cliauth.core.flow.token.Issued;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * {@code cliauth git-credential}: a git credential helper (gitcredentials(7)). Order: read git's whole request; the
 * host must be one named on the helper's command line ({@code --host}) or in the profile ({@code configure
 * --git-host}), and the protocol https (http only to loopback) — else nothing is handed out, whatever the operation;
 * {@code get} answers with the access token {@link GetToken} gives; {@code erase} (git says the server rejected the
 * credential) makes the next {@code get} refresh instead of repeating that token; {@code store} has nothing to do (the
 * session is cliauth's own). It never signs in: git may run it with no one watching.
 */
@Command(name = "git-credential", mixinStandardHelpOptions = true,
        description = {
                "A git credential helper: give git the profile's access token as the password for HTTPS remotes on the hosts you name.",
                "",
                "git runs it with 'get', 'store' or 'erase' and key=value lines on stdin. 'get' answers username=oauth2 (or the username "
                        + "git asked about), password=<access token> and password_expiry_utc, but only for a host named with --host here or "
                        + "with 'cliauth configure --git-host' in the profile, and only over https (http only to 127.0.0.1/localhost): a "
                        + "global helper must not hand the token to a hostile remote or submodule. 'erase' (the server rejected the token) "
                        + "makes the next 'get' refresh it; 'store' changes nothing. It never signs in: when there is no session it fails "
                        + "with exit 3 and git falls back to its other helpers."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  git config --global credential.https://git.example.com.helper \\",
                "      '!cliauth git-credential --profile work --host git.example.com'",
                "  cliauth configure --profile work --git-host git.example.com   # or name the hosts in the profile",
                "  printf 'protocol=https\\nhost=git.example.com\\n\\n' \\",
                "      | cliauth git-credential --profile work --host git.example.com get",
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

    @Mixin
    TokenOptions token;

    @Option(names = "--host", paramLabel = "HOST", description = "A host (host or host:port) this helper may give the token to; repeatable."
            + " Added to the profile's git hosts (configure --git-host).")
    List<String> hosts = new ArrayList<>();

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
        String name = profile.name(app);
        List<String> named = hosts.stream().map(GitHost::check).toList();
        // Read the whole request first, whatever the operation: git writes it and may fail on a closed pipe otherwise.
        GitCredentialRequest request = GitCredentialRequest.parse(new InputStreamReader(stdin.get(), StandardCharsets.UTF_8));
        if (!operation.equals("get") && !operation.equals("erase")) {
            return ExitCode.OK; // store, and operations git may add later: nothing to do
        }
        Profile settings = app.savedProfile(name);
        List<String> allowed = new ArrayList<>(named);
        allowed.addAll(settings.gitHosts());
        String host = request.get("host").orElse("");
        if (!GitHost.isAllowed(allowed, host)) {
            throw new CliauthException(Failure.REFUSED, "Not giving the token of profile " + name + " to " + (host.isEmpty() ? "a request without a host" : host)
                    + ": " + (allowed.isEmpty() ? "no git host is named for it" : "it is not one of " + String.join(", ", allowed))
                    + ". Name the host with --host on the helper, or 'cliauth configure --profile " + name + " --git-host HOST'.");
        }
        if (!request.isSecureTransport()) {
            throw new CliauthException(Failure.REFUSED, "Not giving the token of profile " + name + " to " + request.get("protocol").orElse("(no protocol)")
                    + "://" + host + ": only https carries it (http only to this machine's loopback). Use an https:// remote.");
        }
        if (operation.equals("erase")) {
            request.get("password").filter(p -> !p.isEmpty()).ifPresent(rejected -> app.getToken().rejected(settings, rejected));
            return ExitCode.OK;
        }
        Issued issued = app.issue(GetToken.Request.of(settings, "git-credential").forBearerOnly().wanting(token.want()));
        String username = request.get("username").filter(u -> !u.isEmpty()).orElse(GitCredentialAnswer.DEFAULT_USERNAME);
        app.out().print(new GitCredentialAnswer(username, issued.value(), issued.expiresAt()).serialize());
        app.out().flush();
        return ExitCode.OK;
    }
}
