package dev.cliauth.core.flow.device;

import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.device.DeviceCode;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The provider's device authorization response (RFC 8628 §3.2). The device code is the poll's credential and
 * never leaves this process: {@link #toString()} does not show it, and nothing prints it.
 *
 * @param deviceCode              what the polls present (secret)
 * @param userCode                what the person types at the verification page
 * @param verificationUri         where the person goes
 * @param verificationUriComplete that page with the user code already in it (§3.3.1), when offered
 * @param expiresIn               how long the codes last, from the request
 * @param interval                the least time between polls (§3.5)
 */
public record DeviceAuthorization(DeviceCode deviceCode, String userCode, URI verificationUri, Optional<URI> verificationUriComplete,
                                  Duration expiresIn, Duration interval) {

    /** The interval to use when the provider states none (RFC 8628 §3.2). */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

    public DeviceAuthorization {
        Objects.requireNonNull(deviceCode);
        Objects.requireNonNull(userCode);
        Objects.requireNonNull(verificationUri);
        Objects.requireNonNull(verificationUriComplete);
        if (expiresIn == null || expiresIn.isNegative() || expiresIn.isZero()) {
            throw new IllegalArgumentException("a device authorization must expire in a positive time");
        }
        interval = interval == null || interval.isNegative() || interval.isZero() ? DEFAULT_INTERVAL : interval;
    }

    /** From Nimbus's parsed response; a zero or absent interval becomes the default five seconds. */
    public static DeviceAuthorization from(DeviceAuthorizationSuccessResponse response) {
        return new DeviceAuthorization(response.getDeviceCode(), response.getUserCode().getValue(), response.getVerificationURI(),
                Optional.ofNullable(response.getVerificationURIComplete()), Duration.ofSeconds(response.getLifetime()),
                Duration.ofSeconds(response.getInterval()));
    }

    @Override
    public String toString() {
        return "DeviceAuthorization[userCode=" + userCode + ", verificationUri=" + verificationUri
                + ", verificationUriComplete=" + verificationUriComplete.map(URI::toString).orElse("none")
                + ", expiresIn=" + expiresIn + ", interval=" + interval + "]";
    }
}
