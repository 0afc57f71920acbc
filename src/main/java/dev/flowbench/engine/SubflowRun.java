package dev.flowbench.engine;

import dev.flowbench.flow.SubflowTask;
import dev.flowbench.flow.pebble.RenderStopped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One run of a Subflow task, on the conductor's thread, as Kestra 2.0 runs it (kestra-oracle, see SubflowTest): it
 * finds the flow among the workspace's ({@link Subflows}), starts it as an execution of its own with the rendered
 * inputs (those the child does not declare are left out, as Kestra does) and, with {@code wait}, ends as the child
 * ends: FAILED or KILLED as FAILED with {@code transmitFailed} (else SUCCESS), WARNING as WARNING. Its outputs are
 * Kestra's: {@code executionId}, {@code state}, and the child's flow {@code outputs}; without {@code wait} it ends at
 * once, {@code state} CREATED. No thread waits for the child: its end comes back as a message. Cancelling the parent
 * cancels the child. A chain of Subflows deeper than {@link #MAX_DEPTH} executions fails (a flow calling itself).
 * With a {@code retry}, a child that failed is started again from its beginning, as a new execution, after the
 * retry's interval (Kestra's documentation: "the entire subflow execution is retried"), {@code taskrun.attemptsCount}
 * counting the attempts before; the wait is an entry of the engine's timer, not a thread.
 */
final class SubflowRun {

    static final int MAX_DEPTH = 10;

    private final Conductor conductor;
    private final ExecutionRun run;
    private final SubflowTask task;
    private final Nest nest;
    private final Consumer<State> onEnd;
    private final RunControl control;
    private final String runId;
    private Instant start;
    private Execution child;
    private boolean transmitFailed = true;
    private Instant deadline;
    private Optional<Retry> retry = Optional.empty();
    private int attempt = 1;
    private java.util.concurrent.ScheduledFuture<?> waitingToRetry;

    SubflowRun(Conductor conductor, ExecutionRun run, SubflowTask task, Nest nest, Consumer<State> onEnd) {
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
        TaskOutcome early;
        try {
            early = launch();
        } catch (RenderStopped e) {
            early = e.reason() == RenderStopped.Reason.CANCELLED ? new TaskOutcome(State.KILLED, "cancelled", Map.of())
                    : TaskOutcome.failed("its expressions could not be rendered: " + e.getMessage());
        } catch (Templates.TemplateError | IllegalArgumentException e) {
            early = TaskOutcome.failed(e.getMessage());
        }
        if (early != null) {
            TaskOutcome outcome = early;
            conductor.post(() -> end(outcome));
            return (as, why) -> { };
        }
        followChild();
        return this::stop;
    }

    private void followChild() {
        Execution started = child;
        Runnable forget = control.cancellation().whenCancelled(started::cancel);
        started.completion().whenComplete((result, error) -> forget.run());
    }

    /** Starts the child; returns the outcome the task ends with at once, or null when it waits for the child's end. */
    private TaskOutcome launch() {
        deadline = ExecutionRun.deadline(task, context(nest.deadline()), nest.deadline(), start);
        TaskContext context = context(deadline);
        if (!ExecutionRun.shouldRun(task, context)) {
            return new TaskOutcome(State.SKIPPED, "runIf is false", Map.of());
        }
        retry = Retry.of(task, context::render);
        return startChild(context);
    }

