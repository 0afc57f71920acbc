package dev.flowbench.engine.tasks;

import dev.flowbench.engine.TaskContext;
import dev.flowbench.engine.TaskOutcome;
import dev.flowbench.flow.ReturnTask;
import java.util.HashMap;
import java.util.Map;

/** Renders {@code format} and returns it as {@code outputs.<id>.value}. */
public final class ReturnHandler implements TaskHandler<ReturnTask> {

    @Override
    public TaskOutcome run(ReturnTask task, TaskContext context) {
        Map<String, Object> outputs = new HashMap<>();
        outputs.put("value", task.format() == null ? null : context.render(task.format()));
        return TaskOutcome.success(outputs);
    }
}
