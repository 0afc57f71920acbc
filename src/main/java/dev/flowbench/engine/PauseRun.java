package dev.flowbench.engine;

import dev.flowbench.flow.IsoDuration;
import dev.flowbench.flow.PauseTask;
import dev.flowbench.flow.pebble.RenderStopped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

/**
 * One run of a Pause, on the conductor's thread, as Kestra 2.0 runs it (kestra-oracle, see PauseTest): {@code onPause}
 * starts beside it; it waits PAUSED, holding no thread, for {@code pauseDuration} and then goes on as {@code behavior}
 * says (RESUME: SUCCESS, WARN: WARNING, FAIL: FAILED, CANCEL: CANCELLED), or, without a duration, until resumed; its
 * {@code timeout} fails it first. Then its {@code errors} if it failed, and its {@code finally}, run under it. A resume
 * is the execution's {@link #RESUME_FILE} written (by {@code flowbench resume} in any process, or
 * {@link Execution#resume()}) after the Pause began: every Pause waiting then goes on, as Kestra resumes an execution.
 */
final class PauseRun {

    /** Written into the execution's folder to resume its Pauses from another process. */
    static final String RESUME_FILE = "resume";
    private static final Duration RESUME_CHECK = Duration.ofMillis(200);

    private final Conductor conductor;
    private final ExecutionRun run;
    private final PauseTask task;
    private final Nest nest;
    private final Consumer<State> onEnd;
    private final RunControl control;
    private final String runId;
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    private Instant start;
    private Instant deadline;
    private State behavior = State.SUCCESS;
    private boolean waiting;
    private boolean onPauseRunning;
    private State paused;
    private String why;

    PauseRun(Conductor conductor, ExecutionRun run, PauseTask task, Nest nest, Consumer<State> onEnd) {
        this.conductor = conductor;
        this.run = run;
        this.task = task;
        this.nest = nest;
        this.runId = run.runIdFor(nest.parentRunId(), task.id());
        this.onEnd = onEnd;
        this.control = new RunControl(nest.cancellation().child());
    }

    Conductor.Started start() {
        start = Instant.now();
        if (task.header().disabled()) {
            conductor.post(() -> end(new TaskOutcome(State.SKIPPED, "disabled", Map.of())));
            return (as, reason) -> { };
        }
        run.publish(new ExecutionEvent.TaskStarted(run.id(), start, task.id(), runId, nest.parentRunId(), task.type()));
        Duration duration;
        try {
            deadline = ExecutionRun.deadline(task, context(nest.deadline()), nest.deadline(), start);
            TaskContext context = context(deadline);
            if (!ExecutionRun.shouldRun(task, context)) {
                conductor.post(() -> end(new TaskOutcome(State.SKIPPED, "runIf is false", Map.of())));
                return (as, reason) -> { };
            }
            duration = task.pauseDuration() == null ? null : IsoDuration.parse(context.render(task.pauseDuration()).trim())
                    .orElseThrow(() -> new Templates.TemplateError("`pauseDuration` must be an ISO-8601 duration, as PT1M", null));
            behavior = behavior(context.render(task.behavior()).trim());
        } catch (RenderStopped | Templates.TemplateError e) {
            TaskOutcome failed = TaskOutcome.failed(e.getMessage());
            conductor.post(() -> end(failed));
            return (as, reason) -> { };
        }
        if (task.onPause() != null) {
            onPauseRunning = true;
            conductor.start(task.onPause(), nest, state -> {
                onPauseRunning = false;
                finishIfDone();
            });
        }
        waiting = true;
        Instant until = duration == null ? null : start.plus(duration);
        run.publish(new ExecutionEvent.TaskPaused(run.id(), Instant.now(), task.id(), runId, until));
        if (until != null && (deadline == null || until.isBefore(deadline))) {
            timers.add(Timers.after(duration, () -> conductor.post(() -> goOn(behavior, behavior == State.SUCCESS ? null
                    : "paused " + duration + ", then " + behavior + " as its behavior says"))));
        } else if (deadline != null) {
            timers.add(Timers.after(Duration.between(Instant.now(), deadline), () -> conductor.post(() -> goOn(State.FAILED,
                    "timed out while paused (timeout " + task.header().timeout() + ")"))));
        }
        Path resume = run.storage().resolve(RESUME_FILE);
        try {
            Files.createDirectories(run.storage()); // where a resume is written
        } catch (IOException e) {
            context(deadline).warn("cannot make the execution's folder " + run.storage() + ": it can only go on at its time ("
                    + e.getMessage() + ")");
        }
        Instant pausedAt = Instant.now();
        timers.add(Timers.every(RESUME_CHECK, () -> {
            if (resumedSince(resume, pausedAt)) {
                conductor.post(() -> goOn(State.SUCCESS, "resumed"));
            }
        }));
        control.cancellation().whenCancelled(() -> conductor.post(this::cancelled));
        return this::stop;
    }

    private static State behavior(String written) {
        return switch (written.toUpperCase(Locale.ROOT)) {
            case "RESUME" -> State.SUCCESS;
            case "WARN" -> State.WARNING;
            case "FAIL" -> State.FAILED;
            case "CANCEL" -> State.CANCELLED;
            default -> throw new Templates.TemplateError("`behavior` must be RESUME, WARN, FAIL or CANCEL, not '" + written + "'",
                    null);
        };
    }

    private TaskContext context(Instant until) {
        return new TaskContext(run, task, null, until, runId, control.cancellation(), nest);
    }

    private static boolean resumedSince(Path file, Instant pausedAt) {
        try {
            return Files.getLastModifiedTime(file).toInstant().compareTo(pausedAt) >= 0;
        } catch (IOException e) {
            return false; // not written: not resumed
        }
    }

    /** Cancelled while waiting (the execution, or a failing sibling through {@link #stop}): it ends at once. */
    private void cancelled() {
        if (!waiting) {
            return;
        }
        waiting = false;
        timers.forEach(timer -> timer.cancel(false));
        paused = control.stoppedAs() != null ? control.stoppedAs() : State.KILLED;
        why = control.stoppedAs() != null ? control.why() : "cancelled while paused";
        finishIfDone();
    }

    /** The wait is over: its end is {@code state}, once what it runs after (errors, finally) has run. */
    private void goOn(State state, String reason) {
        if (!waiting) {
            return;
        }
        waiting = false;
        timers.forEach(timer -> timer.cancel(false));
        paused = state;
        why = reason;
        boolean failed = state == State.FAILED;
        List<dev.flowbench.flow.Task> after = failed ? task.errors() : List.of();
        new Block(conductor, Block.Lanes.SEQUENTIAL, after, List.of(), task.finallyTasks(),
                nest.under(task.id(), runId, nest.deadline(), control.cancellation()), blockState -> {
                    paused = paused.worst(blockState == State.SUCCESS || failed ? State.SUCCESS : blockState);
                    finishIfDone();
                }).start();
    }

    private void finishIfDone() {
        if (paused == null || onPauseRunning) {
            return;
        }
        State state = paused;
        paused = null;
        end(new TaskOutcome(state, why, Map.of()));
    }

    private void stop(State as, String reason) {
        control.stop(as, reason); // its cancellation tells cancelled(), on this thread
    }

    private void end(TaskOutcome outcome) {
        onEnd.accept(run.finishConducted(task, nest, runId, start, control, outcome));
    }
}
