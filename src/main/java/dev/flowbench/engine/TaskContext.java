package dev.flowbench.engine;

import dev.flowbench.flow.Task;
import dev.flowbench.flow.pebble.RenderBudget;
import dev.flowbench.runner.Cancellation;
import dev.flowbench.runner.ProcessRunner;
import dev.flowbench.runner.ProcessTree;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a task handler may see and do while its task runs. */
public final class TaskContext {

    private final ExecutionRun run;
    private final Task task;
    private final Path workingDirectory;
    private final Instant deadline;
    private final String taskRunId;
    private final Cancellation cancellation;
    /** How many attempts of this task run came before this one: Kestra's {@code taskrun.attemptsCount}. */
    private final int attemptsBefore;
    /** Where the task run sits: the run around it, the Loop iteration it runs in, the flowable tasks around it. */
    private final Nest where;
    private final String startDate = Instant.now().toString();

    TaskContext(ExecutionRun run, Task task, Path workingDirectory, Instant deadline, String taskRunId, Cancellation cancellation,
                Nest where) {
        this(run, task, workingDirectory, deadline, taskRunId, cancellation, where, 0);
    }

    private TaskContext(ExecutionRun run, Task task, Path workingDirectory, Instant deadline, String taskRunId,
                        Cancellation cancellation, Nest where, int attemptsBefore) {
        this.attemptsBefore = attemptsBefore;
        this.where = where;
        this.run = run;
        this.cancellation = cancellation;
        this.task = task;
        this.workingDirectory = workingDirectory;
        this.deadline = deadline;
        this.taskRunId = taskRunId;
    }

    /** The same task run at its next attempt, {@code attemptsBefore} having failed. */
    TaskContext forAttempt(int attemptsBefore) {
        return new TaskContext(run, task, workingDirectory, deadline, taskRunId, cancellation, where, attemptsBefore);
    }

    /** A variable of the execution ({@code vars.NAME}), if it has one of that name. */
    public Optional<Object> variable(String name) {
        return run.variable(name);
    }

    /** Sets a variable of the execution for the tasks after this one. */
    public void setVariable(String name, Object value) {
        run.setVariable(name, value);
    }

    /** Adds labels to the execution's, replacing those of the same key. */
    public void addLabels(Map<String, String> labels) {
        run.addLabels(labels);
    }

    public void unsetVariable(String name) {
        run.unsetVariable(name);
    }

    /** This run of the task: its id in the execution's events and history. */
    public String taskRunId() {
        return taskRunId;
    }

    public String executionId() {
        return run.id();
    }

    public String namespace() {
        return run.flowNamespace();
    }

    public String flowId() {
        return run.flowId();
    }

    public Task task() {
        return task;
    }

    /** The value of the Loop iteration the task runs in (the innermost), when it runs in one. */
    public Optional<String> iterationValue() {
        return Optional.ofNullable(where.iteration()).map(Iteration::value);
    }

    /** The enclosing WorkingDirectory's folder, when the task runs inside one. */
    public Optional<Path> workingDirectory() {
        return Optional.ofNullable(workingDirectory);
    }

    /** When the task (or an enclosing one) times out, or null. */
    public Instant deadline() {
        return deadline;
    }

    /**
     * On whose behalf the task's processes run: the execution, and inside a WorkingDirectory that directory too, so
     * that what its tasks leave running can be stopped when it ends ({@link #stopProcessesLeftIn}).
     */
    public String processOwner() {
        return workingDirectory == null ? run.id() : ownerIn(workingDirectory);
    }

    private String ownerIn(Path directory) {
        return run.id() + "/" + directory.getFileName();
    }

    /** Stops what the tasks run in the WorkingDirectory {@code directory} left running; returns how many processes. */
    public int stopProcessesLeftIn(Path directory) {
        return ProcessTree.killOwnedBy(ownerIn(directory));
    }

    /** Raised when this task run is to stop: the execution was cancelled, or a failing sibling stopped it. */
    public Cancellation cancellation() {
        return cancellation;
    }

    public ProcessRunner processes() {
        return run.settings().processes();
    }

    public Shell shell() {
        return run.settings().shell();
    }

    /** {@code rendered} with this execution's output file paths said by their content, for a task's definition. */
    String stableStoragePaths(String rendered) {
        return run.stableStoragePaths(rendered);
    }

    /**
     * Where this task's output files are kept after its working directory is gone: a folder per task, and inside a Loop
     * one per task run, so that iterations do not overwrite each other's files.
     */
    public Path storage() {
        Path folder = run.storage().resolve(task.id());
        return where.iteration() == null ? folder : folder.resolve(taskRunId);
    }

    /** This execution's folder: its output files, its inputs' files. */
    public Path executionStorage() {
        return run.storage();
    }

    /** The executions' folder, where the output files an expression may read lie. */
    public Path executionsRoot() {
        return run.storage().getParent();
    }

