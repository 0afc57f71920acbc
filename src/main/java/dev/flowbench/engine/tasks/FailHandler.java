package dev.flowbench.engine.tasks;

import dev.flowbench.engine.LogLevel;
import dev.flowbench.engine.TaskContext;
import dev.flowbench.engine.TaskOutcome;
import dev.flowbench.engine.Truth;
import dev.flowbench.flow.FailTask;
import java.util.Map;

/**
 * Fails with the rendered {@code errorMessage}; given a {@code condition}, only when it holds, and then as Kestra 2.0
 * does (asked of kestra-oracle): the message logged at ERROR, the task failing with "Fail on a condition".
 */
public final class FailHandler implements TaskHandler<FailTask> {

    @Override
    public TaskOutcome run(FailTask task, TaskContext context) {
        if (task.condition() == null) {
            return TaskOutcome.failed(context.render(task.errorMessage()));
        }
        if (!Truth.holds(context.render(task.condition()))) {
            return TaskOutcome.success(Map.of());
        }
        context.log(LogLevel.ERROR, "flowbench", context.render(task.errorMessage()));
        return TaskOutcome.failed("Fail on a condition");
    }
}
