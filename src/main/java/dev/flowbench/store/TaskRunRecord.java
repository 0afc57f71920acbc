package dev.flowbench.store;

import java.time.Instant;

public record TaskRunRecord(String taskId, String taskType, String state, String message, Instant startedAt,
                            Instant endedAt, String outputsJson) {
}
