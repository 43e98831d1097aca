package dev.cliauth.core.config;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.oauth.IssuerUrl;
import dev.cliauth.core.provider.ProviderPreset;
import dev.cliauth.core.provider.ProviderSettings;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A named set of login settings: which provider, which client, which scopes, and how to receive the callback; or,
 * for a workload profile, how to get tokens with no person at all.
 *
 * @param name         profile name, {@code default} unless given
 * @param issuer       the OpenID provider's issuer, exactly as its discovery document states it
 * @param clientId     the OAuth client registered for cliauth at that provider
 * @param scope        space-separated scopes to request; for a workload profile it may be empty (send no scope)
 * @param callbackPort loopback port for the redirect; 0 lets the operating system pick one (RFC 8252 §7.3)
 * @param openBrowser  whether login opens a browser (otherwise it only prints the URL)
 * @param loginTimeout how long login waits for the person to finish in the browser
 * @param workload     for CI and automation: the grant and credentials that get tokens without a browser
 * @param dpop         bind tokens to a key kept with the session (RFC 9449 DPoP)
 * @param provider     the provider preset and its settings (Auth0 audience, Google installed-app secret)
 * @param gitHosts     the hosts {@code git-credential} may give this profile's token to ({@code configure --git-host}),
 *                     lower case, each {@code host} or {@code host:port}
 * @param resource     the protected resource the main token is for ({@code login --resource}), and how the client came to be
 */
