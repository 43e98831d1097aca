package dev.cliauth.core.token.keychain;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Keychains#probe} found: a keychain that answered, or why there is none
 * ("DBUS_SESSION_BUS_ADDRESS is not set"), so the CLI can say which store it uses and why.
 *
 * @param keychain the keychain, when one answered in time
 * @param reason   for people to read: why there is no keychain, or which one answered
 */
public record KeychainProbe(Optional<Keychain> keychain, String reason) {

    public KeychainProbe {
        Objects.requireNonNull(keychain);
        Objects.requireNonNull(reason);
    }

    static KeychainProbe found(Keychain keychain) {
        return new KeychainProbe(Optional.of(keychain), keychain.name() + " answered");
    }

    static KeychainProbe absent(String reason) {
        return new KeychainProbe(Optional.empty(), reason);
    }
}
