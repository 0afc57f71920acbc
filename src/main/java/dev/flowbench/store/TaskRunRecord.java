package dev.flowbench.store;

import dev.flowbench.engine.State;
import java.time.Instant;

/**
 * A task run as the history keeps it; {@code taskRunId} and {@code parentTaskRunId} are null for runs recorded before
 * task runs had ids of their own (their task id names them).
 */
public record TaskRunRecord(String taskId, String taskType, State state, String message, Instant startedAt,
                            Instant endedAt, String outputsJson, String taskRunId, String parentTaskRunId) {

    public TaskRunRecord(String taskId, String taskType, State state, String message, Instant startedAt, Instant endedAt,
                         String outputsJson) {
        this(taskId, taskType, state, message, startedAt, endedAt, outputsJson, null, null);
    }
}
