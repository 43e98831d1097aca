package dev.cliauth.cli.commands;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --ca-file}: for networks that intercept TLS. */
public final class NetworkOptions {
    @Option(names = "--ca-file", paramLabel = "PEM", description = "Also trust the CA certificates in this PEM file (a corporate TLS-intercepting proxy's CA). Default: $SSL_CERT_FILE when set.")
    Path caFile;
}
