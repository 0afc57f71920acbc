package dev.flowbench.engine.tasks;

import dev.flowbench.engine.LogLevel;
import dev.flowbench.engine.TaskContext;
import dev.flowbench.engine.TaskOutcome;
import dev.flowbench.flow.LogTask;
import java.util.Map;

public final class LogHandler implements TaskHandler<LogTask> {

    @Override
    public TaskOutcome run(LogTask task, TaskContext context) {
        LogLevel level = LogLevel.parse(context.render(task.level())).orElse(LogLevel.INFO);
        for (String message : task.messages()) {
            context.log(level, "log", context.render(message));
        }
        return TaskOutcome.success(Map.of());
    }
}
