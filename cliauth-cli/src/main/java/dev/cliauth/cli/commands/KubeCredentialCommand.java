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
                "A kubectl exec credential plugin: print an ExecCredential with the profile's access token on stdout.",
                "",
                "kubectl runs it and sends the token to the API server as a bearer token. It answers the apiVersion kubectl asks for "
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

    public KubeCredentialCommand(App app) {
        this.app = app;
    }

    @Override
    public Integer call() {
        app.verbose(verbosity.verbose);
        app.caFile(network.caFile);
        ExecInfo info = ExecInfo.parse(app.env().get(ExecInfo.VARIABLE));
        String name = profile.name();
        String noTerminal = " (kubectl ran cliauth without a terminal to sign in on.)";
        Profile settings = app.profiles().load(name).orElseThrow(() -> info.mayPrompt()
                ? new CliauthException(Failure.CONFIGURATION, "Profile " + name + " has no provider yet; run 'cliauth login --profile " + name
                        + " --issuer URL --client-id ID' once.")
                : new CliauthException(Failure.LOGIN_REQUIRED, app.describe(new CliauthException(new Problem.NotSignedIn(name))) + noTerminal));
        GetToken.Request request = GetToken.Request.of(settings, "kube-credential").forBearerOnly();
        if (info.mayPrompt()) {
            // kubectl says a person is at the terminal: sign in there, with the flow login would choose
            request = request.signingInWith((p, why) -> CancelNotice.around(app, () -> app.login().run(p, new LoginFlags(false, p.openBrowser()), false)));
        }
        Session session;
        try {
            session = app.handOut(request);
        } catch (CliauthException e) {
            if (e.failure() != Failure.LOGIN_REQUIRED || info.mayPrompt()) {
                throw e;
            }
            throw new CliauthException(Failure.LOGIN_REQUIRED, app.describe(e) + noTerminal, e);
        }
        app.out().println(new ExecCredential(info.apiVersion(), session.tokens().accessToken(), session.tokens().expiresAt()).toJson());
        app.out().flush();
        return ExitCode.OK;
    }
}
