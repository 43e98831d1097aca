package dev.cliauth.core.provider;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * A profile's provider-specific settings, all optional: old profile files have none of them.
 *
 * @param preset             the preset named with {@code --provider}; when empty, it is detected from the issuer
 * @param audience           Auth0's {@code audience}: the API the access token is for
 * @param installedAppSecret the client secret of a Google installed-app ("Desktop") client, which Google does not
 *                           treat as confidential but requires; kept in the 0600 profile file, never printed
 */
public record ProviderSettings(Optional<ProviderPreset> preset, Optional<String> audience, Optional<InstalledAppSecret> installedAppSecret) {
    public static final ProviderSettings NONE = new ProviderSettings(Optional.empty(), Optional.empty(), Optional.empty());

    public ProviderSettings {
        Objects.requireNonNull(preset, "preset");
        audience = Objects.requireNonNull(audience, "audience").map(String::trim).filter(a -> !a.isEmpty());
        Objects.requireNonNull(installedAppSecret, "installedAppSecret");
    }

    /** The named preset, else the one detected from the issuer's host, else plain OpenID Connect. */
    public ProviderPreset effectivePreset(URI issuer) {
        return preset.or(() -> ProviderPreset.detect(issuer)).orElse(ProviderPreset.OIDC);
    }

    public ProviderSettings withPreset(ProviderPreset value) {
        return new ProviderSettings(Optional.of(value), audience, installedAppSecret);
    }

    public ProviderSettings withAudience(String value) {
        return new ProviderSettings(preset, Optional.ofNullable(value), installedAppSecret);
    }

    public ProviderSettings withInstalledAppSecret(InstalledAppSecret value) {
        return new ProviderSettings(preset, audience, Optional.ofNullable(value));
    }

    /**
     * A client secret that the provider documents as not confidential (Google's installed-app clients), which a
     * public client must still send. Never printed: {@link #toString()} hides it.
     */
    public record InstalledAppSecret(String value) {
        public InstalledAppSecret {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("empty client secret");
            }
        }

        @Override
        public String toString() {
            return "InstalledAppSecret[hidden]";
        }
    }
}
