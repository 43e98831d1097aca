package dev.cliauth.cli.commands;

import dev.cliauth.core.flow.token.Want;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.Optional;

/** Which access token a command hands on: {@code --resource}, {@code --scope}, {@code --min-valid}. */
public final class TokenOptions {
    @Option(names = "--resource", paramLabel = "URI", description = "An access token for this resource (RFC 8707), obtained with the"
            + " session's refresh token and kept beside the main one. Entra ID: the resource's RESOURCE/.default scope.")
    String resource;

    @Option(names = "--scope", paramLabel = "\"S ...\"", description = "An access token for these scopes (narrower than the profile's),"
            + " obtained with the session's refresh token and kept beside the main one.")
    String scope;

    @Option(names = "--min-valid", paramLabel = "DURATION", description = "Refresh first unless the token is good for at least this long,"
            + " like 5m (default: a tenth of its lifetime, at most 60s).")
    Duration minValid;

    /** The access token these options ask for. */
    public Want want() {
        return new Want(Want.Kind.ACCESS, Optional.ofNullable(resource), Optional.ofNullable(scope), Optional.ofNullable(minValid));
    }
}
