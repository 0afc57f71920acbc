package dev.flowbench.store;

import java.time.Duration;
import java.time.Instant;

/** One line of the history: an execution without its tasks and logs. {@code endedAt} is null while running. */
public record ExecutionSummary(String id, String namespace, String flowId, String flowPath, String state,
                               String message, String inputsJson, Instant startedAt, Instant endedAt,
                               long logCount, long logsDropped) {

    public Duration duration() {
        return endedAt == null ? null : Duration.between(startedAt, endedAt);
    }
}
