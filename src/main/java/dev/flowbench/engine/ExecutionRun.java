package dev.flowbench.engine;

import dev.flowbench.engine.tasks.LocalFilesHandler;
import dev.flowbench.engine.tasks.LogHandler;
import dev.flowbench.engine.tasks.ReturnHandler;
import dev.flowbench.engine.tasks.ScriptHandler;
import dev.flowbench.engine.tasks.WorkingDirectoryHandler;
import dev.flowbench.flow.Flow;
import dev.flowbench.flow.IsoDuration;
import dev.flowbench.flow.LocalFilesTask;
import dev.flowbench.flow.LogTask;
import dev.flowbench.flow.ReturnTask;
import dev.flowbench.flow.ScriptTask;
import dev.flowbench.flow.Task;
import dev.flowbench.flow.WorkingDirectoryTask;
import dev.flowbench.runner.Cancellation;
import dev.flowbench.runner.ProcessTree;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** One execution of a flow: tasks in order, errors on failure, finally always (unless cancelled). */
final class ExecutionRun {

    private final String id;
    private final Flow flow;
    private final EngineSettings settings;
    private final EventBus bus;
    private final Cancellation cancellation;
    private final Map<String, Object> outputs = new ConcurrentHashMap<>();
    private final Map<String, State> taskStates = new LinkedHashMap<>();
    private final Map<String, Object> variables = new LinkedHashMap<>();
    private final Path storage;

    ExecutionRun(String id, Flow flow, Map<String, Object> inputs, EngineSettings settings, EventBus bus,
                 Cancellation cancellation) {
        this.id = id;
        this.flow = flow;
        this.settings = settings;
        this.bus = bus;
        this.cancellation = cancellation;
        this.storage = settings.executionsDirectory().resolve(id);
        Instant now = Instant.now();
        variables.put("inputs", inputs);
        variables.put("vars", flow.variables());
        variables.put("outputs", outputs);
        variables.put("flow", Map.of("id", flow.id(), "namespace", flow.namespace()));
        variables.put("execution", Map.of("id", id, "startDate", now.toString()));
    }

