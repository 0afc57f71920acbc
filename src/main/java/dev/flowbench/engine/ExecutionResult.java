package dev.flowbench.engine;

import java.time.Duration;
import java.util.Map;

/**
 * How an execution ended, with each task's final state and outputs, and the flow's own {@code outputs} as rendered
 * (empty when it declares none or did not get to render them).
 */
public record ExecutionResult(String id, State state, String message, Duration duration,
                              Map<String, State> taskStates, Map<String, Object> outputs, Map<String, Object> flowOutputs) {

    public ExecutionResult(String id, State state, String message, Duration duration, Map<String, State> taskStates,
                           Map<String, Object> outputs) {
        this(id, state, message, duration, taskStates, outputs, Map.of());
    }
}
