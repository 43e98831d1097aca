package dev.cliauth.core.provider;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.oauth.IssuerUrl;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A provider whose habits cliauth knows. Pure data — no protocol library is loaded for it, so the fast
 * {@code cliauth token} path can read a profile that names one. What each preset changes is decided here and in
 * {@link ProviderHabits}; every rule names the provider documentation it follows.
 */
public enum ProviderPreset {
    /** Plain OpenID Connect: discovery with the exact issuer check, no provider habits (turns detection off). */
    OIDC("oidc", "OpenID Connect provider", null, true, true, "openid profile email"),
    /**
     * Microsoft Entra ID: issuers are {@code BASE/TENANT/v2.0}; {@code common} and {@code organizations} publish an
     * issuer template with {@code {tenantid}}. Refresh tokens come only with {@code offline_access}.
     * https://learn.microsoft.com/en-us/entra/identity-platform/v2-protocols-oidc
     */
    ENTRA("entra", "Microsoft Entra ID", "https://login.microsoftonline.com", true, true, "openid profile email offline_access"),
    /**
     * Okta: the org authorization server ({@code https://ORG.okta.com}) or a custom one ({@code .../oauth2/default}).
     * Refresh tokens only with {@code offline_access} and the refresh grant on the app.
     * https://developer.okta.com/docs/concepts/auth-servers/
     */
    OKTA("okta", "Okta", null, true, true, "openid profile email offline_access"),
    /**
     * Auth0: the issuer ends with a slash; API access tokens need {@code audience}; refresh tokens only with
     * {@code offline_access}. https://auth0.com/docs/secure/tokens/access-tokens/get-access-tokens
     */
    AUTH0("auth0", "Auth0", null, true, true, "openid profile email offline_access"),
    /**
     * Google: installed-app ("Desktop") clients send their client secret, which Google does not treat as
     * confidential. https://developers.google.com/identity/protocols/oauth2/native-app
     */
    GOOGLE("google", "Google", "https://accounts.google.com", true, true, "openid profile email"),
    /**
     * GitHub (and GitHub Enterprise Server): OAuth only — no discovery, no ID token; fixed endpoints under the base
     * URL. https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps
     */
    GITHUB("github", "GitHub", "https://github.com", false, false, "read:user"),
    /**
     * WorkOS AuthKit: its own authorize, device-authorization and authenticate endpoints under the API base URL.
     * https://workos.com/docs/reference/authkit/cli-auth
     */
    WORKOS("workos", "WorkOS", "https://api.workos.com", false, false, "openid profile email offline_access");

    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,253}");

    private final String id;
    private final String displayName;
    private final String defaultBase;
    private final boolean discovers;
    private final boolean issuesIdTokens;
    private final String defaultScope;

    ProviderPreset(String id, String displayName, String defaultBase, boolean discovers, boolean issuesIdTokens, String defaultScope) {
        this.id = id;
        this.displayName = displayName;
        this.defaultBase = defaultBase;
        this.discovers = discovers;
        this.issuesIdTokens = issuesIdTokens;
        this.defaultScope = defaultScope;
    }

    /** The name given with {@code --provider} and stored in profiles, e.g. {@code entra}. */
    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    /** Whether the metadata comes from OpenID discovery (else from fixed endpoints under the base URL). */
    public boolean discovers() {
        return discovers;
    }

    /** Whether a login returns an ID token to validate (GitHub and WorkOS's AuthKit endpoints do not). */
    public boolean issuesIdTokens() {
        return issuesIdTokens;
    }

    /** The scopes a new profile asks for when none are given. */
    public String defaultScope() {
        return defaultScope;
    }

    /** The preset named {@code name} (case-insensitive). */
    public static ProviderPreset parse(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.id.equals(wanted)).findFirst()
                .orElseThrow(() -> new CliauthException(Failure.CONFIGURATION, "Unknown provider '" + name + "'; give one of "
                        + Arrays.stream(values()).map(ProviderPreset::id).collect(Collectors.joining(", ")) + "."));
    }

    /**
     * The preset for an issuer's well-known host, when there is one: login.microsoftonline.com (and the national
     * clouds' hosts), *.okta.com, *.auth0.com, accounts.google.com, github.com, api.workos.com.
     */
    public static Optional<ProviderPreset> detect(URI issuer) {
        String host = issuer == null || issuer.getHost() == null ? "" : issuer.getHost().toLowerCase(Locale.ROOT);
        if (host.equals("login.microsoftonline.com") || host.equals("login.microsoftonline.us")
                || host.equals("login.chinacloudapi.cn") || host.equals("login.partner.microsoftonline.cn")) {
            return Optional.of(ENTRA);
        }
        if (host.endsWith(".okta.com") || host.endsWith(".oktapreview.com") || host.endsWith(".okta-emea.com")) {
            return Optional.of(OKTA);
        }
        if (host.endsWith(".auth0.com")) {
            return Optional.of(AUTH0);
        }
        if (host.equals("accounts.google.com")) {
            return Optional.of(GOOGLE);
        }
        if (host.equals("github.com")) {
            return Optional.of(GITHUB);
        }
        if (host.equals("api.workos.com")) {
            return Optional.of(WORKOS);
        }
        return Optional.empty();
    }

    /**
     * The issuer to store for this preset, from what the person gave: {@code base} is {@code --issuer} (a base URL
     * for GitHub Enterprise Server, Entra's national clouds, custom domains and tests), {@code tenant} is
     * {@code --tenant} (Entra only).
     */
    public URI issuer(Optional<URI> base, Optional<String> tenant) {
        if (tenant.isPresent() && this != ENTRA) {
            throw new CliauthException(Failure.CONFIGURATION, "--tenant is for --provider entra; " + displayName + " takes --issuer URL.");
        }
        if (this == ENTRA) {
            return entraIssuer(base, tenant);
        }
        URI given = base.or(() -> Optional.ofNullable(defaultBase).map(URI::create)).orElseThrow(() -> new CliauthException(Failure.CONFIGURATION,
                displayName + " needs --issuer URL (" + issuerExample() + ")."));
        if (this == AUTH0 && given.getRawPath().isEmpty()) {
            // Auth0's discovery states the issuer with a trailing slash: https://TENANT.auth0.com/
            return IssuerUrl.check(URI.create(given + "/"));
        }
        if (!discovers && given.toString().endsWith("/")) {
            String text = given.toString();
            return IssuerUrl.check(URI.create(text.substring(0, text.length() - 1)));
        }
        return IssuerUrl.check(given);
    }

    private URI entraIssuer(Optional<URI> base, Optional<String> tenant) {
        if (tenant.isEmpty() && base.isPresent() && !base.get().getRawPath().isEmpty() && !base.get().getRawPath().equals("/")) {
            return IssuerUrl.check(base.get()); // a full issuer, https://login.microsoftonline.com/TENANT/v2.0
        }
        String path = base.map(URI::getRawPath).orElse("");
        if (tenant.isPresent() && path.endsWith("/v2.0")) {
            // a full issuer and --tenant: they must name the same tenant, and the issuer is kept as given
            String named = path.substring(0, path.length() - "/v2.0".length());
            named = named.substring(named.lastIndexOf('/') + 1);
            if (!named.equalsIgnoreCase(tenant.get())) {
                throw new CliauthException(Failure.CONFIGURATION, "--issuer " + base.get() + " names tenant '" + named + "' but --tenant says '"
                        + tenant.get() + "'; give the full issuer alone, or the base URL (e.g. " + defaultBase + ") with --tenant.");
            }
            return IssuerUrl.check(base.get());
        }
        String host = base.map(URI::toString).orElse(defaultBase);
        if (host.endsWith("/")) {
            host = host.substring(0, host.length() - 1);
        }
        String t = tenant.orElse("organizations");
        if (!TENANT.matcher(t).matches()) {
            throw new CliauthException(Failure.CONFIGURATION, "--tenant '" + t + "' is not a tenant id or domain; give the directory (tenant) id,"
                    + " a verified domain like contoso.onmicrosoft.com, or organizations, common or consumers.");
        }
        return IssuerUrl.check(URI.create(host + "/" + t + "/v2.0"));
    }

    /** An example issuer for messages and help. */
    public String issuerExample() {
        return switch (this) {
            case OIDC -> "https://id.example.com/realms/acme";
            case ENTRA -> "https://login.microsoftonline.com/TENANT/v2.0, or --tenant TENANT";
            case OKTA -> "https://ORG.okta.com/oauth2/default, or https://ORG.okta.com for the org authorization server";
            case AUTH0 -> "https://TENANT.auth0.com/ or your custom domain";
            case GOOGLE -> "https://accounts.google.com";
            case GITHUB -> "https://github.com, or https://HOST for GitHub Enterprise Server";
            case WORKOS -> "https://api.workos.com";
        };
    }
}
