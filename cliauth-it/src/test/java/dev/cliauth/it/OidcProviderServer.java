package dev.cliauth.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The npm {@code oidc-provider} (cliauth-it/src/test/node, installed by bin/test with npm) as an authorization server
 * with open dynamic client registration and resource indicators for one protected resource: a second real provider,
 * independent of Keycloak. Started per test on a free loopback port, stopped on close.
 */
final class OidcProviderServer implements AutoCloseable {
    static final Path PROJECT = Cli.ROOT.resolve("cliauth-it/src/test/node");

    private final Process process;
    private final String issuer;

    private OidcProviderServer(Process process, String issuer) {
        this.process = process;
        this.issuer = issuer;
    }

    /** Starts it for {@code resource}; fails when the node project was not installed. */
    static OidcProviderServer start(String resource) throws Exception {
        if (!Files.isDirectory(PROJECT.resolve("node_modules/oidc-provider"))) {
            throw new AssertionError("oidc-provider is not installed in " + PROJECT + ": run bin/test, which runs 'npm ci' there");
        }
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = free.getLocalPort();
        }
        Process process = new ProcessBuilder("node", "resource-provider.mjs", String.valueOf(port), resource).directory(PROJECT.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("listening ")) {
                        return line.substring("listening ".length()).strip();
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
        String issuer = ready.get(60, TimeUnit.SECONDS);
        if (issuer == null) {
            process.destroyForcibly();
            throw new AssertionError("oidc-provider did not start (exit " + process.waitFor() + ")");
        }
        return new OidcProviderServer(process, issuer);
    }

    String issuer() {
        return issuer;
    }

    String jwksUri() {
        return issuer + "/jwks";
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
