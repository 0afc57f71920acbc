package dev.flowbench.engine;

import dev.flowbench.flow.Task;
import dev.flowbench.runner.Cancellation;
import dev.flowbench.runner.ProcessRunner;
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

    TaskContext(ExecutionRun run, Task task, Path workingDirectory, Instant deadline) {
        this.run = run;
        this.task = task;
        this.workingDirectory = workingDirectory;
        this.deadline = deadline;
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

    /** The enclosing WorkingDirectory's folder, when the task runs inside one. */
    public Optional<Path> workingDirectory() {
        return Optional.ofNullable(workingDirectory);
    }

    /** When the task (or an enclosing one) times out, or null. */
    public Instant deadline() {
        return deadline;
    }

    public Cancellation cancellation() {
        return run.cancellation();
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

    /** Where this task's output files are kept after its working directory is gone. */
    public Path storage() {
        return run.storage().resolve(task.id());
    }

    /** The variables expressions see: inputs, vars, outputs, flow, execution, task, and workingDir when set. */
    public Map<String, Object> variables(Path workingDir) {
        Map<String, Object> variables = new HashMap<>(run.variables());
        variables.put("task", Map.of("id", task.id(), "type", task.type()));
        variables.put("taskrun", Map.of("id", run.id() + "_" + task.id()));
        if (workingDir != null) {
            variables.put("workingDir", workingDir.toString());
        }
        return variables;
    }

    public String render(String text) {
        return Templates.render(text, variables(workingDirectory));
    }

    public String render(String text, Path workingDir) {
        return Templates.render(text, variables(workingDir));
    }

    public List<String> render(List<String> texts, Path workingDir) {
        Map<String, Object> variables = variables(workingDir);
        List<String> rendered = new ArrayList<>(texts.size());
        texts.forEach(t -> rendered.add(Templates.render(t, variables)));
        return rendered;
    }

    public Map<String, String> render(Map<String, String> texts, Path workingDir) {
        Map<String, Object> variables = variables(workingDir);
        Map<String, String> rendered = new LinkedHashMap<>();
        texts.forEach((k, v) -> rendered.put(Templates.render(k, variables), Templates.render(v, variables)));
        return rendered;
    }

    /** A new empty folder for the task to run in; the caller removes it. */
    public Path newWorkingDirectory(String purpose) throws IOException {
        return WorkDirectories.create(run.settings().workDirectory(), purpose);
    }

    /** Writes files into {@code dir} (see {@link WorkFiles#writeInputs}); a link replaced on the way is logged. */
    public void writeFiles(Path dir, Map<String, String> files) throws IOException {
        WorkFiles.writeInputs(dir, files).forEach(note -> log(LogLevel.WARN, "flowbench", note));
    }

    public void log(LogLevel level, String stream, String message) {
        log(level, stream, message, Instant.now());
    }

    /** A line logged at {@code time} (when a process wrote it). */
    public void log(LogLevel level, String stream, String message, Instant time) {
        run.publish(new ExecutionEvent.LogLine(run.id(), time, task.id(), level, stream, message));
    }

    public void metric(String name, String type, double value, Map<String, String> tags) {
        run.publish(new ExecutionEvent.MetricRecorded(run.id(), Instant.now(), task.id(), name, type, value, tags));
    }

    public void cacheEvent(CacheResult result, String reason, Map<String, Object> details) {
        run.publish(new ExecutionEvent.CacheEvent(run.id(), Instant.now(), task.id(), result, reason, details));
    }

    /** Runs a WorkingDirectory's children in {@code directory}: tasks, then errors on failure, then finally. */
    public State runChildren(List<Task> tasks, List<Task> errors, List<Task> finallyTasks, Path directory) {
        return run.runBlock(tasks, errors, finallyTasks, directory, deadline);
    }

    public WorkingDirectoryHooks hooks() {
        return run.settings().hooks();
    }
}
