package dev.cliauth.cli.commands;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.config.Profile;
import dev.cliauth.core.config.ProfileStore;
import dev.cliauth.core.oauth.IssuerUrl;
import picocli.CommandLine.Option;

import java.net.URI;
import java.util.Optional;

/** The provider flags {@code login} and {@code configure} share; what is given overrides the saved profile. */
public final class ProviderOptions {
    @Option(names = "--issuer", paramLabel = "URL", description = "The provider's issuer URL, e.g. https://id.example.com/realms/acme.")
    String issuer;

    @Option(names = "--client-id", paramLabel = "ID", description = "The OAuth client id registered for cliauth at the provider.")
    String clientId;

    @Option(names = "--scope", paramLabel = "\"S ...\"", description = "Scopes to request, space-separated (default: \"" + Profile.DEFAULT_SCOPE + "\").")
    String scope;

    /** The saved profile with the given flags applied; fails when issuer or client id is still missing. */
    Profile apply(ProfileStore profiles, String name) {
        Optional<Profile> saved = profiles.load(name);
        URI issuerUri = issuer != null ? IssuerUrl.parse(issuer) : saved.map(Profile::issuer).orElse(null);
        String client = clientId != null ? clientId : saved.map(Profile::clientId).orElse(null);
        if (issuerUri == null || client == null) {
            throw new CliauthException(Failure.CONFIGURATION, "Profile '" + name + "' is not configured; give --issuer URL and --client-id ID"
                    + " (or run 'cliauth demo' to try a local provider).");
        }
        Profile base = saved.orElseGet(() -> Profile.of(name, issuerUri, client));
        Profile profile = base.withIssuer(issuerUri).withClientId(client);
        return scope != null ? profile.withScope(scope) : profile;
    }
}
