package dev.cliauth.core.flow.device;

import com.nimbusds.oauth2.sdk.device.DeviceCode;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeviceAuthorizationTest {
    private static final URI PAGE = URI.create("https://login.example.com/device");
    private static final URI COMPLETE = URI.create("https://login.example.com/device?user_code=WDJB-MJHT");

    @Test
    void toStringShowsTheUserCodeButNeverTheDeviceCode() {
        DeviceAuthorization authorization = new DeviceAuthorization(new DeviceCode("dc-SECRET"), "WDJB-MJHT", PAGE, Optional.of(COMPLETE),
                Duration.ofMinutes(10), Duration.ofSeconds(5));

        assertThat(authorization.toString()).contains("WDJB-MJHT").doesNotContain("dc-SECRET");
    }

    @Test
    void aMissingOrZeroIntervalMeansFiveSeconds() {
        assertThat(authorization(Duration.ZERO, Optional.empty()).interval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(authorization(null, Optional.empty()).interval()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void codesMustExpire() {
        assertThatThrownBy(() -> new DeviceAuthorization(new DeviceCode("dc"), "U", PAGE, Optional.empty(), Duration.ZERO, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static DeviceAuthorization authorization(Duration interval, Optional<URI> complete) {
        return new DeviceAuthorization(new DeviceCode("dc"), "WDJB-MJHT", PAGE, complete, Duration.ofMinutes(10), interval);
    }
}
