package dev.flowbench.store;

import dev.flowbench.engine.State;
import java.time.Duration;
import java.time.Instant;

/**
 * One line of the history: an execution without its tasks and logs. {@code endedAt} is null while running.
 * {@code logCount} lines were kept in the database and {@code logsDropped} were not (all are in the complete log
 * file, unless the log-size limit removed it at {@code logRemovedAt}). {@code cacheHits} and {@code cacheMisses}
 * count its WorkingDirectories' cache decisions.
 */
public record ExecutionSummary(String id, String namespace, String flowId, String flowPath, State state,
                               String message, String inputsJson, Instant startedAt, Instant endedAt,
                               long logCount, long logsDropped, Instant logRemovedAt,
                               long cacheHits, long cacheMisses) {

    public Duration duration() {
        return endedAt == null ? null : Duration.between(startedAt, endedAt);
    }
}
