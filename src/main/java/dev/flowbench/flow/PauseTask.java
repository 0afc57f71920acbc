package dev.flowbench.flow;

import java.util.List;

/**
 * Kestra's {@code flow.Pause}: the execution waits, {@code pauseDuration} (then it goes on as {@code behavior} says:
 * RESUME, WARN, FAIL or CANCEL) or, without one, until a person resumes it; its {@code timeout} fails it. {@code onPause}
 * runs as the pause begins; its {@code errors} and {@code finally} run after it. The texts are rendered when it runs.
 */
public record PauseTask(TaskHeader header, String pauseDuration, String behavior, Task onPause, List<Task> errors,
                        List<Task> finallyTasks) implements Task {

    /** {@code onPause}, then errors and finally, in that order. */
    @Override
    public List<Task> children() {
        List<Task> all = new java.util.ArrayList<>();
        if (onPause != null) {
            all.add(onPause);
        }
        all.addAll(errors);
        all.addAll(finallyTasks);
        return List.copyOf(all);
    }
}
