package dev.cliauth.core.flow.token;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Which token a caller wants from a profile's session: its access token (the default), its ID token (what a
 * Kubernetes API server's OIDC authenticator validates), or an access token for another resource (RFC 8707) or a
 * narrower scope, obtained with the session's refresh token and kept beside the main one; and how long it must
 * still be good for.
 *
 * @param kind     the access token or the ID token
 * @param resource an RFC 8707 resource indicator the access token is for, when not the profile's own
 * @param scope    the scope asked for, when not the profile's own
 * @param minValid how long the token must still be valid; a token with less left is refreshed first
 */
public record Want(Kind kind, Optional<String> resource, Optional<String> scope, Optional<Duration> minValid) {

    /** The access token or the ID token. */
    public enum Kind {
        ACCESS, ID
    }

    public Want {
        Objects.requireNonNull(kind);
        resource = resource.map(String::strip).filter(r -> !r.isEmpty());
        scope = scope.map(s -> s.trim().replaceAll("\\s+", " ")).filter(s -> !s.isEmpty());
        Objects.requireNonNull(minValid);
        if (kind == Kind.ID && (resource.isPresent() || scope.isPresent())) {
            throw new IllegalArgumentException("an ID token is for the client: it has no resource or scope of its own");
        }
    }

    /** The profile's access token. */
    public static Want access() {
        return new Want(Kind.ACCESS, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The profile's ID token. */
    public static Want idToken() {
        return new Want(Kind.ID, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public Want withMinValid(Duration value) {
        return new Want(kind, resource, scope, Optional.of(value));
    }

    /**
     * Whether this asks for an access token other than the profile's main one: for a resource other than the one the
     * profile was set up for ({@code login --resource}), or a scope other than the profile's.
     */
    public boolean isDerived(dev.cliauth.core.config.Profile profile) {
        java.util.Optional<String> own = profile.resource().map(binding -> binding.resource().toString());
        return kind == Kind.ACCESS && (resource.filter(r -> !own.equals(java.util.Optional.of(r))).isPresent()
                || scope.filter(s -> !s.equals(profile.scope())).isPresent());
    }

    /** The key a derived token is kept under in the session: resource and scope, as asked. */
    public String derivedKey() {
        return resource.orElse("") + " " + scope.orElse("");
    }
}
