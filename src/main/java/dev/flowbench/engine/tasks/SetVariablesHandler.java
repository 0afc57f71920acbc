package dev.flowbench.engine.tasks;

import dev.flowbench.engine.TaskContext;
import dev.flowbench.engine.TaskOutcome;
import dev.flowbench.flow.SetVariablesTask;
import java.util.List;
import java.util.Map;

/**
 * Renders {@code variables} into the execution's {@code vars} for the tasks after it; a name already there is
 * replaced unless {@code overwrite: false} (kestra-oracle, Kestra 2.0: a flow variable is replaced by default).
 */
public final class SetVariablesHandler implements TaskHandler<SetVariablesTask> {

    @Override
    public TaskOutcome run(SetVariablesTask task, TaskContext context) {
        if (!(Rendered.of(task.variables(), context) instanceof Map<?, ?> rendered)) {
            return TaskOutcome.failed("'variables' must be a map of names to values");
        }
        List<String> existing = rendered.keySet().stream().map(String::valueOf).filter(name -> context.variable(name).isPresent())
                .toList();
        if (!task.overwrite() && !existing.isEmpty()) { // in Kestra 2.0's words (kestra-oracle)
            return TaskOutcome.failed("`overwrite` is set to false and the following variables already exist: "
                    + String.join(", ", existing));
        }
        rendered.forEach((name, value) -> context.setVariable(String.valueOf(name), value));
        return TaskOutcome.success(Map.of());
    }
}