    /** The variables expressions see: inputs, vars, outputs, flow, execution, task, and workingDir when set. */
    public Map<String, Object> variables(Path workingDir) {
        Map<String, Object> variables = new HashMap<>(run.variables());
        variables.put("task", Map.of("id", task.id(), "type", task.type()));
        variables.put("execution", run.executionVariables());
        variables.put("labels", run.labelsVariable());
        variables.put("taskrun", taskrun());
        Iteration iteration = where.iteration();
        if (iteration != null) {
            variables.put("outputs", iteration.outputsOver(run.outputs()));
            variables.put("item", iteration.item());
            if (iteration.legacy()) {
                variables.put(dev.flowbench.flow.pebble.EachValues.VARIABLE, iteration.legacyValues());
            }
        }
        if (!where.parents().isEmpty()) {
            variables.put("parents", where.parents());
            variables.put("parent", where.parents().get(0));
        }
        if (where.workerTaskrun() != null) {
            variables.put("workerTaskrun", where.workerTaskrun());
        }
        variables.put(dev.flowbench.flow.pebble.KvLookup.VARIABLE, new dev.flowbench.flow.pebble.KvLookup() {
            @Override
            public Optional<Object> get(String namespace, String key) {
                return keyValues().get(namespace, key).map(KvValue::forExpressions);
            }

            @Override
            public String namespace() {
                return run.flowNamespace();
            }
        });
        Path executions = executionsRoot();
        variables.put(dev.flowbench.flow.pebble.ExecutionFiles.VARIABLE, (dev.flowbench.flow.pebble.ExecutionFiles) () -> executions);
        if (workingDir != null) {
            variables.put("workingDir", workingDir.toString());
        }
        return variables;
    }

    /** {@code taskrun} as Kestra's expressions see it. */
    private Map<String, Object> taskrun() {
        Map<String, Object> taskrun = new LinkedHashMap<>();
        taskrun.put("id", taskRunId);
        taskrun.put("startDate", startDate);
        taskrun.put("attemptsCount", attemptsBefore);
        if (where.parentRunId() != null) {
            taskrun.put("parentId", where.parentRunId());
        }
        Iteration iteration = where.iteration();
        if (iteration != null && iteration.legacy()) { // Kestra 1.x: a task run in a ForEach carries its value
            taskrun.put("value", iteration.value());
            taskrun.put("iteration", iteration.index());
        }
        return taskrun;
    }

    public String render(String text) {
        return render(text, workingDirectory);
    }

    public String render(String text, Path workingDir) {
        return Templates.render(text, variables(workingDir), budget());
    }

    public List<String> render(List<String> texts, Path workingDir) {
        Map<String, Object> variables = variables(workingDir);
        List<String> rendered = new ArrayList<>(texts.size());
        texts.forEach(t -> rendered.add(Templates.render(t, variables, budget())));
        return rendered;
    }

    public Map<String, String> render(Map<String, String> texts, Path workingDir) {
        Map<String, Object> variables = variables(workingDir);
        Map<String, String> rendered = new LinkedHashMap<>();
        texts.forEach((k, v) -> rendered.put(Templates.render(k, variables, budget()), Templates.render(v, variables, budget())));
        return rendered;
    }

    /** What one rendering may do: the engine's limits, until the task's deadline, unless the execution is cancelled. */
    private RenderBudget budget() {
        return new RenderBudget(run.settings().renderLimits(), deadline, cancellation::isCancelled);
    }

    /** A new empty folder for the task to run in; the caller removes it. */
    public Path newWorkingDirectory(String purpose) throws IOException {
        return WorkDirectories.create(run.settings().workDirectory(), purpose);
    }

    /** Writes files into {@code dir} (see {@link WorkFiles#writeInputs}); a link replaced on the way is logged. */
    public void writeFiles(Path dir, Map<String, String> files) throws IOException {
        WorkFiles.writeInputs(dir, files).forEach(note -> log(LogLevel.WARN, "flowbench", note));
    }

    /** A warning from Flowbench itself in the task's log. */
    public void warn(String message) {
        log(LogLevel.WARN, "flowbench", message);
    }

    public void log(LogLevel level, String stream, String message) {
        log(level, stream, message, Instant.now());
    }

    /** A line logged at {@code time} (when a process wrote it). */
    public void log(LogLevel level, String stream, String message, Instant time) {
        run.publish(new ExecutionEvent.LogLine(run.id(), time, task.id(), taskRunId, level, stream, message));
    }

    public void metric(String name, String type, double value, Map<String, String> tags) {
        run.publish(new ExecutionEvent.MetricRecorded(run.id(), Instant.now(), task.id(), taskRunId, name, type, value, tags));
    }

    public void cacheEvent(CacheResult result, String reason, Map<String, Object> details) {
        run.publish(new ExecutionEvent.CacheEvent(run.id(), Instant.now(), task.id(), taskRunId, result, reason, details));
    }

    /** Runs a WorkingDirectory's children in {@code directory}: tasks, then errors on failure, then finally. */
    public State runChildren(List<Task> tasks, List<Task> errors, List<Task> finallyTasks, Path directory) {
        return run.runBlock(tasks, errors, finallyTasks, directory, where.inWorkingDirectory(taskRunId, deadline, cancellation,
                taskrun()));
    }

    /** Kestra's KV store, per namespace. */
    public KeyValues keyValues() {
        return run.settings().keyValues();
    }

    public WorkingDirectoryHooks hooks() {
        return run.settings().hooks();
    }
}
