package dev.cliauth.core.oauth;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import net.minidev.json.JSONObject;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * OAuth 2.0 Protected Resource Metadata (RFC 9728 §2): which authorization servers issue tokens for a protected
 * resource, and what it accepts. Nimbus 11 has no type for it, so this record is one in its manner: an immutable value
 * read from the JSON with Nimbus's {@link JSONObjectUtils}, which refuses a field of the wrong type.
 *
 * @param resource             the resource identifier the document is about ({@code resource}, required)
 * @param authorizationServers the issuers of its authorization servers ({@code authorization_servers}); may be empty
 * @param scopesSupported      the scopes it names for requests to it ({@code scopes_supported}); may be empty
 * @param resourceName         a name for people to read ({@code resource_name})
 */
public record ProtectedResourceMetadata(URI resource, List<URI> authorizationServers, List<String> scopesSupported, Optional<String> resourceName) {
    public ProtectedResourceMetadata {
        Objects.requireNonNull(resource, "resource");
        authorizationServers = List.copyOf(authorizationServers);
        scopesSupported = List.copyOf(scopesSupported);
        Objects.requireNonNull(resourceName, "resourceName");
    }

    /** Reads the metadata; a missing {@code resource} or a field of the wrong type is a {@link ParseException}. */
    public static ProtectedResourceMetadata parse(JSONObject json) throws ParseException {
        URI resource = JSONObjectUtils.getURI(json, "resource");
        List<URI> servers = json.containsKey("authorization_servers")
                ? JSONObjectUtils.getStringList(json, "authorization_servers").stream().map(ProtectedResourceMetadata::uri).toList()
                : List.of();
        List<String> scopes = json.containsKey("scopes_supported") ? JSONObjectUtils.getStringList(json, "scopes_supported") : List.of();
        return new ProtectedResourceMetadata(resource, servers, scopes, Optional.ofNullable(JSONObjectUtils.getString(json, "resource_name", null)));
    }

    private static URI uri(String text) {
        try {
            return new URI(text);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("authorization_servers entry is not a URI: " + e.getMessage(), e);
        }
    }
}
