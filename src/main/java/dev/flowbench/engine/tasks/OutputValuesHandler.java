package dev.flowbench.engine.tasks;

import dev.flowbench.engine.TaskContext;
import dev.flowbench.engine.TaskOutcome;
import dev.flowbench.flow.OutputValuesTask;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code outputs.<id>.values}: each text rendered, numbers and booleans as written, maps and lists followed
 * (kestra-oracle, Kestra 2.0: {@code number: 3} stays 3, {@code "{{ 1 + 1 }}"} becomes "2").
 */
public final class OutputValuesHandler implements TaskHandler<OutputValuesTask> {

    @Override
    public TaskOutcome run(OutputValuesTask task, TaskContext context) {
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("values", task.values() == null ? Map.of() : Rendered.of(task.values(), context));
        return TaskOutcome.success(outputs);
    }
}
