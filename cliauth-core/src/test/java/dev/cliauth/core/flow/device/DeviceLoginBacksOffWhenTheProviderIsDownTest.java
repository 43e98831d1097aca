package dev.cliauth.core.flow.device;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static dev.cliauth.core.flow.device.DeviceTestBed.START;
import static dev.cliauth.core.flow.device.DeviceTestBed.oauthError;
import static dev.cliauth.core.flow.device.DeviceTestBed.pending;
import static dev.cliauth.core.flow.device.DeviceTestBed.seconds;
import static dev.cliauth.core.flow.device.DeviceTestBed.tokens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A poll that cannot reach the provider doubles the next wait (to 60 s at most), still bounded by the codes' expiry. */
class DeviceLoginBacksOffWhenTheProviderIsDownTest {
    private static final DeviceOptions QUIET = new DeviceOptions(false, false, false);

    @Test
    void failedPollsDoubleTheWaitAndAnAnswerRestoresTheInterval() {
        try (DeviceTestBed bed = new DeviceTestBed()) {
            bed.issuesCodes(600);
            bed.pollsAnswer(
                    oauthError(503, "temporarily_unavailable", "Try later"),
                    aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE),
                    oauthError(500, "server_error", null),
                    pending(),
                    tokens());

            DeviceOutcome outcome = bed.login().login(bed.profile(), bed.metadata(), QUIET);

            assertThat(outcome).isInstanceOf(DeviceOutcome.Completed.class);
            assertThat(bed.sleeps).isEqualTo(seconds(5, 10, 20, 40, 5));
            assertThat(bed.polls()).hasSize(5);
        }
    }

    @Test
    void anHtmlErrorPageIsBackedOffLikeAnOutage() {
        try (DeviceTestBed bed = new DeviceTestBed()) {
            bed.issuesCodes(600);
            bed.pollsAnswer(aResponse().withStatus(503).withHeader("Content-Type", "text/html").withBody("<html>Service Unavailable</html>"), tokens());

            DeviceOutcome outcome = bed.login().login(bed.profile(), bed.metadata(), QUIET);

            assertThat(outcome).isInstanceOf(DeviceOutcome.Completed.class);
            assertThat(bed.sleeps).isEqualTo(seconds(5, 10));
        }
    }

    @Test
    void anUnreachableProviderIsRetriedUntilTheCodesExpireButNotPastThem() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort(); // nothing listens there once the socket is closed
        }
        try (DeviceTestBed bed = new DeviceTestBed()) {
            bed.issuesCodes(30);

            CliauthException e = catchThrowableOfType(CliauthException.class, () -> bed.login().login(bed.profile(),
                    bed.metadata(json -> json.put("token_endpoint", "http://127.0.0.1:" + closedPort + "/token")), QUIET));

            assertThat(e.failure()).isEqualTo(Failure.TIMEOUT);
            assertThat(e.getMessage()).contains("the code expired").contains("Cannot reach http://127.0.0.1:" + closedPort + "/token");
            // 5, then 10, then 20 cut to 14 so the third poll goes out at 29 s, a second before the deadline
            assertThat(bed.sleeps).isEqualTo(seconds(5, 10, 14));
            assertThat(bed.clock.instant()).isBefore(START.plusSeconds(30));
        }
    }
}
