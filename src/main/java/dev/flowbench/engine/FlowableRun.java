package dev.flowbench.engine;

import dev.flowbench.flow.FlowableTask;
import dev.flowbench.flow.Task;
import dev.flowbench.flow.pebble.RenderStopped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One run of a flowable task, on the conductor's thread: it says it started, decides which of its tasks run and how
 * (Sequential and AllowFailure: its tasks in order; Parallel: side by side; Dag: each once those it depends on
 * succeeded; If: {@code then} or {@code else}; Switch: the case of its value or {@code defaults}), runs them as a {@link Block} with its own errors and finally, and ends in
 * their state (AllowFailure: a failure becomes a WARNING). Its outputs are Kestra's: If
 * {@code {evaluationResult}}, Switch {@code {value, defaults}} (kestra-oracle).
 *
 * <p>With a {@code retry}, a block that failed runs again after the retry's interval, as Kestra 2.0's
 * RETRY_FAILED_TASK does (kestra-oracle: the failed child gets another attempt, after the block's errors ran): the
 * tasks that ended well are kept, the others run again, then errors and finally as before. The wait is an entry of the
 * engine's timer. Each attempt's task runs stay in the history, where Kestra keeps only the last attempt's. As in
 * Kestra, {@code warningOnRetry} does not make a flowable that succeeded at a later attempt a WARNING.
 */
final class FlowableRun {

    private final Conductor conductor;
    private final ExecutionRun run;
    private final FlowableTask task;
    private final Nest nest;
    private final Consumer<State> onEnd;
    private final RunControl control;
    private final String runId;
    private final Map<String, Object> outputs = new LinkedHashMap<>();
    private Instant start;
    private Block block;
    private Instant deadline;
    private List<Task> chosen;
    private Block.Lanes lanes;
    private Optional<Retry> retry = Optional.empty();
    private int attempt = 1;
    private java.util.concurrent.ScheduledFuture<?> waitingToRetry;

    FlowableRun(Conductor conductor, ExecutionRun run, FlowableTask task, Nest nest, Consumer<State> onEnd) {
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
        Optional<TaskOutcome> early;
        try {
            early = plan();
        } catch (RenderStopped e) {
            early = Optional.of(e.reason() == RenderStopped.Reason.CANCELLED ? new TaskOutcome(State.KILLED, "cancelled", Map.of())
                    : TaskOutcome.failed("its expressions could not be rendered: " + e.getMessage()));
        } catch (Templates.TemplateError e) {
            early = Optional.of(TaskOutcome.failed("bad expression: " + e.getMessage()));
        }
        if (early.isPresent()) {
            TaskOutcome outcome = early.get();
            conductor.post(() -> end(outcome));
            return (as, why) -> { };
        }
        block.start();
        return this::stop;
    }

    /** Chooses what runs: a block to start, or the outcome the task ends with at once. */
    private Optional<TaskOutcome> plan() {
        deadline = ExecutionRun.deadline(task, context(nest.deadline()), nest.deadline(), start);
        TaskContext context = context(deadline);
        if (!run.shouldRun(task, context)) {
            return Optional.of(new TaskOutcome(State.SKIPPED, "runIf is false", Map.of()));
        }
        retry = Retry.of(task, context::render);
        if (retry.isPresent()) {
            run.trackRunIdsUnder(runId);
        }
        chosen = task.branch("tasks");
        lanes = Block.Lanes.SEQUENTIAL;
        switch (task.kind()) {
            case SEQUENTIAL, ALLOW_FAILURE -> {
            }
            case PARALLEL -> lanes = new Block.Lanes(concurrent(context), childFailure(context, "FAIL"));
            case DAG -> lanes = new Block.Lanes(concurrent(context), childFailure(context, "CONTINUE"), task.dependsOn());
            case IF -> {
                String condition = context.render(task.property("condition").orElse(""));
                boolean holds = Truth.holds(condition);
                outputs.put("evaluationResult", holds);
                chosen = task.branch(holds ? "then" : "else");
            }
            case SWITCH -> {
                String value = context.render(task.property("value").orElse(""));
                Optional<List<Task>> matched = task.branches().stream()
                        .filter(b -> b.property().equals("cases") && value.equals(b.key())).findFirst()
                        .map(FlowableTask.Branch::tasks);
                outputs.put("value", value);
                outputs.put("defaults", matched.isEmpty());
                chosen = matched.orElseGet(() -> task.branch("defaults"));
                if (matched.isEmpty() && !task.branches().stream().anyMatch(b -> b.property().equals("defaults"))) {
                    return Optional.of(new TaskOutcome(State.FAILED, "No task found on flow '" + run.flowNamespace() + "."
                            + run.flowId() + "', task '" + task.id() + "', execution '" + run.id() + "': no case is '" + value
                            + "' and there are no defaults", Map.copyOf(outputs)));
                }
            }
        }
        block = new Block(conductor, lanes, chosen, task.errors(), task.finallyTasks(),
                nest.under(task.id(), runId, deadline, control.cancellation()), this::blockEnded);
        return Optional.empty();
    }

    private TaskContext context(java.time.Instant deadline) {
        return new TaskContext(run, task, null, deadline, runId, control.cancellation(), nest);
    }

    private int concurrent(TaskContext context) {
        Optional<String> written = task.property("concurrent");
        if (written.isEmpty()) {
            return 0;
        }
        String rendered = context.render(written.get()).trim();
        try {
            int concurrent = Integer.parseInt(rendered);
            if (concurrent < 0) {
                throw new Templates.TemplateError("`concurrent` must be 0 (no limit) or more, not " + concurrent, null);
            }
            return concurrent;
        } catch (NumberFormatException e) {
            throw new Templates.TemplateError("`concurrent` must be a whole number, not '" + rendered + "'", null);
        }
    }

    /** Kestra's defaults differ: FAIL for a Parallel, CONTINUE for a Dag (its schema). */
    private Block.ChildFailure childFailure(TaskContext context, String byDefault) {
        String written = task.property("onChildFailure").map(context::render).orElse(byDefault).trim();
        try {
            return Block.ChildFailure.valueOf(written);
        } catch (IllegalArgumentException e) {
            throw new Templates.TemplateError("`onChildFailure` must be CONTINUE, CANCEL or FAIL, not '" + written + "'", null);
        }
    }

    private void stop(State as, String why) {
        if (block != null) {
            block.stop(as, why); // first: its task runs learn how they are stopped before their processes are
        }
        control.stop(as, why);
        if (waitingToRetry != null && waitingToRetry.cancel(false)) {
            waitingToRetry = null;
            conductor.post(() -> end(new TaskOutcome(as, why, Map.copyOf(outputs))));
        }
    }

    private void blockEnded(State state) {
        if (state == State.FAILED && retry.isPresent() && control.stoppedAs() == null && !control.cancellation().isCancelled()
                && conductor.exited() == null && retryLater()) {
            return;
        }
        String message = switch (state) {
            case FAILED -> "a task in it failed";
            case KILLED -> "cancelled";
            default -> null;
        };
        if (control.stoppedAs() != null && (state == State.KILLED || state == State.FAILED || state == State.CANCELLED)) {
            state = control.stoppedAs();
            message = control.why();
        } else if (task.kind() == FlowableTask.Kind.ALLOW_FAILURE && state == State.FAILED) {
            state = State.WARNING;
            message = "a task in it failed; AllowFailure makes that a warning";
        }
        end(new TaskOutcome(state, message, Map.copyOf(outputs)));
    }

    /** Schedules the failed part of the block again when the retry allows it; false when no attempt is left. */
    private boolean retryLater() {
        Optional<java.time.Duration> delay = retry.get().waitWithin(attempt + 1, start, deadline);
        if (delay.isEmpty()) {
            return false;
        }
        context(deadline).log(LogLevel.WARN, "flowbench", "attempt " + attempt + " failed (a task in it failed); attempt "
                + (attempt + 1) + " in " + delay.get() + ", again from the tasks that did not succeed");
        java.util.Set<String> done = block.succeededTasks();
        waitingToRetry = Timers.after(delay.get(), () -> conductor.post(() -> retryNow(done)));
        return true;
    }

    private void retryNow(java.util.Set<String> done) {
        waitingToRetry = null;
        if (control.cancellation().isCancelled() || conductor.halted(nest)) {
            end(new TaskOutcome(control.stoppedAs() != null ? control.stoppedAs() : State.KILLED,
                    control.stoppedAs() != null ? control.why() : "cancelled while waiting to retry", Map.copyOf(outputs)));
            return;
        }
        attempt++;
        run.retryUnder(runId);
        block = new Block(conductor, lanes, chosen, done, task.errors(), task.finallyTasks(),
                nest.under(task.id(), runId, deadline, control.cancellation()), this::blockEnded);
        block.start();
    }

    private void end(TaskOutcome outcome) {
        onEnd.accept(run.finishConducted(task, nest, runId, start, control, outcome));
    }
}
