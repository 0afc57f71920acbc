package dev.flowbench.engine;

import dev.flowbench.flow.WorkingDirectoryTask;
import java.nio.file.Path;

/**
 * Where the WorkingDirectory cache plugs in: called before a WorkingDirectory's children run (to restore
 * files), after them (to save), and when the task is done with its directory (its outputs collected), which the
 * cache may then take (move away) instead of letting it be deleted. Implementations report through
 * {@link TaskContext} events and must not throw: a cache problem is a warning and a miss, never a failed run.
 */
public interface WorkingDirectoryHooks {

    WorkingDirectoryHooks NONE = new WorkingDirectoryHooks() {
        @Override
        public void beforeChildren(WorkingDirectoryTask task, Path directory, TaskContext context) {
        }

        @Override
        public void afterChildren(WorkingDirectoryTask task, Path directory, State childrenState, TaskContext context) {
        }
    };

    void beforeChildren(WorkingDirectoryTask task, Path directory, TaskContext context);

    void afterChildren(WorkingDirectoryTask task, Path directory, State childrenState, TaskContext context);

    /** The task is done with {@code directory}; whatever is left in it is deleted after this. */
    default void release(WorkingDirectoryTask task, Path directory, TaskContext context) {
    }
}
