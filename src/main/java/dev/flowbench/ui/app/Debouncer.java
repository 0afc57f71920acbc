package dev.flowbench.ui.app;

import java.time.Duration;

/**
 * Runs an action once a burst of requests has paused for {@code quiet} (typing): each request replaces the
 * one before it. Lives on the FX thread.
 */
public final class Debouncer {

    private final UiTasks tasks;
    private final Duration quiet;
    private long generation;

    public Debouncer(UiTasks tasks, Duration quiet) {
        this.tasks = tasks;
        this.quiet = quiet;
    }

    public void request(Runnable action) {
        long mine = ++generation;
        tasks.later(quiet, () -> {
            if (mine == generation) {
                action.run();
            }
        });
    }
}
