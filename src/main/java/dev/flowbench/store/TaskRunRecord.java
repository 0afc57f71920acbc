package dev.flowbench.store;

import dev.flowbench.engine.State;
import java.time.Instant;

/**
 * A task run as the history keeps it; {@code taskRunId} is the task id of a run recorded before task runs had ids of
 * their own (one run per task then), and {@code parentTaskRunId} null for those. A Loop's iteration has its
 * {@code value} and {@code iteration} (0 first); both are null for every other run.
 */
public record TaskRunRecord(String taskId, String taskType, State state, String message, Instant startedAt,
                            Instant endedAt, String outputsJson, String taskRunId, String parentTaskRunId, String value,
                            Integer iteration) {

    public TaskRunRecord(String taskId, String taskType, State state, String message, Instant startedAt, Instant endedAt,
                         String outputsJson) {
        this(taskId, taskType, state, message, startedAt, endedAt, outputsJson, null, null, null, null);
    }

    public boolean isIteration() {
        return iteration != null;
    }
}
