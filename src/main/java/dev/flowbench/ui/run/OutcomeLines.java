package dev.flowbench.ui.run;

import dev.flowbench.engine.ExecutionEvent;
import dev.flowbench.engine.LogLevel;
import dev.flowbench.engine.State;
import java.time.Instant;
import java.util.Optional;

/**
 * What the run's log says beside the tasks' own lines, where the user reads: each cache decision with its reason (as
 * the command line prints it, and as the history keeps it) and why a task did not succeed, at the level it deserves,
 * under the task. Made from the execution's events as they come, and from a past execution's task runs.
 */
final class OutcomeLines {

    /** The stream of the engine's own lines, told apart from what a task printed. */
    static final String ENGINE = "flowbench";
    static final String CACHE = "cache";

    private OutcomeLines() {
    }

    /** The line an event adds to the log: a cache decision, a task's end that was not a success; empty otherwise. */
    static Optional<ExecutionEvent.LogLine> of(ExecutionEvent event) {
        if (event instanceof ExecutionEvent.CacheEvent cache) {
            return Optional.of(new ExecutionEvent.LogLine(cache.executionId(), cache.time(), cache.taskId(), cache.taskRunId(), LogLevel.INFO, CACHE,
                    "cache " + cache.result() + (cache.reason() == null ? "" : ": " + cache.reason())));
        }
        if (event instanceof ExecutionEvent.TaskFinished finished) {
            return ofEnd(finished.executionId(), finished.taskId(), finished.taskRunId(), finished.state(), finished.message(),
                    finished.time());
        }
        return Optional.empty();
    }

    /** "FAILED: exited with code 3" at ERROR, under the task; a success says nothing here. */
    static Optional<ExecutionEvent.LogLine> ofEnd(String executionId, String taskId, String taskRunId, State state, String message,
                                                  Instant at) {
        LogLevel level = switch (state) {
            case FAILED, KILLED -> LogLevel.ERROR;
            case WARNING, CANCELLED -> LogLevel.WARN;
            case SKIPPED -> LogLevel.INFO;
            default -> null;
        };
        if (level == null || (state == State.WARNING && message == null)) {
            return Optional.empty();
        }
        return Optional.of(new ExecutionEvent.LogLine(executionId, at, taskId, taskRunId, level, ENGINE,
                state + (message == null ? "" : ": " + message)));
    }
}
