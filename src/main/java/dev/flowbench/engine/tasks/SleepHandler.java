package dev.flowbench.engine.tasks;

import dev.flowbench.engine.State;
import dev.flowbench.engine.TaskContext;
import dev.flowbench.engine.TaskOutcome;
import dev.flowbench.engine.Waits;
import dev.flowbench.flow.IsoDuration;
import dev.flowbench.flow.SleepTask;
import java.time.Duration;
import java.util.Map;

/** Waits its {@code duration}; a cancel or the task's timeout ends the wait at once (KILLED), as for a process. */
public final class SleepHandler implements TaskHandler<SleepTask> {

    @Override
    public TaskOutcome run(SleepTask task, TaskContext context) throws InterruptedException {
        String rendered = task.duration() == null ? "" : context.render(task.duration()).trim();
        Duration duration = IsoDuration.parse(rendered).orElse(null);
        if (duration == null) {
            return TaskOutcome.failed("duration '" + rendered + "' is not an ISO-8601 duration (PT5S) or a number of seconds");
        }
        return switch (Waits.sleep(duration, context.deadline(), context.cancellation())) {
            case CANCELLED -> new TaskOutcome(State.KILLED, "cancelled", Map.of());
            case DEADLINE -> new TaskOutcome(State.KILLED, "timed out while sleeping " + rendered, Map.of());
            case ELAPSED -> TaskOutcome.success(Map.of());
        };
    }
}
