package dev.flowbench.engine;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The engine's one timer thread: what waits for a time (a Pause's duration or timeout) is an entry here that posts to
 * its execution's conductor when the time comes, never a thread asleep. Entries run no task themselves.
 */
final class Timers {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "flowbench-timers");
        thread.setDaemon(true);
        return thread;
    });

    private Timers() {
    }

    /** Runs {@code action} once after {@code delay}; the handle cancels it. */
    static ScheduledFuture<?> after(Duration delay, Runnable action) {
        return TIMER.schedule(action, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** Runs {@code action} every {@code period}, first after one; the handle cancels it. */
    static ScheduledFuture<?> every(Duration period, Runnable action) {
        return TIMER.scheduleWithFixedDelay(action, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }
}
