package dev.cliauth.core.config;

import dev.cliauth.core.oauth.ResourceUrl;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code cliauth login --resource URL} set a profile up for: the protected resource (an API, an MCP server) its
 * main token is for, sent as {@code resource} (RFC 8707) in every authorization, token and refresh request, and how
 * its client came to be. The authorization server is the profile's issuer; the client its client id.
 *
 * @param resource              the resource identifier, exactly as the resource's metadata states it (RFC 9728 §3.3)
 * @param registered            whether cliauth registered the client itself (RFC 7591) rather than being given one
 * @param registrationClientUri where the registered client can be read, updated or deleted (RFC 7592), when the server
 *                              named one; the token that authorises that is a secret, kept with the session, never here
 */
public record ResourceBinding(URI resource, boolean registered, Optional<URI> registrationClientUri) {
    public ResourceBinding {
        ResourceUrl.check(resource);
        Objects.requireNonNull(registrationClientUri, "registrationClientUri");
    }

    /** A resource whose client was given (configured or {@code --client-id}), not registered here. */
    public static ResourceBinding withGivenClient(URI resource) {
        return new ResourceBinding(resource, false, Optional.empty());
    }
}
