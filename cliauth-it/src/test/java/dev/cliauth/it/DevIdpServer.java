package dev.cliauth.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The dev IdP (a real Keycloak) for the whole test run, started through {@code bin/cliauth dev-idp start} as a user
 * would. It is started once per JVM; if this run started it, it is stopped when the JVM exits.
 */
final class DevIdpServer {
    private static String issuer;

    private DevIdpServer() {
    }

    /** The open realm's issuer, starting the dev IdP if needed. */
    static synchronized String openIssuer() throws Exception {
        if (issuer != null) {
            return issuer;
        }
        Path home = Files.createTempDirectory("cliauth-devidp-it");
        Cli cli = new Cli(home);
        boolean wasRunning = cli.run(Duration.ofSeconds(60), "dev-idp", "status").exitCode() == 0;
        Cli.Result started = cli.run(Duration.ofMinutes(10), "dev-idp", "start", "--timeout", "8m");
        if (started.exitCode() != 0) {
            throw new AssertionError("dev-idp start failed (" + started.exitCode() + "):\n" + started.stderr());
        }
        issuer = started.stdout().trim();
        if (!wasRunning) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    cli.run(Duration.ofSeconds(60), "dev-idp", "stop");
                } catch (Exception ignored) {
                    // the JVM is exiting; CI ends leftover processes
                }
            }));
        }
        return issuer;
    }

    static String strictIssuer() throws Exception {
        return openIssuer().replace("/realms/open", "/realms/strict");
    }
}
