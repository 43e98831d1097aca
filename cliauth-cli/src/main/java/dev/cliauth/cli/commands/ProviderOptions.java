package dev.cliauth.cli.commands;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.config.Profile;
import dev.cliauth.core.config.ProfileStore;
import dev.cliauth.core.oauth.IssuerUrl;
import dev.cliauth.core.provider.ProviderPreset;
import dev.cliauth.core.provider.ProviderSettings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The provider flags {@code login} and {@code configure} share; what is given overrides the saved profile. */
public final class ProviderOptions {
    @Option(names = "--issuer", paramLabel = "URL", description = "The provider's issuer URL, e.g. https://id.example.com/realms/acme;"
            + " with --provider, its base URL (GitHub Enterprise Server, Entra ID's national clouds, custom domains).")
    String issuer;

    @Option(names = "--client-id", paramLabel = "ID", description = "The OAuth client id registered for cliauth at the provider.")
    String clientId;

    @Option(names = "--scope", paramLabel = "\"S ...\"", description = "Scopes to request, space-separated (default: \"" + Profile.DEFAULT_SCOPE
            + "\", or the provider's: Entra ID, Okta and Auth0 add offline_access, GitHub asks for read:user).")
    String scope;

    @Option(names = "--provider", paramLabel = "NAME", description = "The provider's habits to follow: entra, okta, auth0, google, github,"
            + " workos, or oidc for none (default: detected from the issuer's host).")
    String provider;

    @Option(names = "--tenant", paramLabel = "TENANT", description = "Entra ID: the tenant id or domain, or organizations, common or consumers"
            + " (default: organizations); implies --provider entra.")
    String tenant;