    /** Starts the child for this attempt; returns the outcome the task ends with at once, or null when it waits. */
    private TaskOutcome startChild(TaskContext context) {
        String namespace = context.render(task.namespace()).trim();
        String flowId = context.render(task.flowId()).trim();
        boolean waits = !context.render(task.waits()).trim().equalsIgnoreCase("false");
        transmitFailed = !context.render(task.transmitFailed()).trim().equalsIgnoreCase("false");
        if (run.depth() + 1 > MAX_DEPTH) {
            return TaskOutcome.failed("Subflows nest more than " + MAX_DEPTH + " executions deep: does " + namespace + "/"
                    + flowId + " start itself, through other flows?");
        }
        Subflows flows = run.settings().subflows();
        Optional<Subflows.Found> found = flows.find(namespace, flowId);
        if (found.isEmpty()) {
            return TaskOutcome.failed("no flow " + namespace + "/" + flowId + " among " + flows.searched());
        }
        Map<String, String> given = new LinkedHashMap<>();
        List<String> declared = found.get().flow().inputs().stream().map(dev.flowbench.flow.Input::id).toList();
        task.inputs().forEach((name, value) -> {
            if (!declared.contains(name)) {
                context.warn("input '" + name + "' is not declared by " + namespace + "/" + flowId + ": left out, as Kestra does");
                return;
            }
            Object rendered = dev.flowbench.engine.tasks.Rendered.of(value, context::render);
            if ("".equals(rendered) && value instanceof String text && text.strip().matches("\\{\\{.*}}")) {
                return; // an expression of nothing (an input not given): the child's input is not given either, as in Kestra
            }
            given.put(name, rendered instanceof Map<?, ?> || rendered instanceof List<?> ? JsonValues.text(rendered)
                    : String.valueOf(rendered));
        });
        InputResolver.Resolved inputs = InputResolver.resolve(found.get().flow().inputs(), given);
        if (!inputs.errors().isEmpty()) {
            return TaskOutcome.failed("the inputs of " + namespace + "/" + flowId + " are not right: "
                    + String.join("; ", inputs.errors()));
        }
        child = run.startChild(found.get().flow(), inputs.values(), runId, found.get().path());
        context.log(LogLevel.INFO, "flowbench", "started execution " + child.id() + " of " + namespace + "/" + flowId);
        if (!waits) {
            Map<String, Object> outputs = new LinkedHashMap<>(); // Kestra's order
            outputs.put("executionId", child.id());
            outputs.put("state", "CREATED");
            return new TaskOutcome(State.SUCCESS, null, outputs);
        }
        child.completion().whenComplete((result, error) -> conductor.post(() -> childEnded(result)));
        return null;
    }

    private TaskContext context(Instant until) {
        TaskContext context = new TaskContext(run, task, null, until, runId, control.cancellation(), nest);
        return attempt == 1 ? context : context.forAttempt(attempt - 1);
    }

    private void childEnded(ExecutionResult result) {
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("executionId", result.id());
        outputs.put("state", result.state().name());
        outputs.put("outputs", result.flowOutputs());
        String said = "execution " + result.id() + " ends in " + result.state() + (result.message() == null ? ""
                : ": " + result.message());
        State state = switch (result.state()) {
            case FAILED, KILLED, CANCELLED -> transmitFailed ? State.FAILED : State.SUCCESS;
            case WARNING -> State.WARNING;
            default -> State.SUCCESS;
        };
        if (control.stoppedAs() != null && result.state() == State.KILLED) {
            state = control.stoppedAs();
            said = control.why();
        } else if (control.cancellation().isCancelled() && result.state() == State.KILLED) {
            state = State.KILLED;
        } else if (state == State.FAILED && retry.isPresent() && retryLater(said)) {
            return;
        }
        if (attempt > 1 && state == State.SUCCESS && retry.isPresent() && retry.get().warningOnRetry()) {
            state = State.WARNING;
            said = "succeeded at attempt " + attempt + " (warningOnRetry)";
        }
        end(new TaskOutcome(state, state == State.SUCCESS && result.state() == State.SUCCESS ? null : said, outputs));
    }

    /** Schedules the next attempt when the retry allows one; false when none is left. */
    private boolean retryLater(String failure) {
        Optional<java.time.Duration> delay = retry.get().waitWithin(attempt + 1, start, deadline);
        if (delay.isEmpty()) {
            return false;
        }
        context(deadline).log(LogLevel.WARN, "flowbench", "attempt " + attempt + " failed (" + failure + "); attempt "
                + (attempt + 1) + " in " + delay.get());
        waitingToRetry = Timers.after(delay.get(), () -> conductor.post(this::retryNow));
        return true;
    }

    private void retryNow() {
        waitingToRetry = null;
        if (control.cancellation().isCancelled()) {
            end(new TaskOutcome(control.stoppedAs() != null ? control.stoppedAs() : State.KILLED,
                    control.stoppedAs() != null ? control.why() : "cancelled while waiting to retry", Map.of()));
            return;
        }
        attempt++;
        TaskOutcome early;
        try {
            early = startChild(context(deadline));
        } catch (RenderStopped | Templates.TemplateError | IllegalArgumentException e) {
            early = TaskOutcome.failed(e.getMessage());
        }
        if (early != null) {
            end(early);
            return;
        }
        followChild();
    }

    private void stop(State as, String why) {
        control.stop(as, why); // cancels the child: its end comes back as a message
        if (waitingToRetry != null && waitingToRetry.cancel(false)) {
            waitingToRetry = null;
            conductor.post(() -> end(new TaskOutcome(as, why, Map.of())));
        }
    }

    private void end(TaskOutcome outcome) {
        onEnd.accept(run.finishConducted(task, nest, runId, start, control, outcome));
    }
}
