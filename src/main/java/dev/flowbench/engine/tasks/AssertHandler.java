package dev.flowbench.engine.tasks;

import dev.flowbench.engine.LogLevel;
import dev.flowbench.engine.TaskContext;
import dev.flowbench.engine.TaskOutcome;
import dev.flowbench.engine.Truth;
import dev.flowbench.flow.AssertTask;
import java.util.Map;

/**
 * Every condition is rendered; each that does not hold is logged at ERROR as Kestra words it ("Assertion `...`
 * failed!"), and the task fails with "N assertions failed!", its {@code errorMessage} on the next line (as Kestra 2.0
 * words it, asked of kestra-oracle).
 */
public final class AssertHandler implements TaskHandler<AssertTask> {

    @Override
    public TaskOutcome run(AssertTask task, TaskContext context) {
        int failed = 0;
        for (String condition : task.conditions()) {
            if (!Truth.holds(context.render(condition))) {
                failed++;
                context.log(LogLevel.ERROR, "flowbench", "Assertion `" + condition + "` failed!");
            }
        }
        if (failed == 0) {
            return TaskOutcome.success(Map.of());
        }
        String counted = failed + (failed == 1 ? " assertion failed!" : " assertions failed!");
        return TaskOutcome.failed(task.errorMessage() == null ? counted : counted + "\n" + context.render(task.errorMessage()));
    }
}
