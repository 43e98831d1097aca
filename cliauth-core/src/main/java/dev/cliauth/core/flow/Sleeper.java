package dev.cliauth.core.flow;

import java.time.Duration;

/** Waits. Injected so that polling loops can be tested without waiting: a test sleeper records what it was asked. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    /** The real one. */
    static Sleeper system() {
        return duration -> Thread.sleep(duration.toMillis());
    }
}