    @Option(names = "--api-audience", paramLabel = "AUD", description = "Auth0: the API identifier to get access tokens for (sent as audience).")
    String apiAudience;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--installed-app-secret-env", paramLabel = "VAR", description = "Google: read the client secret of a Desktop"
            + " (installed-app) client, which Google does not treat as confidential but requires, from this environment variable."
            + " Kept in the profile file (readable only by you), never printed.")
    String installedAppSecretEnv;

    @Option(names = "--installed-app-secret-file", paramLabel = "PATH", description = "Google: read that client secret from this file instead.")
    String installedAppSecretFile;

    /** Refuses the secret itself on the command line, without repeating it, as {@code --client-secret} does. */
    @Option(names = "--installed-app-secret", hidden = true, arity = "0..1", paramLabel = "SECRET")
    void installedAppSecret(String ignored) {
        throw new ParameterException(spec.commandLine(), "never pass a secret on the command line (shell history and process lists keep it);"
                + " use --installed-app-secret-env VAR or --installed-app-secret-file PATH");
    }

    /** The saved profile with the given flags applied; fails when issuer or client id is still missing. */
    Profile apply(ProfileStore profiles, String name, Map<String, String> env) {
        Optional<Profile> saved = profiles.load(name);
        Optional<ProviderPreset> named = provider != null ? Optional.of(ProviderPreset.parse(provider))
                : tenant != null ? Optional.of(ProviderPreset.ENTRA) : Optional.empty();
        Optional<URI> given = Optional.ofNullable(issuer).map(IssuerUrl::parse);
        URI issuerUri = issuer(saved, named, given);
        String client = clientId != null ? clientId : saved.map(Profile::clientId).orElse(null);
        if (issuerUri == null || client == null) {
            throw new CliauthException(Failure.CONFIGURATION, "Profile '" + name + "' is not configured; give --issuer URL and --client-id ID"
                    + " (or --provider NAME with its --tenant or --issuer; or run 'cliauth demo' to try a local provider).");
        }
        ProviderSettings settings = saved.map(Profile::provider).orElse(ProviderSettings.NONE);
        if (named.isPresent()) {
            settings = settings.withPreset(named.get());
        }
        if (apiAudience != null) {
            settings = settings.withAudience(apiAudience);
        }
        Optional<String> secret = installedAppSecret(env);
        if (secret.isPresent()) {
            settings = settings.withInstalledAppSecret(new ProviderSettings.InstalledAppSecret(secret.get()));
        }
        ProviderPreset before = saved.map(Profile::preset).orElse(null);
        Profile base = saved.orElseGet(() -> Profile.of(name, issuerUri, client));
        Profile profile = base.withIssuer(issuerUri).withClientId(client).withProvider(settings);
        if (scope != null) {
            return profile.withScope(scope);
        }
        // a new profile, or one that changed provider, asks for what that provider needs (refresh tokens, GitHub's scopes)
        return saved.isEmpty() || profile.preset() != before ? profile.withScope(profile.preset().defaultScope()) : profile;
    }

    /** {@code --issuer} as given, checked: with {@code --resource}, the server chosen among those the resource names. */
    Optional<URI> issuerGiven() {
        return Optional.ofNullable(issuer).map(IssuerUrl::parse);
    }

    /** With {@code --resource} the server is discovered: a provider preset's flags have nothing to apply to. */
    void refuseWithResource() {
        if (provider != null || tenant != null || apiAudience != null || installedAppSecretEnv != null || installedAppSecretFile != null) {
            throw new CliauthException(Failure.CONFIGURATION, "--resource finds its authorization server itself; it takes --issuer (to choose"
                    + " among several), --client-id and --scope, but not --provider, --tenant, --api-audience or an installed-app secret.");
        }
    }

    /** The secret from {@code --installed-app-secret-env} or {@code -file}; messages name where it was looked for, never the value. */
    private Optional<String> installedAppSecret(Map<String, String> env) {
        if (installedAppSecretEnv != null && installedAppSecretFile != null) {
            throw new CliauthException(Failure.CONFIGURATION, "Give only one of --installed-app-secret-env and --installed-app-secret-file.");
        }
        String value;
        if (installedAppSecretEnv != null) {
            value = env.get(installedAppSecretEnv);
            if (value == null) {
                // the name is not repeated: a shell-expanded "$SECRET" here would be the secret itself
                throw new CliauthException(Failure.CONFIGURATION, "--installed-app-secret-env names a variable that is not set here; give the"
                        + " variable's name (GOOGLE_SECRET, not $GOOGLE_SECRET).");
            }
        } else if (installedAppSecretFile != null) {
            try {
                value = Files.readString(Path.of(installedAppSecretFile));
            } catch (IOException | InvalidPathException e) {
                throw new CliauthException(Failure.CONFIGURATION, "Cannot read --installed-app-secret-file " + installedAppSecretFile
                        + " (" + e.getClass().getSimpleName() + "); give a readable file holding the secret.");
            }
        } else {
            return Optional.empty();
        }
        String secret = value.strip();
        if (secret.isEmpty()) {
            throw new CliauthException(Failure.CONFIGURATION, "The installed-app secret is empty; give the secret Google shows for the Desktop client.");
        }
        return Optional.of(secret);
    }

    /**
     * The issuer: built by the preset from a base URL or tenant when a preset is named; else the given one (put in the
     * form its detected provider states it, e.g. Auth0's trailing slash); else the saved one.
     */
    private URI issuer(Optional<Profile> saved, Optional<ProviderPreset> named, Optional<URI> given) {
        Optional<String> tenantName = Optional.ofNullable(tenant);
        if (named.isPresent()) {
            boolean keepSaved = given.isEmpty() && tenantName.isEmpty() && saved.map(p -> p.preset() == named.get()).orElse(false);
            return keepSaved ? saved.get().issuer() : named.get().issuer(given, tenantName);
        }
        if (given.isPresent()) {
            Optional<ProviderPreset> detected = saved.flatMap(p -> p.provider().preset()).or(() -> ProviderPreset.detect(given.get()));
            return detected.map(p -> p.issuer(given, Optional.empty())).orElse(given.get());
        }
        return saved.map(Profile::issuer).orElse(null);
    }
}
