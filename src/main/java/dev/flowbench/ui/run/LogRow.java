package dev.flowbench.ui.run;

import dev.flowbench.engine.LogLevel;
import java.time.Instant;

/** A line of the run's log as the panel shows it; {@code stream} is stdout, stderr or flowbench (the engine's own). */
public record LogRow(Instant time, String taskId, LogLevel level, String stream, String message) {

    public boolean isStderr() {
        return "stderr".equals(stream);
    }
}
