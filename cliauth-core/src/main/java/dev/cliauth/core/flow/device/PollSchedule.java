package dev.cliauth.core.flow.device;

import java.time.Duration;
import java.util.Objects;

/**
 * How long to wait before the next poll (RFC 8628 §3.5). The interval only grows: each {@code slow_down} adds five
 * seconds for that and every later poll. A poll that could not reach the provider doubles the next wait, up to
 * {@link #MAX_BACKOFF}, so a struggling provider is not hammered; the next answer returns to the interval.
 *
 * @param interval the polite interval: the provider's, plus five seconds per {@code slow_down}
 * @param nextWait the wait before the next poll (the interval, or more while backing off)
 */
public record PollSchedule(Duration interval, Duration nextWait) {

    /** What {@code slow_down} adds to the interval (RFC 8628 §3.5). */
    public static final Duration SLOW_DOWN_STEP = Duration.ofSeconds(5);
    /** The longest wait after failed polls; the code's expiry bounds it further. */
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

    public PollSchedule {
        Objects.requireNonNull(interval);
        Objects.requireNonNull(nextWait);
        if (interval.isNegative() || interval.isZero() || nextWait.compareTo(interval) < 0) {
            throw new IllegalArgumentException("the wait must be at least the positive interval");
        }
    }

    /** Polling at the provider's interval. */
    public static PollSchedule every(Duration interval) {
        return new PollSchedule(interval, interval);
    }

    /** After {@code authorization_pending} (or any answer): back to the interval. */
    public PollSchedule answered() {
        return new PollSchedule(interval, interval);
    }

    /** After {@code slow_down}: five seconds more, from now on. */
    public PollSchedule slowedDown() {
        Duration slower = interval.plus(SLOW_DOWN_STEP);
        return new PollSchedule(slower, slower);
    }

    /** After a poll that did not reach the provider: double the wait, at most {@link #MAX_BACKOFF} (or the interval, if larger). */
    public PollSchedule failed() {
        Duration doubled = nextWait.multipliedBy(2);
        Duration cap = MAX_BACKOFF.compareTo(interval) > 0 ? MAX_BACKOFF : interval;
        return new PollSchedule(interval, doubled.compareTo(cap) > 0 ? cap : doubled);
    }
}
