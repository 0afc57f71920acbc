package dev.flowbench.engine;

import dev.flowbench.flow.FlowableTask;
import dev.flowbench.flow.IsoDuration;
import dev.flowbench.flow.pebble.RenderStopped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

/**
 * One run of a LoopUntil (or WaitFor, which Kestra 2.0 reads as one), on the conductor's thread, as Kestra 2.0 runs it
 * (kestra-oracle, see LoopUntilTest): its tasks run, then {@code condition} is rendered; true ends it SUCCESS,
 * otherwise it runs them again after {@code checkFrequency.interval}, holding no thread meanwhile (the engine's
 * timer). {@code outputs.<id>.iterationCount} is the check under way, from 1. Past {@code maxIterations} checks
 * (Kestra runs one more than it says) or {@code maxDuration}, it ends SUCCESS with a warning, or FAILED with
 * {@code failOnMaxReached}; a failed task ends it FAILED at once. Each check is an iteration under its run; Kestra
 * restarts the same task runs instead, keeping the last check's. Without a bound written, Flowbench stops after
 * {@link #MAX_CHECKS} checks rather than loop for ever.
 */
final class UntilRun {

    /** The most checks without {@code maxIterations}: a condition that never holds fails here, it does not hang. */
    static final int MAX_CHECKS = 10_000;
    private static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1); // Kestra 2.0's schema

    private final Conductor conductor;
    private final ExecutionRun run;
    private final FlowableTask task;
    private final Nest nest;
    private final Consumer<State> onEnd;
    private final RunControl control;
    private final String runId;
    private Instant start;
    private Instant deadline;
    private String condition;
    private Duration interval = DEFAULT_INTERVAL;
    private Integer maxIterations;
    private Duration maxDuration;
    private boolean failOnMaxReached;
    private int iterationCount;
    private ScheduledFuture<?> waiting;
    private Block running;
    private boolean ended;

    UntilRun(Conductor conductor, ExecutionRun run, FlowableTask task, Nest nest, Consumer<State> onEnd) {
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
            return (as, why) -> { };
        }
        run.publish(new ExecutionEvent.TaskStarted(run.id(), start, task.id(), runId, nest.parentRunId(), task.type()));
        try {
            deadline = ExecutionRun.deadline(task, context(nest.deadline()), nest.deadline(), start);
            TaskContext context = context(deadline);
            if (!ExecutionRun.shouldRun(task, context)) {
                conductor.post(() -> end(new TaskOutcome(State.SKIPPED, "runIf is false", Map.of())));
                return (as, why) -> { };
            }
            condition = task.property("condition").orElse("");
            failOnMaxReached = task.property("failOnMaxReached").map(context::render).map(String::trim)
                    .map("true"::equalsIgnoreCase).orElse(false);
            if (task.value("checkFrequency").orElse(null) instanceof Map<?, ?> frequency) {
                interval = duration(frequency.get("interval"), context, "interval").orElse(DEFAULT_INTERVAL);
                maxDuration = duration(frequency.get("maxDuration"), context, "maxDuration").orElse(null);
                Object max = frequency.get("maxIterations");
                maxIterations = max == null ? null : Integer.valueOf(context.render(String.valueOf(max)).trim());
            }
        } catch (RenderStopped | Templates.TemplateError | NumberFormatException e) {
            TaskOutcome failed = TaskOutcome.failed(e instanceof NumberFormatException
                    ? "`checkFrequency.maxIterations` must be a whole number" : e.getMessage());
            conductor.post(() -> end(failed));
            return (as, why) -> { };
        }
        control.cancellation().whenCancelled(() -> conductor.post(this::cancelledWhileWaiting));
        check();
        return this::stop;
    }

    private static Optional<Duration> duration(Object written, TaskContext context, String name) {
        if (written == null) {
            return Optional.empty();
        }
        String rendered = context.render(String.valueOf(written)).trim();
        return Optional.of(IsoDuration.parse(rendered).orElseThrow(() -> new Templates.TemplateError(
                "`checkFrequency." + name + "` must be an ISO-8601 duration, not '" + rendered + "'", null)));
    }

    private TaskContext context(Instant until) {
        return new TaskContext(run, task, null, until, runId, control.cancellation(), nest);
    }

    /** Runs the tasks once more, as the next iteration. */
    private void check() {
        waiting = null;
        if (ended || conductor.halted(nest) || control.cancellation().isCancelled()) {
            finish(control.stoppedAs() != null ? control.stoppedAs() : State.KILLED, control.stoppedAs() != null ? control.why()
                    : "cancelled");
            return;
        }
        iterationCount++;
        run.outputsSoFar(task.id(), nest.iteration(), Map.of("iterationCount", iterationCount));
        String iterationRun = ExecutionIds.next();
        Instant at = Instant.now();
        run.publish(new ExecutionEvent.TaskStarted(run.id(), at, task.id(), iterationRun, runId, task.type(), null,
                iterationCount - 1));
        running = new Block(conductor, Block.Lanes.SEQUENTIAL, task.branch("tasks"), List.of(), List.of(),
                nest.under(task.id(), iterationRun, deadline, control.cancellation()), state -> checked(iterationRun, at, state));
        running.start();
    }

    private void checked(String iterationRun, Instant at, State state) {
        running = null;
        run.publish(new ExecutionEvent.TaskFinished(run.id(), Instant.now(), task.id(), iterationRun, task.type(), state,
                Duration.between(at, Instant.now()), null, Map.of(), null, Map.of()));
        if (state == State.FAILED || state == State.KILLED || state == State.CANCELLED) {
            finish(control.stoppedAs() != null ? control.stoppedAs() : state, control.stoppedAs() != null ? control.why()
                    : state == State.KILLED ? "cancelled" : "a task in it failed");
            return;
        }
        boolean holds;
        try {
            holds = Truth.holds(context(deadline).render(condition));
        } catch (RenderStopped | Templates.TemplateError e) {
            finish(State.FAILED, "its condition could not be rendered: " + e.getMessage());
            return;
        }
        if (holds) {
            finish(State.SUCCESS, null);
            return;
        }
        String reached = maxIterations != null && iterationCount > maxIterations ? "Max iterations reached"
                : maxDuration != null && !Instant.now().plus(interval).isBefore(start.plus(maxDuration)) ? "Max duration reached"
                : maxIterations == null && iterationCount >= MAX_CHECKS ? "checked " + MAX_CHECKS + " times without its condition"
                        + " holding: the most Flowbench checks without checkFrequency.maxIterations" : null;
        if (reached != null) {
            if (failOnMaxReached || maxIterations == null && iterationCount >= MAX_CHECKS) {
                finish(State.FAILED, reached);
            } else {
                context(deadline).warn(reached);
                finish(State.SUCCESS, reached);
            }
            return;
        }
        waiting = Timers.after(interval, () -> conductor.post(this::check));
    }

    private void cancelledWhileWaiting() {
        if (waiting != null && !ended) {
            waiting.cancel(false);
            waiting = null;
            check(); // sees the cancellation and ends
        }
    }

    private void stop(State as, String why) {
        if (running != null) {
            running.stop(as, why);
        }
        control.stop(as, why);
    }

    private void finish(State state, String why) {
        end(new TaskOutcome(state, why, Map.of("iterationCount", iterationCount)));
    }

    private void end(TaskOutcome outcome) {
        if (ended) {
            return;
        }
        ended = true;
        onEnd.accept(run.finishConducted(task, nest, runId, start, control, outcome));
    }
}
