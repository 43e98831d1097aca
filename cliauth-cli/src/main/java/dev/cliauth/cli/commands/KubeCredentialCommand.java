package dev.cliauth.cli.commands;

import dev.cliauth.cli.App;
import dev.cliauth.cli.ExitCode;
import dev.cliauth.cli.helpers.ExecCredential;
import dev.cliauth.cli.helpers.ExecInfo;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.Problem;
import dev.cliauth.core.config.Profile;
import dev.cliauth.core.flow.token.GetToken;
import dev.cliauth.core.flow.token.Issued;
import dev.cliauth.core.flow.token.Want;
import java.util.Optional;
import dev.cliauth.core.policy.LoginFlags;
import dev.cliauth.core.token.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/**
 * {@code cliauth kube-credential}: a kubectl exec credential plugin. Order: read what kubectl asked for; return the
 * current token (refreshed when due); if a login is needed and kubectl says the person is at a terminal, sign in
 * there; else fail, naming the command to run. Stdout carries only the ExecCredential.
 */
@Command(name = "kube-credential", mixinStandardHelpOptions = true,
        description = {
                "A kubectl exec credential plugin: print an ExecCredential with the profile's ID token (or access token) on stdout.",
                "",
                "kubectl runs it and sends the token to the API server as a bearer token. By default it is the ID token, which the API"
                        + " server's OIDC authenticator validates (--oidc-issuer-url, --oidc-client-id); it is refreshed when the ID token"
                        + " nears its expiry, and expirationTimestamp is that token's exp. --token-type access sends the access token. It answers the apiVersion kubectl asks for "
                        + "in KUBERNETES_EXEC_INFO (client.authentication.k8s.io/v1 or v1beta1; v1 when run by hand). When no session is "
                        + "left and kubectl says the person is at a terminal, it signs in there (messages on stderr); otherwise it fails "
                        + "with exit 3 and says to run 'cliauth login'. kubectl before 1.22 does not say, and gets the failure.",
                "",
                "In the kubeconfig:",
                "  users:",
                "  - name: me",
                "    user:",
                "      exec:",
                "        apiVersion: client.authentication.k8s.io/v1",
                "        command: cliauth",
                "        args: [kube-credential, --profile, work]",
                "        interactiveMode: IfAvailable"},
        footerHeading = "%nExamples:%n",
        footer = {
                "  kubectl config set-credentials me \\",
                "      --exec-api-version=client.authentication.k8s.io/v1 \\",
                "      --exec-command=cliauth --exec-arg=kube-credential \\",
                "      --exec-arg=--profile --exec-arg=work",
                "  cliauth kube-credential --profile work | jq .status.expirationTimestamp",
                ExitCode.HELP})
public final class KubeCredentialCommand implements Callable<Integer> {
    private final App app;

    @Mixin
    ProfileOption profile;

    @Mixin
    VerboseOption verbosity;

    @Mixin
    NetworkOptions network;

    @Mixin
    TokenOptions token;

    /** Which token the cluster validates. */
    enum TokenType { id, access }

    @picocli.CommandLine.Option(names = "--token-type", paramLabel = "id|access", defaultValue = "id", description = "The token to send:"
            + " the ID token (default: what the API server's OIDC authenticator validates: its iss, aud = the client id, exp), or the"
            + " access token, for clusters whose authenticator accepts those (--resource and --scope then choose which).")
    TokenType tokenType;

    public KubeCredentialCommand(App app) {
        this.app = app;
    }

    @Override
    public Integer call() {
        app.verbose(verbosity.verbose);
        app.caFile(network.caFile);
        ExecInfo info = ExecInfo.parse(app.env().get(ExecInfo.VARIABLE));
        String name = profile.name(app);
        String noTerminal = " (kubectl ran cliauth without a terminal to sign in on.)";
        Profile settings = app.profiles().load(name).orElseThrow(() -> info.mayPrompt()
                ? new CliauthException(Failure.CONFIGURATION, "Profile " + name + " has no provider yet; run 'cliauth login --profile " + name
                        + " --issuer URL --client-id ID' once.")
                : new CliauthException(Failure.LOGIN_REQUIRED, app.describe(new CliauthException(new Problem.NotSignedIn(name))) + noTerminal));
        if (tokenType == TokenType.id && (token.resource != null || token.scope != null)) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--resource and --scope choose an access token: add --token-type access.");
        }
        Want want = tokenType == TokenType.id ? new Want(Want.Kind.ID, Optional.empty(), Optional.empty(), token.want().minValid()) : token.want();
        GetToken.Request request = GetToken.Request.of(settings, "kube-credential").forBearerOnly().wanting(want);
        if (info.mayPrompt()) {
            // kubectl says a person is at the terminal: sign in there, with the flow login would choose
            request = request.signingInWith((p, why) -> CancelNotice.around(app, () -> app.login().run(p, new LoginFlags(false, p.openBrowser()), false)));
        }
        Issued issued;
        try {
            issued = app.issue(request);
        } catch (CliauthException e) {
            if (e.failure() != Failure.LOGIN_REQUIRED || info.mayPrompt()) {
                throw e;
            }
            throw new CliauthException(Failure.LOGIN_REQUIRED, app.describe(e) + noTerminal, e);
        }
        // expirationTimestamp is the sent token's own expiry: kubectl asks again then (the ID token's exp, for an ID token)
        app.out().println(new ExecCredential(info.apiVersion(), issued.value(), issued.expiresAt()).toJson());
        app.out().flush();
        return ExitCode.OK;
    }
}
