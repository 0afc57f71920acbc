package dev.flowbench.engine;

import java.util.Map;

/** How a task ended: its state, a message saying why when it did not succeed, and its outputs. */
public record TaskOutcome(State state, String message, Map<String, Object> outputs) {

    public TaskOutcome {
        outputs = outputs == null ? Map.of() : outputs;
    }

    public static TaskOutcome success(Map<String, Object> outputs) {
        return new TaskOutcome(State.SUCCESS, null, outputs);
    }

    public static TaskOutcome failed(String message) {
        return new TaskOutcome(State.FAILED, message, Map.of());
    }
}
