package dev.cliauth.core.flow.device;

import org.junit.jupiter.api.Test;

import static dev.cliauth.core.flow.device.DeviceTestBed.pending;
import static dev.cliauth.core.flow.device.DeviceTestBed.seconds;
import static dev.cliauth.core.flow.device.DeviceTestBed.slowDown;
import static dev.cliauth.core.flow.device.DeviceTestBed.tokens;
import static org.assertj.core.api.Assertions.assertThat;

/** RFC 8628 §3.5: each {@code slow_down} adds five seconds to the interval, for that poll and every later one. */
class DeviceFlowHonoursSlowDownTest {

    @Test
    void eachSlowDownAddsFiveSecondsForGood() {
        try (DeviceTestBed bed = new DeviceTestBed()) {
            bed.issuesCodes(600);
            bed.pollsAnswer(slowDown(), slowDown(), pending(), tokens());

            DeviceOutcome outcome = bed.login().login(bed.profile(), bed.metadata(), new DeviceOptions(false, false, false));

            assertThat(outcome).isInstanceOf(DeviceOutcome.Completed.class);
            assertThat(bed.sleeps).isEqualTo(seconds(5, 10, 15, 15));
            assertThat(bed.polls()).hasSize(4);
        }
    }

    @Test
    void slowDownAddsToTheServedInterval() {
        try (DeviceTestBed bed = new DeviceTestBed()) {
            bed.deviceAnswers(bed.codes(600, 8, false));
            bed.pollsAnswer(slowDown(), tokens());

            bed.login().login(bed.profile(), bed.metadata(), new DeviceOptions(false, false, false));

            assertThat(bed.sleeps).isEqualTo(seconds(8, 13));
        }
    }
}
