package dev.flowbench.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What an execution tells its listeners: the run panel, the command line and the history all read the
 * same stream.
 */
public sealed interface ExecutionEvent {

    String executionId();

    Instant time();

    record ExecutionStarted(String executionId, Instant time, String namespace, String flowId,
                            Map<String, Object> inputs) implements ExecutionEvent {
    }

    /**
     * A task run began: {@code taskRunId} is its own id (a task runs once per iteration of a loop around it),
     * {@code parentTaskRunId} that of the task run it is nested in (a WorkingDirectory's), null at the top. An
     * iteration of a Loop is a task run of the Loop's task under the Loop's own run, with the iteration's {@code value}
     * (as a text) and its {@code iteration} (0 for the first); both are null for every other task run.
     */
    record TaskStarted(String executionId, Instant time, String taskId, String taskRunId, String parentTaskRunId,
                       String taskType, String value, Integer iteration) implements ExecutionEvent {

        public TaskStarted(String executionId, Instant time, String taskId, String taskRunId, String parentTaskRunId,
                           String taskType) {
            this(executionId, time, taskId, taskRunId, parentTaskRunId, taskType, null, null);
        }

        public boolean isIteration() {
            return iteration != null;
        }
    }

    /** A log line; {@code stream} is "stdout", "stderr" or "flowbench" for the engine's own lines. */
    record LogLine(String executionId, Instant time, String taskId, String taskRunId, LogLevel level, String stream,
                   String message)
            implements ExecutionEvent {
    }

    record MetricRecorded(String executionId, Instant time, String taskId, String taskRunId, String name, String type,
                          double value, Map<String, String> tags) implements ExecutionEvent {
    }

    /**
     * A WorkingDirectory cache's decision, {@code reason} in words; {@code details} carries figures such as files and
     * bytes.
     */
    record CacheEvent(String executionId, Instant time, String taskId, String taskRunId, CacheResult result, String reason,
                      Map<String, Object> details) implements ExecutionEvent {
    }

    /**
     * A task ended; {@code definition} fingerprints its rendered definition (see {@link TaskDefinition}), null when it
     * did not get that far (disabled, runIf false): a later part of the flow may reuse this run by it, its output files
     * checked against {@code outputFileDigests} (name to SHA-256, as the task left them).
     */
    record TaskFinished(String executionId, Instant time, String taskId, String taskRunId, String taskType, State state,
                        Duration duration, String message, Map<String, Object> outputs, String definition,
                        Map<String, String> outputFileDigests)
            implements ExecutionEvent {
    }

    /**
     * A task run (a Pause) began to wait: until {@code until}, or, null, until a person resumes it
     * ({@code flowbench resume}). Its TaskFinished follows once it goes on.
     */
    record TaskPaused(String executionId, Instant time, String taskId, String taskRunId, Instant until) implements ExecutionEvent {
    }

    record ExecutionFinished(String executionId, Instant time, State state, Duration duration, String message)
            implements ExecutionEvent {
    }

    /** Told to one listener that could not keep up: it missed this many log lines. */
    record LogsDropped(String executionId, Instant time, long count) implements ExecutionEvent {
    }
}
