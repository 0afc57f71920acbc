package dev.flowbench.engine.tasks;

import dev.flowbench.engine.TaskContext;
import dev.flowbench.engine.TaskOutcome;
import dev.flowbench.flow.Task;

/** Runs one kind of task. Exceptions become a FAILED state with their message; nothing reaches the user raw. */
public interface TaskHandler<T extends Task> {

    TaskOutcome run(T task, TaskContext context) throws Exception;
}
