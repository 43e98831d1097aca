package dev.cliauth.core.config;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.oauth.IssuerUrl;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A named set of login settings: which provider, which client, which scopes, and how to receive the callback.
 *
 * @param name         profile name, {@code default} unless given
 * @param issuer       the OpenID provider's issuer, exactly as its discovery document states it
 * @param clientId     the OAuth client registered for cliauth at that provider
 * @param scope        space-separated scopes to request
 * @param callbackPort loopback port for the redirect; 0 lets the operating system pick one (RFC 8252 §7.3)
 * @param openBrowser  whether login opens a browser (otherwise it only prints the URL)
 * @param loginTimeout how long login waits for the person to finish in the browser
 */
public record Profile(String name, URI issuer, String clientId, String scope, int callbackPort, boolean openBrowser, Duration loginTimeout) {

    public static final String DEFAULT_NAME = "default";
    public static final String DEFAULT_SCOPE = "openid profile email";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public Profile {
        checkName(name);
        IssuerUrl.check(issuer);
        if (clientId == null || clientId.isBlank()) {
            throw new CliauthException(Failure.CONFIGURATION, "Profile '" + name + "' has no client id; give --client-id ID.");
        }
        scope = scope == null || scope.isBlank() ? DEFAULT_SCOPE : scope.trim().replaceAll("\\s+", " ");
        if (callbackPort < 0 || callbackPort > 65535) {
            throw new CliauthException(Failure.CONFIGURATION, "Port " + callbackPort + " is out of range; give --port between 1 and 65535, or leave it out to let the system pick.");
        }
        Objects.requireNonNull(loginTimeout, "loginTimeout");
        if (loginTimeout.isNegative() || loginTimeout.isZero()) {
            throw new CliauthException(Failure.CONFIGURATION, "The login timeout must be positive, like 90s or 5m.");
        }
    }

    /** A profile with defaults for everything but the provider and client. */
    public static Profile of(String name, URI issuer, String clientId) {
        return new Profile(name, issuer, clientId, DEFAULT_SCOPE, 0, true, DEFAULT_TIMEOUT);
    }

    public boolean requestsOpenId() {
        return (" " + scope + " ").contains(" openid ");
    }

    /** Checks a profile name: letters, digits, dot, dash and underscore, starting with a letter or digit. */
    public static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new CliauthException(Failure.CONFIGURATION, "Invalid profile name '" + name + "': use up to 64 letters, digits, '.', '-' or '_', starting with a letter or digit.");
        }
        return name;
    }

    public Profile withIssuer(URI value) {
        return new Profile(name, value, clientId, scope, callbackPort, openBrowser, loginTimeout);
    }

    public Profile withClientId(String value) {
        return new Profile(name, issuer, value, scope, callbackPort, openBrowser, loginTimeout);
    }

    public Profile withScope(String value) {
        return new Profile(name, issuer, clientId, value, callbackPort, openBrowser, loginTimeout);
    }

    public Profile withCallbackPort(int value) {
        return new Profile(name, issuer, clientId, scope, value, openBrowser, loginTimeout);
    }

    public Profile withOpenBrowser(boolean value) {
        return new Profile(name, issuer, clientId, scope, callbackPort, value, loginTimeout);
    }

    public Profile withLoginTimeout(Duration value) {
        return new Profile(name, issuer, clientId, scope, callbackPort, openBrowser, value);
    }
}
