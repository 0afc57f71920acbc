package dev.flowbench.store;

import dev.flowbench.engine.State;
import java.time.Instant;

public record TaskRunRecord(String taskId, String taskType, State state, String message, Instant startedAt,
                            Instant endedAt, String outputsJson) {
}
