package dev.flowbench.runner;

import java.time.Duration;

/**
 * How a process ended. {@code exitCode} is meaningful only when it was neither killed for its deadline
 * ({@code timedOut}) nor cancelled; {@code startError} says why it could not start at all.
 */
public record ProcessResult(int exitCode, boolean timedOut, boolean cancelled, Duration duration, String startError) {

    public boolean started() {
        return startError == null;
    }

    public boolean succeeded() {
        return started() && !timedOut && !cancelled && exitCode == 0;
    }
}
