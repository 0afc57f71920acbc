package dev.flowbench.engine.tasks;

import dev.flowbench.engine.TaskContext;
import dev.flowbench.engine.TaskOutcome;
import dev.flowbench.flow.UnsetVariablesTask;
import java.util.Map;

/**
 * Removes the named variables from the execution's {@code vars}; one that is not there fails the task as Kestra 2.0
 * words it (asked of kestra-oracle), unless {@code ignoreMissing}.
 */
public final class UnsetVariablesHandler implements TaskHandler<UnsetVariablesTask> {

    @Override
    public TaskOutcome run(UnsetVariablesTask task, TaskContext context) {
        for (String name : task.variables()) {
            String rendered = context.render(name);
            if (context.variable(rendered).isEmpty() && !task.ignoreMissing()) {
                return TaskOutcome.failed("Variable '" + rendered + "' not found and `ignoreMissing` is false");
            }
            context.unsetVariable(rendered);
        }
        return TaskOutcome.success(Map.of());
    }
}
