package dev.cliauth.cli.commands;

import dev.cliauth.core.oauth.ResourceUrl;
import picocli.CommandLine.Option;

import java.net.URI;
import java.util.Optional;

/** {@code --resource URL} of {@code login} and {@code explain}: a protected resource, followed to its authorization server. */
public final class ResourceOption {
    @Option(names = "--resource", paramLabel = "URL", description = "A protected resource (an API, an MCP server) to sign in to with nothing"
            + " configured: its metadata (RFC 9728) names the authorization server (--issuer chooses when it names several), cliauth"
            + " registers itself there unless --client-id is given (RFC 7591), and the tokens are for that resource only (RFC 8707).")
    String url;

    /** The resource given, checked. */
    Optional<URI> resource() {
        return Optional.ofNullable(url).map(ResourceUrl::parse);
    }
}
