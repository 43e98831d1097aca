package dev.cliauth.cli.commands;

import dev.cliauth.cli.App;
import dev.cliauth.cli.ExitCode;
import dev.cliauth.core.config.Profile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code cliauth configure}: write a profile without signing in. */
@Command(name = "configure", mixinStandardHelpOptions = true,
        description = "Write a profile (provider, client, scopes) without signing in. Given flags replace the saved ones.",
        footerHeading = "%nExamples:%n",
        footer = {
                "  cliauth configure --profile work --issuer https://id.example.com/realms/acme --client-id cli",
                "  cliauth configure --profile work --scope \"openid email\"",
                ExitCode.HELP})
public final class ConfigureCommand implements Callable<Integer> {
    private final App app;

    @Mixin
    ProfileOption profile;

    @Mixin
    ProviderOptions provider;

    public ConfigureCommand(App app) {
        this.app = app;
    }

    @Override
    public Integer call() {
        Profile p = provider.apply(app.profiles(), profile.name());
        app.profiles().save(p);
        app.err().println("Saved profile " + p.name() + ": issuer " + p.issuer() + ", client " + p.clientId() + ", scope \"" + p.scope() + "\".");
        app.err().println("Sign in with: cliauth login --profile " + p.name());
        return ExitCode.OK;
    }
}
