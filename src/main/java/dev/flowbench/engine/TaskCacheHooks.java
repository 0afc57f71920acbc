package dev.flowbench.engine;

import java.util.Optional;

/**
 * Where Kestra's {@code taskCache} plugs in: before a task with it enabled runs, an earlier successful outcome of the
 * same rendered definition may be reused instead (the task is then not run at all); after a successful run, its
 * outcome is stored. Implementations report through {@link TaskContext#cacheEvent} and must not throw: a cache
 * problem is a miss, never a failed task.
 */
public interface TaskCacheHooks {

    TaskCacheHooks NONE = new TaskCacheHooks() {
        @Override
        public Reuse lookup(TaskContext context, String definition, String ttl) {
            return new Reuse(Optional.empty(), "the task cache is not available here");
        }

        @Override
        public void store(TaskContext context, String definition, String ttl, TaskOutcome outcome) {
        }
    };

    /** Runs every task, reusing no stored outcome, and stores what succeeds through {@code stored} ("run fresh"). */
    static TaskCacheHooks fresh(TaskCacheHooks stored) {
        return new TaskCacheHooks() {
            @Override
            public Reuse lookup(TaskContext context, String definition, String ttl) {
                return new Reuse(Optional.empty(), "run fresh: no stored outcome is reused; this run's is stored");
            }

            @Override
            public void store(TaskContext context, String definition, String ttl, TaskOutcome outcome) {
                stored.store(context, definition, ttl, outcome);
            }
        };
    }

    /** An earlier outcome to use instead of running the task, or none; {@code reason} says which and why. */
    record Reuse(Optional<TaskOutcome> outcome, String reason) {
    }

    /** {@code definition} fingerprints the task as rendered now (see {@link TaskDefinition}); {@code ttl} may be null. */
    Reuse lookup(TaskContext context, String definition, String ttl);

    void store(TaskContext context, String definition, String ttl, TaskOutcome outcome);
}
