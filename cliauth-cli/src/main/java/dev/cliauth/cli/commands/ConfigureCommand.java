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

    @picocli.CommandLine.Option(names = "--json", description = "Print the saved profile as one JSON object on stdout (names of secrets, never"
            + " their values).")
    boolean json;

    @picocli.CommandLine.Option(names = "--git-host", paramLabel = "HOST", description = "A host 'cliauth git-credential' may give this"
            + " profile's token to (host or host:port); repeatable; replaces the saved list. --git-host '' clears it.")
    java.util.List<String> gitHosts;

    /**
     * The workload as the summary line shows it; a secret variable that is not set here is not named: it may be the
     * secret itself, put there by a shell that expanded "$CI_SECRET".
     */
    private String shown(Workload w) {
        if (w.clientAuth() instanceof Workload.ClientAuth.Secret secret && secret.secret() instanceof Workload.SecretRef.EnvVariable variable
                && !app.env().containsKey(variable.name())) {
            return w.grant().value() + ", " + w.clientAuth().method() + " with the secret in the variable --client-secret-env names";
        }
        return w.describe();
    }

    public ConfigureCommand(App app) {
        this.app = app;
    }

    @Override
    public Integer call() {
        Profile p = provider.apply(app.profiles(), profile.name(app), app.env());
        Optional<Workload> w = workload.apply(p.workload(), app.env(), line -> app.err().println(line));
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
        if (json) {
            java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
            out.put("profile", p.name());
            out.put("issuer", p.issuer().toString());
            out.put("client_id", p.clientId());
            out.put("scope", p.scope());
            out.put("provider", p.preset().id());
            out.put("workload", p.workload().map(this::shown).orElse(null));
            out.put("git_hosts", p.gitHosts());
            app.out().println(com.nimbusds.jose.util.JSONObjectUtils.toJSONString(out));
            app.out().flush();
        }
        if (p.isWorkload()) {
            app.err().println("Saved workload profile " + p.name() + ": issuer " + p.issuer() + ", client " + p.clientId()
                    + (p.scope().isEmpty() ? "" : ", scope \"" + p.scope() + "\"") + "; " + shown(p.workload().orElseThrow()) + ".");
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
