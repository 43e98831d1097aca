package dev.cliauth.cli.devidp;

import java.net.URI;
import java.nio.file.Path;

/** What {@link DevIdp#status()} found: a sealed type so that the CLI's {@code switch} must handle every case. */
public sealed interface DevIdpStatus permits DevIdpStatus.Running, DevIdpStatus.Unhealthy, DevIdpStatus.Stopped {

    /** Our Keycloak process is alive and the {@code open} realm's discovery document answers. */
    record Running(long pid, int port, URI openIssuer, URI strictIssuer) implements DevIdpStatus {
    }

    /**
     * Our Keycloak process is alive but its discovery does not answer: it is still starting (perhaps started by a
     * cliauth that was interrupted), or it hangs. {@link DevIdp#start} waits for it; {@link DevIdp#stop} ends it.
     */
    record Unhealthy(long pid, int port, Path logFile) implements DevIdpStatus {
    }

    /** No instance record, or one whose process is gone (a stale record counts as stopped). */
    record Stopped() implements DevIdpStatus {
    }
}
