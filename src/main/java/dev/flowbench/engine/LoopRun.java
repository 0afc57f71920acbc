package dev.flowbench.engine;

import dev.flowbench.flow.FlowableTask;
import dev.flowbench.flow.pebble.RenderStopped;
import dev.flowbench.runner.Cancellation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One run of a Loop, on the conductor's thread, as Kestra 2.0 runs it (each rule asked of kestra-oracle, see
 * LoopTest): one iteration per value, each a task run of the Loop under the Loop's own run with the value and its index,
 * running the Loop's {@code tasks} then its {@code errors} on failure then its {@code finally}, with outputs of its own
 * ({@link Iteration}); at most {@code concurrencyLimit} at once (1 unless written; 0 for no limit). When an iteration
 * fails and {@code transmitFailed} (the default) holds, no more start and the Loop ends FAILED; Kestra leaves the
 * iterations running beside it running, Flowbench stops them (CANCELLED). An iteration's WARNING does not reach the
 * Loop. Its outputs: {@code iterationCount}, {@code runningIterations}, {@code terminatedIterations} (a count per end
 * state) and, when it declares {@code outputs}, {@code outputs}: one {@code {item: {value, iteration, key}, outputs}}
 * per iteration that ended well, in the order they ended.
 *
 * <p>Kestra 1.x's ForEach ({@code values}, {@code concurrencyLimit} 1 unless written), EachSequential ({@code value})
 * and EachParallel ({@code value}, {@code concurrent}, no limit unless written) run here too, for users still on 1.3,
 * as 1.x ran them: an iteration sits in the execution under the loop (its tasks see {@code taskrun.value},
 * {@code parent.taskrun.value}, and every iteration's outputs keyed by value, {@code outputs.t[value]}), and the
 * loop's {@code errors} and {@code finally} run once, after the iterations.
 */
final class LoopRun {

    /** The most values a Loop runs; more fail it at once, before any iteration starts. */
    static final int MAX_VALUES = 100_000;

    private final Conductor conductor;
    private final ExecutionRun run;
    private final FlowableTask task;
    private final Nest nest;
    private final Consumer<State> onEnd;
    private final RunControl control;
    private final String runId;
    private Instant start;
    private Instant deadline;
    private List<LoopValues.Item> items = List.of();
    private int next;
    private int concurrency = 1;
    private boolean transmitFailed = true;
    private List<?> declaredOutputs;
    private final Map<Integer, Running> running = new LinkedHashMap<>();
    private final Map<String, Integer> terminated = new LinkedHashMap<>();
    private final List<Map<String, Object>> iterationOutputs = new ArrayList<>();
    private String failure;
    private boolean stopping;
    private boolean launching;
    private boolean done;
    /** A Kestra 1.x loop: see above. */
    private final boolean legacy;

    /** An iteration started and not ended yet. */
    private static final class Running {
        final LoopValues.Item item;
        final String runId;
        final Cancellation cancellation;
        final Nest nest;
        final Instant start = Instant.now();
        Block block;
        State stoppedAs;
        String why;

        Running(LoopValues.Item item, String runId, Nest nest) {
            this.item = item;
            this.runId = runId;
            this.cancellation = nest.cancellation();
            this.nest = nest;
        }
    }

    LoopRun(Conductor conductor, ExecutionRun run, FlowableTask task, Nest nest, Consumer<State> onEnd) {
        this.conductor = conductor;
        this.run = run;
        this.task = task;
        this.nest = nest;
        this.onEnd = onEnd;
        this.runId = run.runIdFor(nest.parentRunId(), task.id());
        this.control = new RunControl(nest.cancellation().child());
        this.legacy = task.kind().legacyLoop();
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
            early = plan();
        } catch (RenderStopped e) {
            early = e.reason() == RenderStopped.Reason.CANCELLED ? new TaskOutcome(State.KILLED, "cancelled", Map.of())
                    : TaskOutcome.failed("its expressions could not be rendered: " + e.getMessage());
        } catch (Templates.TemplateError e) {
            early = TaskOutcome.failed(e.getMessage());
        }
        if (early != null) {
            TaskOutcome outcome = early;
            conductor.post(() -> end(outcome));
            return (as, why) -> { };
        }
        launch();
        return this::stop;
    }

    /** Reads what the Loop runs; returns the outcome it ends with at once, or null when iterations are to run. */
    private TaskOutcome plan() {
        deadline = ExecutionRun.deadline(task, context(nest.deadline()), nest.deadline(), start);
        TaskContext context = context(deadline);
        if (!ExecutionRun.shouldRun(task, context)) {
            return new TaskOutcome(State.SKIPPED, "runIf is false", Map.of());
        }
        concurrency = switch (task.kind()) {
            case EACH_SEQUENTIAL -> 1;
            case EACH_PARALLEL -> wholeNumber(context, "concurrent", 0);
            default -> wholeNumber(context, "concurrencyLimit", 1);
        };
        transmitFailed = task.property("transmitFailed").map(context::render).map(String::trim)
                .map(written -> !written.equalsIgnoreCase("false")).orElse(true);
        declaredOutputs = task.value("outputs").filter(List.class::isInstance).map(List.class::cast).orElse(null);
        String values = task.kind() == FlowableTask.Kind.EACH_SEQUENTIAL || task.kind() == FlowableTask.Kind.EACH_PARALLEL
                ? "value" : "values";
        items = LoopValues.of(task.value(values).orElse(null), context::render, MAX_VALUES,
                context.executionsRoot());
        return null;
    }

    private TaskContext context(Instant until) {
        return new TaskContext(run, task, null, until, runId, control.cancellation(), nest);
    }

    private int wholeNumber(TaskContext context, String property, int byDefault) {
        String rendered = task.property(property).map(context::render).map(String::trim).orElse(null);
        if (rendered == null) {
            return byDefault;
        }
        try {
            int value = Integer.parseInt(rendered);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new Templates.TemplateError("`" + property + "` must be 0 (no limit) or a positive whole number, not '"
                + rendered + "'", null);
    }

    private void launch() {
        if (launching || done) {
            return; // an iteration that ended as it started: the loop below goes on from where it is
        }
        launching = true;
        try {
            while (!stopping && next < items.size() && (concurrency == 0 || running.size() < concurrency)) {
                if (conductor.halted(nest) || control.cancellation().isCancelled()) {
                    stopping = true;
                    break;
                }
                startIteration(items.get(next++));
            }
        } finally {
            launching = false;
        }
        if (running.isEmpty() && (stopping || next >= items.size())) {
            finishLoop();
        }
    }

    private void startIteration(LoopValues.Item item) {
        String iterationRunId = ExecutionIds.next();
        Iteration inner = new Iteration(nest.iteration(), item.index(), item.value(), item.key(), legacy);
        Cancellation own = control.cancellation().child();
        Running iteration = new Running(item, iterationRunId, legacy
                ? nest.legacyIteration(task.id(), iterationRunId, deadline, own, inner)
                : Nest.iterationTop(iterationRunId, deadline, own, inner));
        running.put(item.index(), iteration);
        run.publish(new ExecutionEvent.TaskStarted(run.id(), iteration.start, task.id(), iteration.runId, runId, task.type(),
                item.value(), item.index()));
        iteration.block = new Block(conductor, Block.Lanes.SEQUENTIAL, task.branch("tasks"),
                legacy ? List.of() : task.errors(), legacy ? List.of() : task.finallyTasks(), iteration.nest,
                state -> iterationEnded(iteration, state));
        iteration.block.start();
    }

    private void iterationEnded(Running iteration, State blockState) {
        running.remove(iteration.item.index());
        iteration.cancellation.release();
        State state = blockState;
        String message = switch (blockState) {
            case FAILED -> "a task in it failed";
            case KILLED -> "cancelled";
            default -> null;
        };
        if (iteration.stoppedAs != null && (state == State.KILLED || state == State.CANCELLED)) {
            state = iteration.stoppedAs;
            message = iteration.why;
        }
        Map<String, Object> outputs = Map.of();
        if (declaredOutputs != null && (state == State.SUCCESS || state == State.WARNING)) {
            TaskContext context = new TaskContext(run, task, null, deadline, iteration.runId, iteration.cancellation,
                    iteration.nest);
            try {
                outputs = TypedOutputs.render(declaredOutputs, context::render);
                Map<String, Object> entry = new LinkedHashMap<>(); // Kestra's order, seen when printed as JSON
                entry.put("item", item(iteration.item));
                entry.put("outputs", outputs);
                iterationOutputs.add(entry);
            } catch (Templates.TemplateError | RenderStopped e) {
                state = State.FAILED;
                message = "the Loop's " + e.getMessage();
            }
        }
        Instant now = Instant.now();
        run.publish(new ExecutionEvent.TaskFinished(run.id(), now, task.id(), iteration.runId, task.type(), state,
                Duration.between(iteration.start, now), message, outputs, null, Map.of()));
        terminated.merge(state.name(), 1, Integer::sum);
        boolean failed = state == State.FAILED || state == State.KILLED || state == State.CANCELLED;
        if (failed && transmitFailed && failure == null && iteration.stoppedAs == null && !conductor.halted(nest)) {
            failure = "iteration " + iteration.item.index() + " ('" + iteration.item.value() + "') failed";
            stopping = true; // nothing more starts (kestra-oracle); what runs beside it is stopped, where Kestra leaves it
            String why = "stopped because iteration " + iteration.item.index() + " of '" + task.id() + "' failed beside it";
            for (Running other : List.copyOf(running.values())) {
                stopIteration(other, State.CANCELLED, why);
            }
        }
        launch();
    }

    private static Map<String, Object> item(LoopValues.Item item) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("value", item.value());
        described.put("iteration", item.index());
        if (item.key() != null) {
            described.put("key", item.key());
        }
        return described;
    }

    private void stopIteration(Running iteration, State as, String why) {
        if (iteration.stoppedAs == null) {
            iteration.stoppedAs = as;
            iteration.why = why;
        }
        // its running task runs end in that state; one that already ended keeps its own (it may have failed too)
        iteration.block.stop(as, why);
    }

    /** Stopped from outside: a sibling of the Loop failed, or the execution was cancelled. */
    private void stop(State as, String why) {
        stopping = true;
        for (Running iteration : List.copyOf(running.values())) {
            stopIteration(iteration, as, why);
        }
        control.stop(as, why);
    }

    private void finishLoop() {
        done = true;
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("iterationCount", items.size());
        outputs.put("runningIterations", 0);
        outputs.put("terminatedIterations", Map.copyOf(terminated));
        if (declaredOutputs != null) {
            outputs.put("outputs", List.copyOf(iterationOutputs));
        }
        TaskOutcome outcome;
        if (conductor.exited() != null) {
            outcome = new TaskOutcome(conductor.exited().state(), null, outputs);
        } else if (control.stoppedAs() != null) {
            outcome = new TaskOutcome(control.stoppedAs(), control.why(), outputs);
        } else if (control.cancellation().isCancelled()) {
            outcome = new TaskOutcome(State.KILLED, "cancelled", outputs);
        } else if (failure != null) {
            outcome = new TaskOutcome(State.FAILED, failure, outputs);
        } else {
            outcome = new TaskOutcome(State.SUCCESS, null, outputs);
        }
        if (legacy && (!task.errors().isEmpty() || !task.finallyTasks().isEmpty()) && conductor.exited() == null
                && !control.cancellation().isCancelled()) {
            afterIterations(outcome);
            return;
        }
        end(outcome);
    }

    /** A 1.x loop's {@code errors} (when an iteration failed) then its {@code finally}, once, under the loop's run. */
    private void afterIterations(TaskOutcome iterations) {
        boolean failed = iterations.state() == State.FAILED;
        Nest under = nest.under(task.id(), runId, deadline, control.cancellation());
        new Block(conductor, Block.Lanes.SEQUENTIAL, failed ? task.errors() : List.of(), List.of(), task.finallyTasks(), under,
                state -> {
                    boolean broke = state == State.FAILED || state == State.KILLED;
                    end(failed || !broke ? iterations : new TaskOutcome(state, "its finally failed", iterations.outputs()));
                }).start();
    }

    private void end(TaskOutcome outcome) {
        onEnd.accept(run.finishConducted(task, nest, runId, start, control, outcome));
    }
}