    ExecutionResult run(Map<String, Object> inputs) {
        Instant start = Instant.now();
        publish(new ExecutionEvent.ExecutionStarted(id, start, flow.namespace(), flow.id(), inputs));
        List<String> preflight = Preflight.problems(flow);
        State state;
        String message = null;
        if (!preflight.isEmpty()) {
            state = State.FAILED;
            message = String.join("; ", preflight);
        } else {
            state = runBlock(flow.tasks(), flow.errors(), flow.finallyTasks(), null, null);
            if (!cancellation.isCancelled()) {
                runSequence(flow.afterExecution(), null, null);
            }
            message = switch (state) {
                case FAILED -> "a task failed";
                case KILLED -> "cancelled";
                default -> null;
            };
        }
        int leftBehind = ProcessTree.killOwnedBy(id);
        if (leftBehind > 0) {
            publish(new ExecutionEvent.LogLine(id, Instant.now(), null, LogLevel.INFO, "flowbench",
                    "stopped " + leftBehind + " background process" + (leftBehind == 1 ? "" : "es") + " the flow left running"));
        }
        Duration duration = Duration.between(start, Instant.now());
        publish(new ExecutionEvent.ExecutionFinished(id, Instant.now(), state, duration, message));
        return new ExecutionResult(id, state, message, duration, Map.copyOf(taskStates), Map.copyOf(outputs));
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

    Path storage() {
        return storage;
    }

    Map<String, Object> variables() {
        return variables;
    }

    void publish(ExecutionEvent event) {
        bus.publish(event);
    }

    State runBlock(List<Task> tasks, List<Task> errors, List<Task> finallyTasks, Path dir, Instant deadline) {
        State state = runSequence(tasks, dir, deadline);
        if (state == State.FAILED && !errors.isEmpty() && !cancellation.isCancelled()) {
            runSequence(errors, dir, deadline);
        }
        if (!cancellation.isCancelled()) {
            state = state.worst(runSequence(finallyTasks, dir, deadline));
        }
        return cancellation.isCancelled() ? State.KILLED : state;
    }

    private State runSequence(List<Task> tasks, Path dir, Instant deadline) {
        State state = State.SUCCESS;
        for (Task task : tasks) {
            if (cancellation.isCancelled()) {
                return State.KILLED;
            }
            State taskState = runTask(task, dir, deadline);
            if (taskState == State.FAILED || taskState == State.KILLED) {
                return cancellation.isCancelled() ? State.KILLED : State.FAILED;
            }
            if (taskState == State.WARNING) {
                state = State.WARNING;
            }
        }
        return state;
    }

    private State runTask(Task task, Path dir, Instant parentDeadline) {
        if (task.header().disabled()) {
            finish(task, Instant.now(), new TaskOutcome(State.SKIPPED, "disabled", Map.of()));
            return State.SKIPPED;
        }
        Instant start = Instant.now();
        publish(new ExecutionEvent.TaskStarted(id, start, task.id(), task.type()));
        TaskOutcome outcome;
        try {
            TaskContext context = new TaskContext(this, task, dir, parentDeadline);
            if (!shouldRun(task, context)) {
                outcome = new TaskOutcome(State.SKIPPED, "runIf is false", Map.of());
            } else {
                outcome = runOrReuse(task, context, new TaskContext(this, task, dir, deadline(task, context, parentDeadline, start)));
            }
        } catch (Templates.TemplateError e) {
            outcome = TaskOutcome.failed("bad expression: " + e.getMessage());
        } catch (IOException e) {
            outcome = TaskOutcome.failed(e.getMessage() == null ? e.toString() : e.getMessage());
        } catch (Exception e) {
            outcome = TaskOutcome.failed("Flowbench could not run the task: " + e);
        }
        outcome = applyAllowances(task, outcome);
        finish(task, start, outcome);
        return outcome.state();
    }

    /**
     * Runs the task, unless it declares Kestra's {@code taskCache} and an earlier successful run of the same rendered
     * definition is reused instead (no process is started then); a successful run of such a task is stored.
     */
    private TaskOutcome runOrReuse(Task task, TaskContext context, TaskContext running) throws Exception {
        Optional<String> ttl = TaskDefinition.cacheTtl(task);
        if (ttl.isEmpty()) {
            return dispatch(task, running);
        }
        String renderedTtl = ttl.get().isBlank() ? null : context.render(ttl.get()).trim();
        String definition = TaskDefinition.fingerprint(task, context);
        TaskCacheHooks cache = settings.taskCache();
        TaskCacheHooks.Reuse reuse = cache.lookup(context, definition, renderedTtl);
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("kind", "task");
        details.put("key", context.namespace() + "/" + context.flowId() + "/" + task.id());
        context.cacheEvent(reuse.outcome().isPresent() ? CacheResult.HIT : CacheResult.MISS, reuse.reason(), details);
        if (reuse.outcome().isPresent()) {
            return reuse.outcome().get();
        }
        TaskOutcome outcome = dispatch(task, running);
        if (outcome.state() == State.SUCCESS) {
            cache.store(context, definition, renderedTtl, outcome);
        }
        return outcome;
    }

    private void finish(Task task, Instant start, TaskOutcome outcome) {
        outputs.put(task.id(), outcome.outputs());
        taskStates.put(task.id(), outcome.state());
        publish(new ExecutionEvent.TaskFinished(id, Instant.now(), task.id(), task.type(), outcome.state(),
                Duration.between(start, Instant.now()), outcome.message(), outcome.outputs()));
    }

    private TaskOutcome applyAllowances(Task task, TaskOutcome outcome) {
        boolean failed = outcome.state() == State.FAILED || outcome.state() == State.KILLED;
        if (failed && task.header().allowFailure() && !cancellation.isCancelled()) {
            return new TaskOutcome(State.WARNING, "failed but allowFailure is set: " + outcome.message(), outcome.outputs());
        }
        if (outcome.state() == State.WARNING && task.header().source().string("allowWarning").map("true"::equalsIgnoreCase).orElse(false)) {
            return new TaskOutcome(State.SUCCESS, null, outcome.outputs());
        }
        return outcome;
    }

    private static boolean shouldRun(Task task, TaskContext context) {
        var runIf = task.header().source().string("runIf");
        if (runIf.isEmpty()) {
            return true;
        }
        String value = context.render(runIf.get()).trim().toLowerCase(Locale.ROOT);
        return !(value.isEmpty() || value.equals("false") || value.equals("0"));
    }

    private static Instant deadline(Task task, TaskContext context, Instant parentDeadline, Instant start) {
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
        return TaskOutcome.failed("task type " + task.header().type() + " cannot run here");
    }
}