public record Profile(String name, URI issuer, String clientId, String scope, int callbackPort, boolean openBrowser, Duration loginTimeout,
                      Optional<Workload> workload, boolean dpop, ProviderSettings provider, List<String> gitHosts,
                      Optional<ResourceBinding> resource) {

    public static final String DEFAULT_NAME = "default";
    public static final String DEFAULT_SCOPE = "openid profile email";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
    /** What a profile name may be: up to 64 letters, digits, '.', '-' or '_', starting with a letter or digit. */
    public static final Pattern NAME_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** A profile for a person (no workload settings). */
    public Profile(String name, URI issuer, String clientId, String scope, int callbackPort, boolean openBrowser, Duration loginTimeout) {
        this(name, issuer, clientId, scope, callbackPort, openBrowser, loginTimeout, Optional.empty(), false);
    }

    /** A profile without DPoP. */
    public Profile(String name, URI issuer, String clientId, String scope, int callbackPort, boolean openBrowser, Duration loginTimeout,
                   Optional<Workload> workload) {
        this(name, issuer, clientId, scope, callbackPort, openBrowser, loginTimeout, workload, false);
    }

    /** A profile without provider settings (the preset, if any, is detected from the issuer). */
    public Profile(String name, URI issuer, String clientId, String scope, int callbackPort, boolean openBrowser, Duration loginTimeout,
                   Optional<Workload> workload, boolean dpop) {
        this(name, issuer, clientId, scope, callbackPort, openBrowser, loginTimeout, workload, dpop, ProviderSettings.NONE);
    }

    /** A profile whose token git is given for no host. */
    public Profile(String name, URI issuer, String clientId, String scope, int callbackPort, boolean openBrowser, Duration loginTimeout,
                   Optional<Workload> workload, boolean dpop, ProviderSettings provider) {
        this(name, issuer, clientId, scope, callbackPort, openBrowser, loginTimeout, workload, dpop, provider, List.of());
    }

    /** A profile whose token is for no particular resource (none was given to {@code login --resource}). */
    public Profile(String name, URI issuer, String clientId, String scope, int callbackPort, boolean openBrowser, Duration loginTimeout,
                   Optional<Workload> workload, boolean dpop, ProviderSettings provider, List<String> gitHosts) {
        this(name, issuer, clientId, scope, callbackPort, openBrowser, loginTimeout, workload, dpop, provider, gitHosts, Optional.empty());
    }

    public Profile {
        checkName(name);
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(provider, "provider");
        IssuerUrl.check(issuer);
        if (clientId == null || clientId.isBlank()) {
            throw new CliauthException(Failure.CONFIGURATION, "Profile '" + name + "' has no client id; give --client-id ID.");
        }
        // a person's login needs openid; a workload sends only the scope it was given (Entra ID wants ".default")
        scope = scope == null || scope.isBlank() ? (workload.isPresent() ? "" : DEFAULT_SCOPE) : scope.trim().replaceAll("\\s+", " ");
        if (callbackPort < 0 || callbackPort > 65535) {
            throw new CliauthException(Failure.CONFIGURATION, "Port " + callbackPort + " is out of range; give --port between 1 and 65535, or leave it out to let the system pick.");
        }
        gitHosts = List.copyOf(gitHosts).stream().map(GitHost::check).distinct().toList();
        Objects.requireNonNull(loginTimeout, "loginTimeout");
        if (loginTimeout.isNegative() || loginTimeout.isZero()) {
            throw new CliauthException(Failure.CONFIGURATION, "The login timeout must be positive, like 90s or 5m.");
        }
    }

    /** A profile with defaults for everything but the provider and client. */
    public static Profile of(String name, URI issuer, String clientId) {
        return new Profile(name, issuer, clientId, DEFAULT_SCOPE, 0, true, DEFAULT_TIMEOUT);
    }

    /** The provider preset: the one named in the profile, else the one its issuer's host shows, else plain OpenID Connect. */
    public ProviderPreset preset() {
        return provider.effectivePreset(issuer);
    }

    public Profile withProvider(ProviderSettings value) {
        return new Profile(name, issuer, clientId, scope, callbackPort, openBrowser, loginTimeout, workload, dpop, value, gitHosts, resource);
    }

    public Profile withGitHosts(List<String> value) {
        return new Profile(name, issuer, clientId, scope, callbackPort, openBrowser, loginTimeout, workload, dpop, provider, value, resource);
    }

    /** Whether tokens come from the workload's own identity rather than a person's login. */
    public boolean isWorkload() {
        return workload.isPresent();
    }

    public boolean requestsOpenId() {
        return (" " + scope + " ").contains(" openid ");
    }

    /** Checks a profile name: letters, digits, dot, dash and underscore, starting with a letter or digit. */
    public static String checkName(String name) {
        if (name == null || !NAME_PATTERN.matcher(name).matches()) {
            throw new CliauthException(Failure.CONFIGURATION, "Invalid profile name '" + name + "': use up to 64 letters, digits, '.', '-' or '_', starting with a letter or digit.");
        }
        return name;
    }

    public Profile withIssuer(URI value) {
        return new Profile(name, value, clientId, scope, callbackPort, openBrowser, loginTimeout, workload, dpop, provider, gitHosts, resource);
    }

    public Profile withClientId(String value) {
        return new Profile(name, issuer, value, scope, callbackPort, openBrowser, loginTimeout, workload, dpop, provider, gitHosts, resource);
    }

    public Profile withScope(String value) {
        return new Profile(name, issuer, clientId, value, callbackPort, openBrowser, loginTimeout, workload, dpop, provider, gitHosts, resource);
    }

    public Profile withCallbackPort(int value) {
        return new Profile(name, issuer, clientId, scope, value, openBrowser, loginTimeout, workload, dpop, provider, gitHosts, resource);
    }

    public Profile withOpenBrowser(boolean value) {
        return new Profile(name, issuer, clientId, scope, callbackPort, value, loginTimeout, workload, dpop, provider, gitHosts, resource);
    }

    public Profile withLoginTimeout(Duration value) {
        return new Profile(name, issuer, clientId, scope, callbackPort, openBrowser, value, workload, dpop, provider, gitHosts, resource);
    }

    public Profile withDpop(boolean value) {
        return new Profile(name, issuer, clientId, scope, callbackPort, openBrowser, loginTimeout, workload, value, provider, gitHosts, resource);
    }

    public Profile withWorkload(Workload value) {
        return new Profile(name, issuer, clientId, scope, callbackPort, openBrowser, loginTimeout, Optional.of(value), dpop, provider, gitHosts, resource);
    }

    public Profile withResource(ResourceBinding value) {
        return new Profile(name, issuer, clientId, scope, callbackPort, openBrowser, loginTimeout, workload, dpop, provider, gitHosts, Optional.of(value));
    }

    /** The profile as one for a person's login; an empty workload scope becomes the default one. */
    public Profile withoutWorkload() {
        return new Profile(name, issuer, clientId, scope, callbackPort, openBrowser, loginTimeout, Optional.empty(), dpop, provider, gitHosts, resource);
    }
}
