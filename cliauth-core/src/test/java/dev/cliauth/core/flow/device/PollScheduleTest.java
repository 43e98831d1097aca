package dev.cliauth.core.flow.device;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PollScheduleTest {
    private static final Duration FIVE = Duration.ofSeconds(5);

    @Test
    void startsAtTheInterval() {
        assertThat(PollSchedule.every(FIVE).nextWait()).isEqualTo(FIVE);
    }

    @Test
    void slowDownAddsFiveSecondsToEveryLaterWait() {
        PollSchedule slowed = PollSchedule.every(FIVE).slowedDown().slowedDown();

        assertThat(slowed.nextWait()).isEqualTo(Duration.ofSeconds(15));
        assertThat(slowed.answered().nextWait()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void failuresDoubleTheWaitUpToAMinuteAndAnAnswerRestoresTheInterval() {
        PollSchedule schedule = PollSchedule.every(FIVE);
        long[] expected = {10, 20, 40, 60, 60};
        for (long seconds : expected) {
            schedule = schedule.failed();
            assertThat(schedule.nextWait()).isEqualTo(Duration.ofSeconds(seconds));
        }
        assertThat(schedule.interval()).isEqualTo(FIVE);
        assertThat(schedule.answered().nextWait()).isEqualTo(FIVE);
    }

    @Test
    void backingOffNeverWaitsLessThanAnIntervalLongerThanTheCap() {
        PollSchedule slow = PollSchedule.every(Duration.ofSeconds(90));

        assertThat(slow.failed().nextWait()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void refusesAWaitShorterThanTheInterval() {
        assertThatThrownBy(() -> new PollSchedule(FIVE, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PollSchedule.every(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
