package dev.cliauth.core.flow.resource;

import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import dev.cliauth.core.oauth.ProtectedResourceMetadata;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What discovery found for a protected resource, link by link: where its metadata is and how that was learnt, the
 * authorization servers it names, the one chosen and why, and that server's metadata. Checked as it was read: the
 * metadata is about this resource (RFC 9728 §3.3) and the server's metadata about that server (RFC 8414 §3.3).
 *
 * @param resource       the resource asked for
 * @param metadataUrl    where its metadata was read
 * @param foundVia       how that address was learnt, for people
 * @param metadata       the resource's metadata
 * @param challengeScope the {@code scope} of the resource's 401 challenge, if it gave one (RFC 9728 §5.1)
 * @param server         the authorization server chosen (an issuer)
 * @param chosenBecause  why that one, for people
 * @param serverMetadata the server's metadata
 */
public record ResourceChain(URI resource, URI metadataUrl, String foundVia, ProtectedResourceMetadata metadata, Optional<String> challengeScope,
                            URI server, String chosenBecause, OIDCProviderMetadata serverMetadata) {
    /** The OpenID scopes asked for where the server offers them, so the session knows who signed in. */
    private static final List<String> OPENID_SCOPES = List.of("openid", "profile", "email");

    public ResourceChain {
        Objects.requireNonNull(resource);
        Objects.requireNonNull(metadataUrl);
        Objects.requireNonNull(foundVia);
        Objects.requireNonNull(metadata);
        Objects.requireNonNull(challengeScope);
        Objects.requireNonNull(server);
        Objects.requireNonNull(chosenBecause);
        Objects.requireNonNull(serverMetadata);
    }

    /** Where the server registers clients (RFC 7591), if it does. */
    public Optional<URI> registrationEndpoint() {
        return Optional.ofNullable(serverMetadata.getRegistrationEndpointURI());
    }

    /**
     * The scope to ask for when none is given: the OpenID scopes the server offers (all three when it lists none but
     * publishes a key set, as an OpenID provider does), then the resource's own — its challenge's {@code scope}, else
     * its {@code scopes_supported} (the choice MCP clients make).
     */
    public String defaultScope() {
        Set<String> scopes = new LinkedHashSet<>();
        Scope offered = serverMetadata.getScopes();
        boolean openId = serverMetadata.getJWKSetURI() != null;
        for (String scope : OPENID_SCOPES) {
            if (offered != null && !offered.isEmpty() ? offered.contains(scope) : openId) {
                scopes.add(scope);
            }
        }
        scopes.addAll(challengeScope.map(scope -> List.of(scope.trim().split("\\s+"))).orElse(metadata.scopesSupported()));
        scopes.remove("");
        return String.join(" ", scopes);
    }

    /** The chain as lines for people ({@code explain --resource}), without the client decision. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("resource " + resource + metadata.resourceName().map(name -> " (" + name + ")").orElse(""));
        lines.add("its metadata: " + metadataUrl + " (" + foundVia + ")");
        lines.add("authorization servers it names: " + metadata.authorizationServers());
        lines.add("authorization server: " + server + " (" + chosenBecause + ")");
        lines.add("server's registration endpoint: " + registrationEndpoint().map(URI::toString).orElse("none (no dynamic registration)"));
        lines.add("scope asked for unless --scope: " + (defaultScope().isEmpty() ? "(none)" : defaultScope()));
        return lines;
    }
}
