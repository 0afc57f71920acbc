package dev.flowbench.store;

import dev.flowbench.engine.ExecutionEvent;
import java.time.Instant;
import java.util.Optional;

/** One line of an execution's log as the history keeps it; {@code taskId} is null for the engine's own lines. */
public record LogRecord(long seq, Instant at, String taskId, String level, String stream, String message) {

    /**
     * The log line an event stands for: a log line, or a cache decision (kept with the logs, so that
     * {@code runs show} tells hits and misses); {@code seq} numbers it.
     */
    static Optional<LogRecord> of(ExecutionEvent event, long seq) {
        if (event instanceof ExecutionEvent.LogLine log) {
            return Optional.of(new LogRecord(seq, log.time(), log.taskId(), log.level().name(), log.stream(), log.message()));
        }
        if (event instanceof ExecutionEvent.CacheEvent cache) {
            return Optional.of(new LogRecord(seq, cache.time(), cache.taskId(), "INFO", "cache",
                    "cache " + cache.result() + (cache.reason() == null ? "" : ": " + cache.reason())));
        }
        return Optional.empty();
    }
}
