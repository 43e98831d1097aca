package dev.cliauth.core.flow.resource;

import dev.cliauth.core.config.Profile;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What {@code login --resource} is asked.
 *
 * @param profile  the profile's name
 * @param resource the protected resource
 * @param issuer   the authorization server chosen among those the resource names ({@code --issuer}), if any
 * @param clientId a client registered for cliauth at that server ({@code --client-id}), if any: then none is registered
 * @param scope    the scope to ask for ({@code --scope}); else the profile's for this resource, else the chain's default
 * @param port     the loopback port ({@code --port}), which a registered redirect URI then names; else the profile's
 * @param settings the person's other flags (browser, timeout, DPoP), applied to the profile last
 */
public record ResourceRequest(String profile, URI resource, Optional<URI> issuer, Optional<String> clientId, Optional<String> scope,
                              Optional<Integer> port, UnaryOperator<Profile> settings) {
    public ResourceRequest {
        Profile.checkName(profile);
        Objects.requireNonNull(resource);
        Objects.requireNonNull(issuer);
        Objects.requireNonNull(clientId);
        Objects.requireNonNull(scope);
        Objects.requireNonNull(port);
        Objects.requireNonNull(settings);
    }

    /** Only the resource, for the profile: everything else from the profile or discovered. */
    public static ResourceRequest of(String profile, URI resource) {
        return new ResourceRequest(profile, resource, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), UnaryOperator.identity());
    }
}
