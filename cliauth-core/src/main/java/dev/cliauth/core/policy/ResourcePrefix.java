package dev.cliauth.core.policy;

import dev.cliauth.core.oauth.ResourceUrl;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the policy's {@code allowed_resources}: a URL that allows itself and everything under it. Compared by
 * parts, never as a string prefix: the scheme and host (case-insensitive) and the port must be the same, and the path
 * must be the entry's or continue it at a {@code /} — so {@code https://api.example.com/mcp} allows
 * {@code https://api.example.com/mcp/v2}, but neither {@code https://api.example.com/mcp-admin} nor
 * {@code https://api.example.com.evil.test/mcp}.
 *
 * @param text the entry as written in the policy file
 */
public record ResourcePrefix(String text) {
    public ResourcePrefix {
        Objects.requireNonNull(text);
        ResourceUrl.parse(text);
    }

    /** Whether {@code resource} is this entry or under it. */
    public boolean allows(URI resource) {
        URI prefix = URI.create(text);
        if (!prefix.getScheme().equalsIgnoreCase(resource.getScheme()) || resource.getHost() == null
                || !prefix.getHost().toLowerCase(Locale.ROOT).equals(resource.getHost().toLowerCase(Locale.ROOT))
                || port(prefix) != port(resource)) {
            return false;
        }
        String base = prefix.getRawPath() == null ? "" : prefix.getRawPath();
        String path = resource.getRawPath() == null ? "" : resource.getRawPath();
        if (prefix.getRawQuery() != null) { // an entry with a query allows that resource only
            return base.equals(path) && prefix.getRawQuery().equals(resource.getRawQuery());
        }
        return base.isEmpty() || base.equals("/") || path.equals(base) || path.startsWith(base.endsWith("/") ? base : base + "/");
    }

    /** What both entries allow: the narrower one when one is under the other, else nothing. */
    public Optional<ResourcePrefix> intersect(ResourcePrefix other) {
        if (allows(URI.create(other.text))) {
            return Optional.of(other);
        }
        return other.allows(URI.create(text)) ? Optional.of(this) : Optional.empty();
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    @Override
    public String toString() {
        return text;
    }
}
