package dev.cliauth.core.oauth;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.net.LoopbackHost;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Issuer URL rules: absolute {@code https} (OpenID Connect Discovery §3), no query or fragment;
 * plain {@code http} only for a loopback host, where no network sits between cliauth and the provider.
 */
public final class IssuerUrl {
    private IssuerUrl() {
    }

    /** Parses and checks an issuer given by a person. */
    public static URI parse(String text) {
        try {
            return check(new URI(text.trim()));
        } catch (URISyntaxException e) {
            throw new CliauthException(Failure.CONFIGURATION, "'" + text + "' is not a URL; give the issuer like https://login.example.com/realms/acme.");
        }
    }

    /** Checks an issuer; returns it unchanged when it is acceptable. */
    public static URI check(URI issuer) {
        if (issuer == null) {
            throw new CliauthException(Failure.CONFIGURATION, "No issuer is configured; give --issuer URL.");
        }
        String scheme = issuer.getScheme() == null ? "" : issuer.getScheme().toLowerCase(Locale.ROOT);
        if (!issuer.isAbsolute() || issuer.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new CliauthException(Failure.CONFIGURATION, "Issuer '" + issuer + "' must be an absolute https:// URL.");
        }
        if (issuer.getRawQuery() != null || issuer.getRawFragment() != null) {
            throw new CliauthException(Failure.CONFIGURATION, "Issuer '" + issuer + "' must not have a query or fragment.");
        }
        if (issuer.getRawUserInfo() != null) {
            throw new CliauthException(Failure.CONFIGURATION, "Issuer '" + issuer + "' must not contain a user name or password.");
        }
        if (scheme.equals("http") && !isLoopback(issuer.getHost())) {
            throw new CliauthException(Failure.CONFIGURATION, "Issuer '" + issuer + "' uses plain http; only https is accepted except for loopback hosts (127.0.0.1, ::1, localhost).");
        }
        return issuer;
    }

    /** Whether a host name or literal address is on this machine's loopback interface, without a DNS lookup. */
    public static boolean isLoopback(String host) {
        return LoopbackHost.is(host);
    }

    /**
     * Whether an address the provider names (an endpoint in its metadata, a device-flow verification page) may be used
     * for this issuer: only {@code https}, unless the issuer itself is on loopback, where no network sits between cliauth
     * and a test or development provider. Codes, tokens and the person's password go to these addresses, and RFC 6749
     * §3.1 and §3.2 require TLS at the authorization and token endpoints; an https issuer naming an http endpoint is a
     * misconfiguration at best, and at worst a document that sends the login to an address anyone on the way can read.
     */
    public static boolean allows(URI issuer, URI address) {
        if (issuer.getHost() != null && isLoopback(issuer.getHost())) {
            return true;
        }
        return address.isAbsolute() && "https".equalsIgnoreCase(address.getScheme()) && address.getHost() != null;
    }
}
