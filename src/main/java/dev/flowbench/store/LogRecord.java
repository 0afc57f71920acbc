package dev.flowbench.store;

import java.time.Instant;

public record LogRecord(long seq, Instant at, String taskId, String level, String stream, String message) {
}
