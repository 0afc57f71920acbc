package dev.flowbench.store;

import dev.flowbench.engine.ExecutionEvent;
import java.time.Instant;
import java.util.Optional;

/**
 * One line of an execution's log as the history keeps it; {@code taskId} and {@code taskRunId} are null for the engine's
 * own lines ({@code taskRunId} also for lines recorded before task runs had ids).
 */
public record LogRecord(long seq, Instant at, String taskId, String taskRunId, String level, String stream, String message) {

    /**
     * The log line an event stands for: a log line, or a cache decision (kept with the logs, so that
     * {@code runs show} tells hits and misses); {@code seq} numbers it.
     */
    static Optional<LogRecord> of(ExecutionEvent event, long seq) {
        if (event instanceof ExecutionEvent.LogLine log) {
            return Optional.of(new LogRecord(seq, log.time(), log.taskId(), log.taskRunId(), log.level().name(), log.stream(), log.message()));
        }
        if (event instanceof ExecutionEvent.CacheEvent cache) {
            return Optional.of(new LogRecord(seq, cache.time(), cache.taskId(), cache.taskRunId(), "INFO", "cache",
                    "cache " + cache.result() + (cache.reason() == null ? "" : ": " + cache.reason())));
        }
        return Optional.empty();
    }
}
