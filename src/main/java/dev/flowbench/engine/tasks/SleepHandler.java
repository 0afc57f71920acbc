package dev.flowbench.engine.tasks;

import dev.flowbench.engine.State;
import dev.flowbench.engine.TaskContext;
import dev.flowbench.engine.TaskOutcome;
import dev.flowbench.flow.IsoDuration;
import dev.flowbench.flow.SleepTask;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Waits its {@code duration}; a cancel or the task's timeout ends the wait at once (KILLED), as for a process. */
public final class SleepHandler implements TaskHandler<SleepTask> {

    @Override
    public TaskOutcome run(SleepTask task, TaskContext context) throws InterruptedException {
        String rendered = task.duration() == null ? "" : context.render(task.duration()).trim();
        Duration duration = IsoDuration.parse(rendered).orElse(null);
        if (duration == null) {
            return TaskOutcome.failed("duration '" + rendered + "' is not an ISO-8601 duration (PT5S) or a number of seconds");
        }
        Instant until = Instant.now().plus(duration);
        boolean timesOut = context.deadline() != null && context.deadline().isBefore(until);
        Instant end = timesOut ? context.deadline() : until;
        CountDownLatch cancelled = new CountDownLatch(1);
        Runnable forget = context.cancellation().whenCancelled(cancelled::countDown);
        try {
            long wait = Math.max(0, Duration.between(Instant.now(), end).toNanos());
            if (cancelled.await(wait, TimeUnit.NANOSECONDS)) {
                return new TaskOutcome(State.KILLED, "cancelled", Map.of());
            }
        } finally {
            forget.run();
        }
        return timesOut ? new TaskOutcome(State.KILLED, "timed out while sleeping " + rendered, Map.of())
                : TaskOutcome.success(Map.of());
    }
}
