package dev.flowbench.engine;

import java.time.Duration;
import java.util.Map;

/** How an execution ended, with each task's final state and outputs. */
public record ExecutionResult(String id, State state, String message, Duration duration,
                              Map<String, State> taskStates, Map<String, Object> outputs) {
}
