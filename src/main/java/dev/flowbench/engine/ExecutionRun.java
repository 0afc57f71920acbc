package dev.flowbench.engine;

import dev.flowbench.engine.tasks.AssertHandler;
import dev.flowbench.engine.tasks.FailHandler;
import dev.flowbench.engine.tasks.LocalFilesHandler;
import dev.flowbench.engine.tasks.OutputValuesHandler;
import dev.flowbench.engine.tasks.LogHandler;
import dev.flowbench.engine.tasks.ReturnHandler;
import dev.flowbench.engine.tasks.ScriptHandler;
import dev.flowbench.engine.tasks.SetVariablesHandler;
import dev.flowbench.engine.tasks.SleepHandler;
import dev.flowbench.engine.tasks.UnsetVariablesHandler;
import dev.flowbench.engine.tasks.WorkingDirectoryHandler;
import dev.flowbench.flow.AssertTask;
import dev.flowbench.flow.FailTask;
import dev.flowbench.flow.Flow;
import dev.flowbench.flow.IsoDuration;
import dev.flowbench.flow.LocalFilesTask;
import dev.flowbench.flow.LogTask;
import dev.flowbench.flow.OutputValuesTask;
import dev.flowbench.flow.ReturnTask;
import dev.flowbench.flow.ScriptTask;
import dev.flowbench.flow.SetVariablesTask;
import dev.flowbench.flow.SleepTask;
import dev.flowbench.flow.UnsetVariablesTask;
import dev.flowbench.flow.Task;
import dev.flowbench.flow.WorkingDirectoryTask;
import dev.flowbench.flow.pebble.RenderStopped;
import dev.flowbench.runner.Cancellation;
import dev.flowbench.runner.ProcessTree;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One execution of a flow: its tasks conducted as a tree of task runs ({@link Conductor}), errors on failure, finally
 * always (unless cancelled or ended by an Exit). Runnable tasks run here on the engine's pool ({@link #runTask}); the
 * tasks of a WorkingDirectory run one after another on its pool thread ({@link #runBlock}), as Kestra runs them on one
 * worker.
 */
final class ExecutionRun {

    private final String id;
    private final Flow flow;
    private final EngineSettings settings;
    private final EventBus bus;
    private final Cancellation cancellation;
    private final Map<String, Object> outputs = new ConcurrentHashMap<>();
    /** For the retries of flowables: see {@link #runIdFor}. */
    private final Map<String, String> lastRunIds = new ConcurrentHashMap<>();
    private final java.util.Set<String> trackedParents = ConcurrentHashMap.newKeySet();
    private final java.util.Set<String> retryingParents = ConcurrentHashMap.newKeySet();
    private final Map<String, State> taskStates = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, Object> variables = new LinkedHashMap<>();
    /** The flow's variables, then what SetVariables and UnsetVariables did to them. */
    private final Map<String, Object> vars;
    private final Path storage;
    private final StoragePaths storagePaths;
    private final RunScope scope;
    /** Why each task before a part's own was not reused from an earlier run, for the message when its outputs are missing. */
    private final Map<String, String> notReused = new LinkedHashMap<>();
    private final java.util.Set<String> reusedTasks = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Conductor conductor;
    private final String startDate;
    /**
     * {@code execution.*} as expressions see it: RUNNING, then its end and the flow's outputs for afterExecution. Made
     * when it changes, not at each rendering: every expression of every task reads it.
     */
    private volatile Map<String, Object> executionView;
    private final SeenSoFar seen = new SeenSoFar();
    /** The execution's labels: the flow's, then what Labels tasks added; and {@code labels} as expressions see them. */
    private final Map<String, String> labels;
    private volatile Map<String, Object> labelsView;

    /** How a task is run: as in a whole flow; as the task a part of a flow is for; before it (reused if it can be). */
    enum Policy { NORMAL, TARGET, EARLIER_OR_RUN, EARLIER_OR_SKIP }

    /** Starts an execution as the child of a Subflow task run of this one. */
    interface Children {
        Execution start(Flow flow, Map<String, Object> inputs, Subflows.Child child, int depth);
    }

    private final Children children;
    /** How many executions started this one through Subflows: 0 for one a person started. */
    private final int depth;

    ExecutionRun(String id, Flow flow, EngineSettings settings, EventBus bus, Cancellation cancellation, RunScope scope,
                 TaskPool pool, Children children, int depth) {
        this.conductor = new Conductor(this, pool);
        this.children = children;
        this.depth = depth;
        this.id = id;
        this.scope = scope;
        this.flow = flow;
        this.settings = settings;
        this.bus = bus;
        this.cancellation = cancellation;
        this.storage = settings.executionsDirectory().resolve(id);
        this.storagePaths = new StoragePaths(storage);
        Instant now = Instant.now();
        this.vars = java.util.Collections.synchronizedMap(new LinkedHashMap<>(flow.variables()));
        variables.put("vars", vars);
        variables.put("outputs", outputs);
        variables.put("flow", Map.of("id", flow.id(), "namespace", flow.namespace()));
        variables.put(dev.flowbench.flow.pebble.ExecutionView.VARIABLE, seen);
        this.startDate = now.toString();
        this.executionView = executionView(State.RUNNING, null);
        this.labels = new LinkedHashMap<>(flow.labels());
        this.labelsView = ExpressionMaps.labels(labels, id);
    }

    /** Runs the execution with {@code given} inputs (typed, see {@link InputResolver}; FILE inputs are copied first). */
    ExecutionResult run(Map<String, Object> given) {
        Instant start = Instant.now();
        List<String> preflight = new java.util.ArrayList<>();
        Map<String, Object> inputs = given;
        try {
            inputs = InputFiles.copyInto(flow.inputs(), given, storage);
        } catch (IOException e) {
            preflight.add(e.getMessage());
        }
        variables.put("inputs", ExpressionMaps.nested(inputs));
        publish(new ExecutionEvent.ExecutionStarted(id, start, flow.namespace(), flow.id(), inputs));
        preflight.addAll(Preflight.problems(flow));
        scope.problem(flow).ifPresent(preflight::add);
        State state;
        String message = null;
        if (!preflight.isEmpty()) {
            state = State.FAILED;
            message = String.join("; ", preflight);
        } else if (scope.partial()) {
            PartEnd end = runPart();
            state = end.state();
            message = end.message();
        } else {
            Nest top = Nest.top(cancellation);
            state = conductor.runBlock(flow.tasks(), flow.errors(), flow.finallyTasks(), top);
            Conductor.Exit exit = conductor.exited();
            String outputsFailure = null;
            Map<String, Object> flowOutputs = null;
            if (state == State.SUCCESS || state == State.WARNING) {
                FlowOutputs.Rendered rendered = FlowOutputs.render(flow.source(), this::renderForExecution);
                flowOutputs = rendered.values();
                outputsFailure = rendered.failure();
                if (outputsFailure != null) {
                    state = State.FAILED;
                    publish(new ExecutionEvent.LogLine(id, Instant.now(), null, null, LogLevel.ERROR, "flowbench", outputsFailure));
                }
            } else if (state == State.FAILED) { // Kestra renders them still (kestra-oracle): what can be rendered is kept
                flowOutputs = FlowOutputs.renderWhatCan(flow.source(), this::renderForExecution);
            }
            this.flowOutputs = flowOutputs == null ? Map.of() : flowOutputs;
            executionView = executionView(state, flowOutputs);
            if (!cancellation.isCancelled() && exit == null) {
                conductor.runBlock(flow.afterExecution(), List.of(), List.of(), top);
            }
            if (tooMany != null) {
                state = State.FAILED;
                publish(new ExecutionEvent.LogLine(id, Instant.now(), null, null, LogLevel.ERROR, "flowbench", tooMany));
            }
            message = tooMany != null ? tooMany : outputsFailure != null ? outputsFailure : exit != null ? "ended by the Exit task '" + exit.taskId() + "'" : switch (state) {
                case FAILED -> "a task failed";
                case KILLED -> "cancelled";
                default -> null;
            };
        }
        int leftBehind = ProcessTree.killOwnedBy(id);
        if (leftBehind > 0) {
            publish(new ExecutionEvent.LogLine(id, Instant.now(), null, null, LogLevel.INFO, "flowbench",
                    "stopped " + leftBehind + " background process" + (leftBehind == 1 ? "" : "es") + " the flow left running"));
        }
        Duration duration = Duration.between(start, Instant.now());
        publish(new ExecutionEvent.ExecutionFinished(id, Instant.now(), state, duration, message));
        return new ExecutionResult(id, state, message, duration, Map.copyOf(taskStates), Map.copyOf(outputs), flowOutputs);
    }

    private Map<String, Object> flowOutputs = Map.of();

    /** Starts {@code flow} as a child execution of the task run {@code runId}, one level deeper. */
    Execution startChild(Flow flow, Map<String, Object> inputs, String runId, String path) {
        return children.start(flow, inputs, new Subflows.Child(id, runId, path), depth + 1);
    }

    int depth() {
        return depth;
    }

    String id() {
        return id;
    }

    String flowNamespace() {
        return flow.namespace();
    }

    String flowId() {
        return flow.id();
    }

    EngineSettings settings() {
        return settings;
    }

    Cancellation cancellation() {
        return cancellation;
    }

    /**
     * The id of a new run of {@code taskId} under the run {@code parentRunId}: a new one, except when a flowable's retry
     * runs again what failed under it ({@link #retryUnder}): a task run then gets another attempt, its id kept, as Kestra
     * gives the failed child of a retried flowable another attempt of the same task run (and so for what is nested in it).
     */
    String runIdFor(String parentRunId, String taskId) {
        if (parentRunId == null || !trackedParents.contains(parentRunId)) {
            return ExecutionIds.next();
        }
        String key = parentRunId + "\u0000" + taskId;
        String last = lastRunIds.get(key);
        if (last != null && retryingParents.contains(parentRunId)) {
            retryingParents.add(last);
            return last;
        }
        String id = ExecutionIds.next();
        lastRunIds.put(key, id);
        trackedParents.add(id);
        return id;
    }

    /** A flowable with a retry: the run ids under it are kept, for another attempt of those that fail. */
    void trackRunIdsUnder(String runId) {
        trackedParents.add(runId);
    }

    /** A flowable retries: what runs again under it keeps its earlier run id. */
    void retryUnder(String runId) {
        retryingParents.add(runId);
    }

    Path storage() {
        return storage;
    }

    /** {@code rendered} with this execution's output file paths said by content (see {@link StoragePaths}). */
    String stableStoragePaths(String rendered) {
        return storagePaths.stable(rendered);
    }

    Map<String, Object> variables() {
        return variables;
    }

    /** The outputs of the tasks run outside any Loop, by task id. */
    Map<String, Object> outputs() {
        return outputs;
    }

    /** {@code execution.*}: Kestra's id, startDate, state, and the flow's outputs once rendered. */
    Map<String, Object> executionVariables() {
        return executionView;
    }

    private Map<String, Object> executionView(State state, Map<String, Object> flowOutputs) {
        Map<String, Object> execution = new LinkedHashMap<>(Map.of("id", id, "startDate", startDate, "state", state.name()));
        if (flowOutputs != null) {
            execution.put("outputs", flowOutputs);
        }
        return java.util.Collections.unmodifiableMap(execution);
    }

    /** {@code labels} as expressions read them. */
    Map<String, Object> labelsVariable() {
        return labelsView;
    }

    void addLabels(Map<String, String> added) {
        synchronized (labels) {
            labels.putAll(added);
            labelsView = ExpressionMaps.labels(labels, id);
        }
    }

    /** {@code text} rendered with what the execution has (no task's own variables): the flow's outputs. */
    private String renderForExecution(String text) {
        Map<String, Object> all = new java.util.HashMap<>(variables);
        all.put("execution", executionVariables());
        all.put("labels", labelsVariable());
        return Templates.render(text, all, new dev.flowbench.flow.pebble.RenderBudget(settings.renderLimits(), null,
                cancellation::isCancelled));
    }

    Optional<Object> variable(String name) {
        synchronized (vars) {
            return vars.containsKey(name) ? Optional.of(vars.get(name) == null ? "" : vars.get(name)) : Optional.empty();
        }
    }

    void setVariable(String name, Object value) {
        vars.put(name, value);
    }

    void unsetVariable(String name) {
        vars.remove(name);
    }

    void publish(ExecutionEvent event) {
        if (event instanceof ExecutionEvent.TaskStarted && taskRunsStarted.incrementAndGet() > settings.maxTaskRuns()
                && tooMany == null) {
            tooMany = "it started more than " + String.format("%,d", settings.maxTaskRuns()) + " task runs, the most one"
                    + " execution may (a Loop over too many values, a LoopUntil that never ends?): stopped";
            cancellation.cancel();
        }
        seen.record(event);
        bus.publish(event);
    }

    /** Task runs started so far, by the conductor's thread and the pool's. */
    private final java.util.concurrent.atomic.AtomicInteger taskRunsStarted = new java.util.concurrent.atomic.AtomicInteger();
    /** Why the execution was stopped for starting too many task runs, once it was. */
    private volatile String tooMany;

    private record PartEnd(State state, String message) {
    }

    /**
     * A part of the flow (see {@link RunScope}): the tasks before the unit that holds the scope's task reused from
     * earlier runs (or run, or with {@code ONLY} left out), the unit run, nothing after it. With {@code ONLY}, the unit
     * does not start if it reads an output that none of the tasks before it has.
     */
    private PartEnd runPart() {
        int unit = scope.unit(flow).orElseThrow();
        boolean alone = scope.part() == RunScope.Part.ONLY || scope.part() == RunScope.Part.CHECK_ONLY;
        Policy before = alone ? Policy.EARLIER_OR_SKIP : scope.fresh() ? Policy.NORMAL : Policy.EARLIER_OR_RUN;
        State state = State.SUCCESS;
        List<Task> tasks = flow.tasks();
        for (int i = 0; i <= unit; i++) {
            if (cancellation.isCancelled()) {
                return new PartEnd(State.KILLED, "cancelled");
            }
            if (i == unit && alone) {
                List<String> missing = missingOutputs(tasks.get(i));
                if (!missing.isEmpty()) {
                    return new PartEnd(State.FAILED, String.join("; ", missing));
                }
                if (scope.part() == RunScope.Part.CHECK_ONLY) {
                    return new PartEnd(State.SUCCESS, "'" + scope.taskId() + "' can run alone: the outputs it reads are there");
                }
            }
            Task task = tasks.get(i);
            Policy policy = i == unit ? Policy.NORMAL : before;
            State taskState;
            if (task instanceof dev.flowbench.flow.FlowableTask && policy == Policy.EARLIER_OR_SKIP) {
                finish(task, null, ExecutionIds.next(), Instant.now(), new TaskOutcome(State.SKIPPED, "not run (only '" + scope.taskId()
                        + "' runs); a flowable task is not reused from earlier runs", Map.of()), null);
                taskState = State.SKIPPED;
            } else {
                taskState = conductor.runTask(task, Nest.top(cancellation), policy);
            }
            if (taskState == State.FAILED || taskState == State.KILLED) {
                return cancellation.isCancelled() ? new PartEnd(State.KILLED, "cancelled") : new PartEnd(State.FAILED, "a task failed");
            }
            state = state.worst(taskState == State.SKIPPED ? State.SUCCESS : taskState);
        }
        int reused = reusedTasks.size();
        return new PartEnd(state, "ran " + scope.describe() + (reused == 0 ? "" : "; " + reused + (reused == 1 ? " task" : " tasks")
                + " reused from earlier runs"));
    }

    /**
     * "task 'load' needs outputs.extract.vars.rows, which no earlier run has produced: ...": per task of {@code unit}
     * and upstream task, the outputs it reads that the tasks before it do not have.
     */
    private List<String> missingOutputs(Task unit) {
        Map<List<String>, List<String>> missing = new LinkedHashMap<>(); // [reader, upstream, what is wrong] -> references
        for (OutputReferences.Reference reference : OutputReferences.outside(unit)) {
            String upstream = reference.taskId();
            String why;
            if (!reusedTasks.contains(upstream)) {
                Optional<Task> holder = flow.tasks().subList(0, flow.tasks().indexOf(unit)).stream()
                        .filter(task -> task.ids().contains(upstream)).findFirst();
                if (holder.isEmpty()) {
                    why = "the flow has no task '" + upstream + "' before it";
                } else {
                    String held = holder.get().id();
                    String reason = notReused.getOrDefault(held, "it was " + taskStates.get(held));
                    why = "no earlier run of '" + held + "' can stand in for it (" + reason + "); run up to '" + upstream + "' first";
                }
            } else {
                Optional<String> gone = OutputReferences.missing(reference, outputs);
                if (gone.isEmpty()) {
                    continue;
                }
                why = "the earlier run of '" + upstream + "' it was reused from has no " + gone.get();
            }
            missing.computeIfAbsent(List.of(reference.inTask(), upstream, why), k -> new java.util.ArrayList<>()).add(reference.text());
        }
        List<String> messages = new java.util.ArrayList<>();
        missing.forEach((key, references) -> messages.add("task '" + key.get(0) + "' needs " + String.join(" and ", references)
                + ", which no earlier run has produced: " + key.get(2)));
        return messages;
    }

    /**
     * Runs the tasks of a WorkingDirectory in {@code dir}, one after another on the calling thread (they are runnable
     * tasks only): {@code parentRunId} is the WorkingDirectory's task run, {@code stop} its cancellation.
     */
    State runBlock(List<Task> tasks, List<Task> errors, List<Task> finallyTasks, Path dir, Nest nest) {
        Cancellation stop = nest.cancellation();
        State state = runSequence(tasks, dir, nest);
        if (state == State.FAILED && !errors.isEmpty() && !stop.isCancelled()) {
            runSequence(errors, dir, nest);
        }
        if (!stop.isCancelled()) {
            state = state.worst(runSequence(finallyTasks, dir, nest));
        }
        return stop.isCancelled() ? State.KILLED : state;
    }

    private State runSequence(List<Task> tasks, Path dir, Nest nest) {
        Cancellation stop = nest.cancellation();
        State state = State.SUCCESS;
        for (Task task : tasks) {
            if (stop.isCancelled()) {
                return State.KILLED;
            }
            Cancellation own = stop.child();
            State taskState;
            try {
                taskState = runTask(task, dir, nest, Policy.NORMAL, new RunControl(own));
            } finally {
                own.release();
            }
            if (taskState == State.FAILED || taskState == State.KILLED) {
                return stop.isCancelled() ? State.KILLED : State.FAILED;
            }
            if (taskState == State.WARNING) {
                state = State.WARNING;
            }
        }
        return state;
    }

    /** An Exit task: it ends in the state it names, and so will the execution; nothing starts after it. */
    State runExit(dev.flowbench.flow.ExitTask task, Nest nest) {
        String runId = runIdFor(nest.parentRunId(), task.id());
        Instant start = Instant.now();
        if (task.header().disabled()) {
            finish(task, nest.iteration(), runId, start, new TaskOutcome(State.SKIPPED, "disabled", Map.of()), null);
            return State.SKIPPED;
        }
        publish(new ExecutionEvent.TaskStarted(id, start, task.id(), runId, nest.parentRunId(), task.type()));
        TaskContext context = new TaskContext(this, task, null, nest.deadline(), runId, nest.cancellation(), nest);
        TaskOutcome outcome;
        try {
            if (!shouldRun(task, context)) {
                outcome = new TaskOutcome(State.SKIPPED, "runIf is false", Map.of());
            } else {
                String written = context.render(task.state()).trim();
                State state = exitState(written);
                if (state == null) {
                    outcome = TaskOutcome.failed("Exit `state` must be SUCCESS, WARNING, KILLED, FAILED or CANCELLED, not '" + written + "'");
                } else {
                    conductor.exit(task.id(), state);
                    outcome = new TaskOutcome(state, state == State.SUCCESS ? null : "the execution ends here, " + state, Map.of());
                }
            }
        } catch (RenderStopped | Templates.TemplateError e) {
            outcome = TaskOutcome.failed("bad expression: " + e.getMessage());
        }
        finish(task, nest.iteration(), runId, start, outcome, null);
        return outcome.state();
    }

    private static State exitState(String written) {
        return switch (written.toUpperCase(java.util.Locale.ROOT)) {
            case "SUCCESS" -> State.SUCCESS;
            case "WARNING" -> State.WARNING;
            case "KILLED" -> State.KILLED;
            case "FAILED" -> State.FAILED;
            case "CANCELLED" -> State.CANCELLED;
            default -> null;
        };
    }

    /**
     * Runs a runnable task to its end on the calling thread, with its retries, where {@code nest} says (in {@code dir}
     * inside a WorkingDirectory); {@code control} stops it.
     */
    State runTask(Task task, Path dir, Nest nest, Policy policy, RunControl control) {
        String runId = runIdFor(nest.parentRunId(), task.id());
        Iteration iteration = nest.iteration();
        if (task.header().disabled()) {
            finish(task, iteration, runId, Instant.now(), new TaskOutcome(State.SKIPPED, "disabled", Map.of()), null);
            return State.SKIPPED;
        }
        Instant start = Instant.now();
        Instant parentDeadline = nest.deadline();
        publish(new ExecutionEvent.TaskStarted(id, start, task.id(), runId, nest.parentRunId(), task.type()));
        String[] definition = new String[1];
        TaskOutcome outcome = guarded(task, () -> {
            // its timeout first: everything the task does after, rendering its expressions included, is bounded by it
            Cancellation stop = control.cancellation();
            Instant deadline = deadline(task, new TaskContext(this, task, dir, parentDeadline, runId, stop, nest),
                    parentDeadline, start);
            TaskContext context = new TaskContext(this, task, dir, deadline, runId, stop, nest);
            if (!shouldRun(task, context)) {
                return new TaskOutcome(State.SKIPPED, "runIf is false", Map.of());
            }
            Policy effective = scope.partial() && task.id().equals(scope.taskId()) ? Policy.TARGET : policy;
            Optional<Retry> retry = Retry.of(task, context::render);
            int attempt = 1;
            TaskContext attemptContext = context;
            TaskOutcome attempted;
            while (true) {
                TaskContext current = attemptContext;
                attempted = guarded(task, () -> {
                    definition[0] = TaskDefinition.fingerprint(task, current);
                    return attempt(task, current, definition[0], effective);
                });
                if (attempted.state() == State.FAILED && attempted.message() != null) {
                    seen.failed(task.id(), attempted.message());
                }
                if (attempted.state() != State.FAILED || retry.isEmpty() || stop.isCancelled()) {
                    break;
                }
                Optional<Duration> delay = retry.get().delayBefore(attempt + 1, Duration.between(start, Instant.now()));
                if (delay.isEmpty()) {
                    return new TaskOutcome(State.FAILED, "failed after " + attempt + " attempt" + (attempt == 1 ? "" : "s")
                            + ": " + attempted.message(), attempted.outputs());
                }
                context.log(LogLevel.WARN, "flowbench", "attempt " + attempt + " failed (" + attempted.message() + "); attempt "
                        + (attempt + 1) + " in " + delay.get());
                Waits.End waited = Waits.sleep(delay.get(), deadline, stop);
                if (waited != Waits.End.ELAPSED) {
                    return new TaskOutcome(State.KILLED, waited == Waits.End.CANCELLED ? "cancelled while waiting to retry"
                            : "timed out while waiting to retry", attempted.outputs());
                }
                attempt++;
                attemptContext = context.forAttempt(attempt - 1);
            }
            if (attempt > 1 && attempted.state() == State.SUCCESS && retry.get().warningOnRetry()) {
                return new TaskOutcome(State.WARNING, "succeeded at attempt " + attempt + " (warningOnRetry)", attempted.outputs());
            }
            return attempted;
        });
        if (control.stoppedAs() != null && outcome.state() == State.KILLED) {
            outcome = new TaskOutcome(control.stoppedAs(), control.why(), outcome.outputs());
        }
        outcome = applyAllowances(task, outcome);
        finish(task, iteration, runId, start, outcome, definition[0]);
        return outcome.state();
    }

    /** What {@code work} gives, or the failure it met said as a task's outcome: nothing reaches the user raw. */
    private static TaskOutcome guarded(Task task, java.util.concurrent.Callable<TaskOutcome> work) {
        try {
            return work.call();
        } catch (RenderStopped e) {
            return switch (e.reason()) {
                case TIMED_OUT -> new TaskOutcome(State.KILLED, e.getMessage() + (task.header().timeout() == null ? ""
                        : " (timeout " + task.header().timeout() + ")"), Map.of());
                case CANCELLED -> new TaskOutcome(State.KILLED, "cancelled", Map.of());
                case LIMIT -> TaskOutcome.failed("its expressions could not be rendered: " + e.getMessage());
            };
        } catch (Templates.TemplateError e) {
            return TaskOutcome.failed("bad expression: " + e.getMessage());
        } catch (IOException e) {
            return TaskOutcome.failed(e.getMessage() == null ? e.toString() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new TaskOutcome(State.KILLED, "cancelled", Map.of());
        } catch (Exception e) {
            return TaskOutcome.failed("Flowbench could not run the task: " + e);
        }
    }

    private TaskOutcome attempt(Task task, TaskContext context, String definition, Policy effective) throws Exception {
        return switch (effective) {
            case NORMAL -> runOrReuse(task, context, definition, true);
            case TARGET -> runOrReuse(task, context, definition, false);
            case EARLIER_OR_RUN, EARLIER_OR_SKIP -> reuseEarlier(task, context, definition, effective == Policy.EARLIER_OR_RUN);
        };
    }

    /**
     * Before a part of a flow: the latest successful run of the same rendered definition in an earlier execution
     * stands in for the task (its outputs and output files, and those of the tasks nested in it, made this
     * execution's); without one the task runs ({@code mayRun}) or is left out.
     */
    private TaskOutcome reuseEarlier(Task task, TaskContext context, String definition, boolean mayRun)
            throws Exception {
        EarlierRuns.Lookup lookup = settings.earlierRuns().find(flow.namespace(), flow.id(), task, definition);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("kind", "earlierRun");
        details.put("key", taskKey(task.id()));
        String reason = lookup.reason();
        if (lookup.found().isPresent()) {
            EarlierRuns.Found found = lookup.found().get();
            try {
                Map<String, Object> own = ReusedOutputs.copy(found.run().outcome().outputs(), found.run().outputFileDigests(),
                        settings.executionsDirectory(), found.executionId(), storage);
                List<EarlierRuns.TaskRun> nested = new java.util.ArrayList<>();
                for (EarlierRuns.TaskRun run : found.nested()) {
                    TaskOutcome earlier = run.outcome();
                    nested.add(new EarlierRuns.TaskRun(run.taskId(), run.taskType(), new TaskOutcome(earlier.state(), earlier.message(),
                            ReusedOutputs.copy(earlier.outputs(), run.outputFileDigests(), settings.executionsDirectory(),
                                    found.executionId(), storage)), run.definition(), run.outputFileDigests()));
                }
                details.put("executionId", found.executionId());
                context.cacheEvent(CacheResult.HIT, reason, details);
                for (EarlierRuns.TaskRun run : nested) {
                    Instant at = Instant.now();
                    String nestedRunId = ExecutionIds.next();
                    publish(new ExecutionEvent.TaskStarted(id, at, run.taskId(), nestedRunId, context.taskRunId(), run.taskType()));
                    Map<String, Object> with = new LinkedHashMap<>(details);
                    with.put("key", taskKey(run.taskId()));
                    publish(new ExecutionEvent.CacheEvent(id, at, run.taskId(), nestedRunId, CacheResult.HIT, "with '" + task.id() + "': " + reason, with));
                    reusedTasks.add(run.taskId());
                    finish(run.taskId(), null, nestedRunId, run.taskType(), at, run.outcome(), run.definition());
                }
                reusedTasks.add(task.id());
                return new TaskOutcome(found.run().outcome().state(), reason, own);
            } catch (IOException e) {
                reason = "the run of execution " + found.executionId() + " cannot stand in for it: " + e.getMessage();
            }
        }
        notReused.put(task.id(), reason);
        context.cacheEvent(CacheResult.MISS, reason + (mayRun ? "; running it" : "; not run, as only '" + scope.taskId() + "' runs"), details);
        if (!mayRun) {
            return new TaskOutcome(State.SKIPPED, "not run (only '" + scope.taskId() + "' runs) and not reused: " + reason, Map.of());
        }
        return runOrReuse(task, context, definition, true);
    }

    /**
     * Runs the task, unless it declares Kestra's {@code taskCache} and an earlier successful run of the same rendered
     * definition is reused instead (no process is started then); a successful run of such a task is stored.
     */
    private TaskOutcome runOrReuse(Task task, TaskContext context, String definition, boolean mayReuse)
            throws Exception {
        Optional<String> ttl = TaskDefinition.cacheTtl(task);
        if (ttl.isEmpty()) {
            return dispatch(task, context);
        }
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("kind", "task");
        details.put("key", taskKey(task.id()));
        if (context.workingDirectory().isPresent()) {
            context.cacheEvent(CacheResult.MISS, "not reused inside a WorkingDirectory: its outputs would come back without the"
                    + " files it writes into the shared folder, which the tasks after it read; it runs every time", details);
            return dispatch(task, context);
        }
        String renderedTtl = ttl.get().isBlank() ? null : context.render(ttl.get()).trim();
        TaskCacheHooks cache = settings.taskCache();
        TaskCacheHooks.Reuse reuse = mayReuse ? cache.lookup(context, definition, renderedTtl)
                : new TaskCacheHooks.Reuse(Optional.empty(), "run as asked (" + scope.describe() + "); its outcome is stored");
        context.cacheEvent(reuse.outcome().isPresent() ? CacheResult.HIT : CacheResult.MISS, reuse.reason(), details);
        if (reuse.outcome().isPresent()) {
            return reuse.outcome().get();
        }
        TaskOutcome outcome = dispatch(task, context);
        if (outcome.state() == State.SUCCESS) {
            cache.store(context, definition, renderedTtl, outcome);
        }
        return outcome;
    }

    /** A task's key in cache events: namespace/flow/task, as the cache names its entries. */
    private String taskKey(String taskId) {
        return flow.namespace() + "/" + flow.id() + "/" + taskId;
    }

    /**
     * The end of a task run the conductor moved on (a flowable, a Loop, a Subflow, a Pause): its own cancellation let go,
     * allowFailure and allowWarning applied, the run finished; returns the state its parent is told.
     */
    State finishConducted(Task task, Nest nest, String runId, Instant start, RunControl control, TaskOutcome outcome) {
        control.cancellation().release();
        TaskOutcome allowed = applyAllowances(task, outcome);
        finish(task, nest.iteration(), runId, start, allowed, null);
        return allowed.state();
    }

    /** Outputs a task has while it runs (a LoopUntil's {@code iterationCount}), where the tasks in it read them. */
    void outputsSoFar(String taskId, Iteration iteration, Map<String, Object> soFar) {
        if (iteration == null) {
            outputs.put(taskId, soFar);
        } else {
            iteration.keep(taskId, soFar, outputs);
        }
    }

    /** A task run ended: its outputs are kept where tasks after it read them (its iteration's, in a Loop). */
    void finish(Task task, Iteration iteration, String runId, Instant start, TaskOutcome outcome, String definition) {
        finish(task.id(), iteration, runId, task.type(), start, outcome, definition);
    }

    private void finish(String taskId, Iteration iteration, String runId, String taskType, Instant start, TaskOutcome outcome,
                        String definition) {
        if (iteration == null) {
            outputs.put(taskId, outcome.outputs());
        } else {
            iteration.keep(taskId, outcome.outputs(), outputs);
        }
        taskStates.put(taskId, outcome.state());
        Map<String, String> digests = storagePaths.recordOutputs(outcome.outputs());
        publish(new ExecutionEvent.TaskFinished(id, Instant.now(), taskId, runId, taskType, outcome.state(),
                Duration.between(start, Instant.now()), outcome.message(), outcome.outputs(), definition, digests));
    }

    TaskOutcome applyAllowances(Task task, TaskOutcome outcome) {
        boolean failed = outcome.state() == State.FAILED || outcome.state() == State.KILLED;
        if (failed && task.header().allowFailure() && !cancellation.isCancelled()) {
            outcome = new TaskOutcome(State.WARNING, "failed but allowFailure is set: " + outcome.message(), outcome.outputs());
        }
        if (outcome.state() == State.WARNING && task.header().source().string("allowWarning").map("true"::equalsIgnoreCase).orElse(false)) {
            return new TaskOutcome(State.SUCCESS, null, outcome.outputs());
        }
        return outcome;
    }

    static boolean shouldRun(Task task, TaskContext context) {
        var runIf = task.header().source().string("runIf");
        if (runIf.isEmpty()) {
            return true;
        }
        return Truth.holds(context.render(runIf.get()));
    }

    static Instant deadline(Task task, TaskContext context, Instant parentDeadline, Instant start) {
        String timeout = task.header().timeout();
        if (timeout == null) {
            return parentDeadline;
        }
        String rendered = context.render(timeout);
        Duration duration = IsoDuration.parse(rendered)
                .orElseThrow(() -> new Templates.TemplateError("timeout '" + rendered + "' is not an ISO-8601 duration", null));
        Instant own = start.plus(duration);
        return parentDeadline == null || own.isBefore(parentDeadline) ? own : parentDeadline;
    }

    private static TaskOutcome dispatch(Task task, TaskContext context) throws Exception {
        if (task instanceof ScriptTask script) {
            return new ScriptHandler().run(script, context);
        }
        if (task instanceof WorkingDirectoryTask wd) {
            return new WorkingDirectoryHandler().run(wd, context);
        }
        if (task instanceof LogTask log) {
            return new LogHandler().run(log, context);
        }
        if (task instanceof ReturnTask ret) {
            return new ReturnHandler().run(ret, context);
        }
        if (task instanceof LocalFilesTask files) {
            return new LocalFilesHandler().run(files, context);
        }
        if (task instanceof OutputValuesTask values) {
            return new OutputValuesHandler().run(values, context);
        }
        if (task instanceof FailTask fail) {
            return new FailHandler().run(fail, context);
        }
        if (task instanceof AssertTask check) {
            return new AssertHandler().run(check, context);
        }
        if (task instanceof SleepTask sleep) {
            return new SleepHandler().run(sleep, context);
        }
        if (task instanceof SetVariablesTask set) {
            return new SetVariablesHandler().run(set, context);
        }
        if (task instanceof UnsetVariablesTask unset) {
            return new UnsetVariablesHandler().run(unset, context);
        }
        if (task instanceof dev.flowbench.flow.KvTask kv) {
            return new dev.flowbench.engine.tasks.KvHandler().run(kv, context);
        }
        if (task instanceof dev.flowbench.flow.StorageTask storageTask) {
            return new dev.flowbench.engine.tasks.StorageHandler().run(storageTask, context);
        }
        if (task instanceof dev.flowbench.flow.HttpTask http) {
            return new dev.flowbench.engine.tasks.HttpHandler().run(http, context);
        }
        if (task instanceof dev.flowbench.flow.LabelsTask labelsTask) {
            return new dev.flowbench.engine.tasks.LabelsHandler().run(labelsTask, context);
        }
        return TaskOutcome.failed("task type " + task.header().type() + " cannot run here");
    }
}
