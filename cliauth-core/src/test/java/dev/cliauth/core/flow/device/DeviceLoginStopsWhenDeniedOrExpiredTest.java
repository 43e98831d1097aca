package dev.cliauth.core.flow.device;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.cliauth.core.flow.device.DeviceTestBed.DEVICE_CODE;
import static dev.cliauth.core.flow.device.DeviceTestBed.START;
import static dev.cliauth.core.flow.device.DeviceTestBed.oauthError;
import static dev.cliauth.core.flow.device.DeviceTestBed.pending;
import static dev.cliauth.core.flow.device.DeviceTestBed.seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class DeviceLoginStopsWhenDeniedOrExpiredTest {
    private static final DeviceOptions QUIET = new DeviceOptions(false, false, false);

    @Test
    void accessDeniedStopsPollingAndFailsTheLogin() {
        try (DeviceTestBed bed = new DeviceTestBed()) {
            bed.issuesCodes(600);
            bed.pollsAnswer(pending(), oauthError(400, "access_denied", "The end-user denied the authorization request"));

            CliauthException e = catchThrowableOfType(CliauthException.class, () -> bed.login().login(bed.profile(), bed.metadata(), QUIET));

            assertThat(e.failure()).isEqualTo(Failure.LOGIN_FAILED);
            assertThat(e.getMessage()).contains("the request was denied").contains("access_denied");
            assertThat(bed.polls()).hasSize(2);
        }
    }

    @Test
    void expiredTokenIsATimeoutAskingToRunTheCommandAgain() {
        try (DeviceTestBed bed = new DeviceTestBed()) {
            bed.issuesCodes(600);
            bed.pollsAnswer(pending(), oauthError(400, "expired_token", "Device code expired"));

            CliauthException e = catchThrowableOfType(CliauthException.class, () -> bed.login().login(bed.profile(), bed.metadata(), QUIET));

            assertThat(e.failure()).isEqualTo(Failure.TIMEOUT);
            assertThat(e.getMessage()).contains("the code expired; run the command again");
            assertThat(bed.polls()).hasSize(2);
        }
    }

    @Test
    void reachingTheExpiryWithoutAnAnswerStopsWithoutPollingPastIt() {
        try (DeviceTestBed bed = new DeviceTestBed()) {
            bed.issuesCodes(20);
            bed.pollsAnswer(pending());

            CliauthException e = catchThrowableOfType(CliauthException.class, () -> bed.login().login(bed.profile(), bed.metadata(), QUIET));

            assertThat(e.failure()).isEqualTo(Failure.TIMEOUT);
            assertThat(e.getMessage()).contains("the code expired; run the command again");
            // polls at 5, 10 and 15 s; one at 20 s would be at the deadline
            assertThat(bed.sleeps).isEqualTo(seconds(5, 5, 5));
            assertThat(bed.polls()).hasSize(3);
            assertThat(bed.clock.instant()).isBefore(START.plusSeconds(20));
        }
    }

    @Test
    void anyOtherErrorFailsTheLoginQuotingTheProvider() {
        try (DeviceTestBed bed = new DeviceTestBed()) {
            bed.issuesCodes(600);
            bed.pollsAnswer(oauthError(400, "invalid_grant", "Device code not valid"));

            CliauthException e = catchThrowableOfType(CliauthException.class, () -> bed.login().login(bed.profile(), bed.metadata(), QUIET));

            assertThat(e.failure()).isEqualTo(Failure.LOGIN_FAILED);
            assertThat(e.getMessage()).contains("invalid_grant: Device code not valid");
            assertThat(bed.polls()).hasSize(1);
        }
    }

    @Test
    void aProviderEchoingTheDeviceCodeDoesNotGetItIntoTheMessage() {
        try (DeviceTestBed bed = new DeviceTestBed()) {
            bed.issuesCodes(600);
            bed.pollsAnswer(oauthError(400, "invalid_grant", "Unknown code " + DEVICE_CODE));

            CliauthException e = catchThrowableOfType(CliauthException.class, () -> bed.login().login(bed.profile(), bed.metadata(), QUIET));

            assertThat(e.getMessage()).contains("invalid_grant: Unknown code").doesNotContain(DEVICE_CODE);
        }
    }

    @Test
    void anInterruptedWaitCancelsTheLoginAndKeepsTheInterrupt() {
        try (DeviceTestBed bed = new DeviceTestBed()) {
            bed.issuesCodes(600);
            bed.pollsAnswer(pending());

            CliauthException e = catchThrowableOfType(CliauthException.class, () -> bed.login((Duration d) -> {
                throw new InterruptedException();
            }).login(bed.profile(), bed.metadata(), QUIET));

            try {
                assertThat(e.failure()).isEqualTo(Failure.CANCELLED);
                assertThat(e.getMessage()).isEqualTo("Login cancelled.");
                assertThat(Thread.currentThread().isInterrupted()).isTrue();
                assertThat(bed.polls()).isEmpty();
            } finally {
                Thread.interrupted(); // clear it for the next test on this thread
            }
        }
    }
}
