package dev.flowbench.engine;

import dev.flowbench.runner.Cancellation;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A wait that a cancellation or a deadline cuts short. */
public final class Waits {

    /** How a wait ended. */
    public enum End { ELAPSED, CANCELLED, DEADLINE }

    private Waits() {
    }

    /** Waits {@code duration}, less if {@code deadline} (null: none) comes first or {@code stop} is raised. */
    public static End sleep(Duration duration, Instant deadline, Cancellation stop) throws InterruptedException {
        Instant until = Instant.now().plus(duration);
        boolean cut = deadline != null && deadline.isBefore(until);
        CountDownLatch cancelled = new CountDownLatch(1);
        Runnable forget = stop.whenCancelled(cancelled::countDown);
        try {
            long wait = Math.max(0, Duration.between(Instant.now(), cut ? deadline : until).toNanos());
            if (cancelled.await(wait, TimeUnit.NANOSECONDS)) {
                return End.CANCELLED;
            }
        } finally {
            forget.run();
        }
        return cut ? End.DEADLINE : End.ELAPSED;
    }
}
