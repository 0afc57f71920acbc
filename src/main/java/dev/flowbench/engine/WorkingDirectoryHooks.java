package dev.flowbench.engine;

import dev.flowbench.flow.WorkingDirectoryTask;
import java.nio.file.Path;

/**
 * Where the WorkingDirectory cache plugs in: called before a WorkingDirectory's children run (to restore
 * files) and after them (to save). Implementations report through {@link TaskContext} events and must not
 * throw: a cache problem is a warning and a miss, never a failed run.
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
}
