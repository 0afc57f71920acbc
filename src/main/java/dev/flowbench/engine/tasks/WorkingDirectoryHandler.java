package dev.flowbench.engine.tasks;

import dev.flowbench.engine.LogLevel;
import dev.flowbench.engine.State;
import dev.flowbench.engine.TaskContext;
import dev.flowbench.engine.TaskOutcome;
import dev.flowbench.engine.WorkFiles;
import dev.flowbench.flow.WorkingDirectoryTask;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One temporary directory for all the children: the cache restored (hooks), inputFiles written,
 * children run one after another, what they left running stopped, the cache saved, outputFiles collected, and the
 * directory released to the cache (which may keep its tree) and removed.
 */
public final class WorkingDirectoryHandler implements TaskHandler<WorkingDirectoryTask> {

    @Override
    public TaskOutcome run(WorkingDirectoryTask task, TaskContext context) throws Exception {
        Path dir = context.newWorkingDirectory("wd-" + task.id());
        boolean stopped = false;
        try {
            context.hooks().beforeChildren(task, dir, context); // into the empty folder; inputFiles win over cached files
            context.writeFiles(dir, context.render(task.inputFiles(), dir));
            State state = context.runChildren(task.tasks(), task.errors(), task.finallyTasks(), dir);
            stopLeftovers(dir, context); // the tree is final from here: what is saved, collected and kept is what it holds
            stopped = true;
            context.hooks().afterChildren(task, dir, state, context);
            Map<String, Object> outputs = new LinkedHashMap<>();
            if (state == State.SUCCESS || state == State.WARNING) {
                outputs.put("outputFiles", WorkFiles.collectOutputs(dir, context.render(task.outputFiles(), dir), context.storage(), context::warn));
            }
            String message = switch (state) {
                case FAILED -> "a task in the working directory failed";
                case KILLED -> "a task in the working directory was killed";
                default -> null;
            };
            return new TaskOutcome(state, message, outputs);
        } finally {
            if (!stopped) {
                stopLeftovers(dir, context);
            }
            context.hooks().release(task, dir, context); // the cache may move the tree away for the next run
            WorkFiles.deleteTree(dir);
        }
    }

    /**
     * Stops the processes its tasks left running in the background: their folder goes away (or, cached, becomes the
     * next run's) when the WorkingDirectory ends, as an execution's leftovers are stopped when it ends.
     */
    private static void stopLeftovers(Path dir, TaskContext context) {
        int stopped = context.stopProcessesLeftIn(dir);
        if (stopped > 0) {
            context.log(LogLevel.INFO, "flowbench", "stopped " + stopped + " background process" + (stopped == 1 ? "" : "es")
                    + " the working directory's tasks left running");
        }
    }
}
