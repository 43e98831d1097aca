package dev.cliauth.core.flow.device;

import dev.cliauth.core.token.Session;

import java.util.Objects;

/** How a device login ended, short of a failure (those are {@link dev.cliauth.core.CliauthException}s). */
public sealed interface DeviceOutcome {

    /** The person approved; the session is validated but not stored (the caller stores it). */
    record Completed(Session session) implements DeviceOutcome {
        public Completed {
            Objects.requireNonNull(session);
        }
    }

    /**
     * The provider or tenant does not allow the device flow for this client, so the caller falls back to the
     * browser login (PKCE).
     *
     * @param reason one line for a person, quoting the provider's error, never the device code
     */
    record Blocked(String reason) implements DeviceOutcome {
        public Blocked {
            Objects.requireNonNull(reason);
        }
    }
}
