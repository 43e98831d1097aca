package dev.cliauth.cli.commands;

import dev.cliauth.cli.App;
import dev.cliauth.cli.ExitCode;
import dev.cliauth.core.config.Profile;
import dev.cliauth.core.config.Workload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code cliauth configure}: write a profile without signing in. */
@Command(name = "configure", mixinStandardHelpOptions = true,
        description = {"Write a profile (provider, client, scopes) without signing in. Given flags replace the saved ones.",
                "",
                "With --grant it is a workload profile for CI and automation: 'cliauth token' then gets tokens from the"
                        + " workload's own identity (client credentials, token exchange, JWT bearer), never a browser."
                        + " Secrets stay where they are: only the variable's name or the file's path is saved."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  cliauth configure --profile work --issuer https://id.example.com/realms/acme --client-id cli",
                "  cliauth configure --profile work --scope \"openid email\"",
                "  cliauth configure --profile entra --provider entra --tenant contoso.onmicrosoft.com --client-id APP-ID",
                "  cliauth configure --profile gh --provider github --client-id Iv1.0123456789abcdef",
                "  cliauth configure --profile ghe --provider github --issuer https://ghe.example.com --client-id Iv1.abc",
                "  cliauth configure --profile google --provider google --client-id ID.apps.googleusercontent.com \\",
                "      --installed-app-secret-file ~/.config/google-desktop-secret",
                "  cliauth configure --profile auth0 --provider auth0 --issuer https://acme.eu.auth0.com/ --client-id ID \\",
                "      --api-audience https://api.example.com",
                "  cliauth configure --profile work --git-host git.example.com --git-host git.example.com:8443",
                "  cliauth configure --profile ci --issuer https://id.example.com/realms/acme --client-id ci \\",
                "      --grant client_credentials --client-secret-env CI_CLIENT_SECRET",
                "  cliauth configure --profile gh --issuer https://id.example.com/realms/acme --client-id deployer \\",
                "      --grant token_exchange --subject-token-source github-actions --client-secret-file /run/secrets/deployer",
                ExitCode.HELP})
public final class ConfigureCommand implements Callable<Integer> {
    private final App app;

    @Mixin
    ProfileOption profile;

    @Mixin
    ProviderOptions provider;

    @Mixin
    WorkloadOptions workload;

    @picocli.CommandLine.Option(names = "--git-host", paramLabel = "HOST", description = "A host 'cliauth git-credential' may give this"
            + " profile's token to (host or host:port); repeatable; replaces the saved list. --git-host '' clears it.")
    java.util.List<String> gitHosts;

    public ConfigureCommand(App app) {
        this.app = app;
    }

    @Override
    public Integer call() {
        Profile p = provider.apply(app.profiles(), profile.name(), app.env());
        Optional<Workload> w = workload.apply(p.workload(), app.env());
        if (w.isPresent()) {
            boolean becomesWorkload = !p.isWorkload();
            p = p.withWorkload(w.get());
            if (becomesWorkload && provider.scope == null && p.scope().equals(Profile.DEFAULT_SCOPE)) {
                p = p.withScope(""); // a workload asks only for the scope it is given (Entra ID wants "api://.../.default")
            }
        }
        if (gitHosts != null) {
            p = p.withGitHosts(gitHosts.stream().filter(h -> !h.isBlank()).map(dev.cliauth.core.config.GitHost::check).toList());
        }
        app.profiles().save(p);
        if (p.isWorkload()) {
            app.err().println("Saved workload profile " + p.name() + ": issuer " + p.issuer() + ", client " + p.clientId()
                    + (p.scope().isEmpty() ? "" : ", scope \"" + p.scope() + "\"") + "; " + p.workload().orElseThrow().describe() + ".");
            app.err().println("Get a token with: cliauth token --profile " + p.name());
            return ExitCode.OK;
        }
        app.err().println("Saved profile " + p.name() + ": " + p.preset().displayName() + ", issuer " + p.issuer() + ", client " + p.clientId()
                + ", scope \"" + p.scope() + "\"" + p.provider().audience().map(a -> ", API audience " + a).orElse("")
                + (p.provider().installedAppSecret().isPresent() ? ", installed-app secret kept in the profile file" : "")
                + (p.gitHosts().isEmpty() ? "" : ", git hosts " + String.join(" ", p.gitHosts())) + ".");
        app.err().println("Sign in with: cliauth login --profile " + p.name());
        return ExitCode.OK;
    }
}
