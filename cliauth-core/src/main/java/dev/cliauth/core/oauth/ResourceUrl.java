package dev.cliauth.core.oauth;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.net.LoopbackHost;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Protected resource identifiers (RFC 9728 §1.2, RFC 8707 §2): an absolute {@code https} URL without a fragment —
 * plain {@code http} only on a loopback host, as for issuers ({@link IssuerUrl}) — and without a user name, which
 * would be sent to wherever the metadata says. A query is allowed, as RFC 9728 recognises, though discouraged.
 */
public final class ResourceUrl {
    private ResourceUrl() {
    }

    /** Parses and checks a resource URL given by a person. */
    public static URI parse(String text) {
        try {
            return check(new URI(text.trim()));
        } catch (URISyntaxException e) {
            throw new CliauthException(Failure.CONFIGURATION, "'" + text + "' is not a URL; give the protected resource like https://api.example.com/mcp.");
        }
    }

    /** Checks a resource URL; returns it unchanged when it is acceptable. */
    public static URI check(URI resource) {
        if (resource == null) {
            throw new CliauthException(Failure.CONFIGURATION, "No protected resource is given; give --resource URL.");
        }
        String scheme = resource.getScheme() == null ? "" : resource.getScheme().toLowerCase(Locale.ROOT);
        if (!resource.isAbsolute() || resource.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new CliauthException(Failure.CONFIGURATION, "Resource '" + resource + "' must be an absolute https:// URL.");
        }
        if (resource.getRawFragment() != null || resource.getRawUserInfo() != null) {
            throw new CliauthException(Failure.CONFIGURATION, "Resource '" + resource + "' must not have a fragment, user name or password (RFC 8707 §2).");
        }
        if (scheme.equals("http") && !LoopbackHost.is(resource.getHost())) {
            throw new CliauthException(Failure.CONFIGURATION, "Resource '" + resource
                    + "' uses plain http; only https is accepted except for loopback hosts (127.0.0.1, ::1, localhost).");
        }
        return resource;
    }

    /**
     * A well-known URL for {@code url} with the suffix inserted between the host and the path (RFC 9728 §3.1, RFC 8414
     * §3.1): a terminating slash of the path is dropped first, and a query is kept after the path.
     *
     * @param suffix like {@code oauth-protected-resource}
     */
    public static URI wellKnown(URI url, String suffix) {
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String query = url.getRawQuery() == null ? "" : "?" + url.getRawQuery();
        return URI.create(url.getScheme() + "://" + url.getRawAuthority() + "/.well-known/" + suffix + path + query);
    }
}
