package dev.flowbench.ui.run;

import dev.flowbench.engine.CacheResult;
import dev.flowbench.engine.State;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One task of the run panel's table: known from the flow before it starts (state null: waiting), then filled by
 * the execution's events. {@code parentId} is the WorkingDirectory (or flowable task) it is nested in, or null. A
 * Loop's row holds a row per iteration as they start ({@link #iterations()}), each with its index and value.
 */
public final class TaskRunRow {

    private final String taskId;
    private final String type;
    private final String parentId;
    private final ObjectProperty<State> state = new SimpleObjectProperty<>();
    private final ObjectProperty<Instant> started = new SimpleObjectProperty<>();
    private final ObjectProperty<Duration> duration = new SimpleObjectProperty<>();
    private final StringProperty message = new SimpleStringProperty();
    private final ObjectProperty<CacheResult> restoreResult = new SimpleObjectProperty<>();
    private final ObjectProperty<CacheResult> saveResult = new SimpleObjectProperty<>();
    private final StringProperty cacheReason = new SimpleStringProperty();
    private final StringProperty reusedFrom = new SimpleStringProperty();
    private boolean outside;
    /** "not run" or "not in run" once the run ended without this task running; null otherwise. */
    private final StringProperty unreached = new SimpleStringProperty();
    private final StringProperty outputs = new SimpleStringProperty();
    private final ObjectProperty<java.util.Map<String, String>> outputFiles = new SimpleObjectProperty<>(java.util.Map.of());
    /** An iteration's index (0 first) and value; null for a task's row. */
    private final Integer iteration;
    private final String value;
    private javafx.collections.ObservableList<TaskRunRow> iterations;

    TaskRunRow(String taskId, String type, String parentId) {
        this(taskId, type, parentId, null, null);
    }

    private TaskRunRow(String taskId, String type, String parentId, Integer iteration, String value) {
        this.taskId = taskId;
        this.type = type;
        this.parentId = parentId;
        this.iteration = iteration;
        this.value = value;
    }

    /** A row for iteration {@code index} of this Loop's row, running for {@code value}; {@link #addIterations} shows it. */
    TaskRunRow iteration(int index, String value) {
        return new TaskRunRow(taskId, type, taskId, index, value);
    }

    /** Adds iterations' rows to this Loop's, in one change. */
    void addIterations(List<TaskRunRow> started) {
        iterations().addAll(started);
    }

    /** The iterations of this Loop's row that started, in the order they did (empty for other rows). */
    public javafx.collections.ObservableList<TaskRunRow> iterations() {
        if (iterations == null) {
            iterations = javafx.collections.FXCollections.observableArrayList();
        }
        return iterations;
    }

    public boolean isIteration() {
        return iteration != null;
    }

    /** The iteration's index, or -1 for a task's row. */
    public int iteration() {
        return iteration == null ? -1 : iteration;
    }

    /** The iteration's value, or null for a task's row. */
    public String value() {
        return value;
    }

    /** What the table's first column says: the task's id, or an iteration's index and value ("#3 beta"). */
    public String label() {
        return iteration == null ? taskId : "#" + iteration + " " + value;
    }

    public String taskId() {
        return taskId;
    }

    public String type() {
        return type;
    }

    /** The type without its package: {@code io.kestra.plugin.scripts.shell.Commands} is {@code shell.Commands}. */
    public String shortType() {
        String[] parts = type.split("\\.");
        return parts.length < 2 ? type : parts[parts.length - 2] + "." + parts[parts.length - 1];
    }

    public String parentId() {
        return parentId;
    }

    public ObjectProperty<State> stateProperty() {
        return state;
    }

    public ObjectProperty<Instant> startedProperty() {
        return started;
    }

    public ObjectProperty<Duration> durationProperty() {
        return duration;
    }

    public StringProperty messageProperty() {
        return message;
    }

    /** What this WorkingDirectory's cache decided before its tasks: HIT or MISS (null: no cache, or not yet). */
    public ObjectProperty<CacheResult> restoreResultProperty() {
        return restoreResult;
    }

    /** What it decided after them: SAVED, UNCHANGED or NOT_SAVED. */
    public ObjectProperty<CacheResult> saveResultProperty() {
        return saveResult;
    }

    void cacheDecided(CacheResult result) {
        (result == CacheResult.HIT || result == CacheResult.MISS ? restoreResult : saveResult).set(result);
    }

    /** The task's outputs, one "name = value" a line (vars a script printed, its exit code...); null before its end. */
    public StringProperty outputsProperty() {
        return outputs;
    }

    /** The files the task kept (its outputFiles): name in the working directory to where the execution stores it. */
    public ObjectProperty<java.util.Map<String, String>> outputFilesProperty() {
        return outputFiles;
    }

    /** Every decision of the run, one per line: "MISS: no entry yet", "SAVED: 3 files (1.2 KB) in 0.01 s". */
    /** This task is not part of the run (a part of a flow): it stays so; {@code why} is its message. */
    void markOutside(String why) {
        outside = true;
        message.set(why);
        unreached.set("not in run");
    }

    /** The run ended without this task running (a task before it failed, the run was stopped); {@code why} says which. */
    void markNotRun(String why) {
        if (state.get() == null && unreached.get() == null) {
            message.set(why);
            unreached.set("not run");
        }
    }

    /** "not run" or "not in run" for a task the run did not reach (greyed), null for one it did or may still. */
    public StringProperty unreachedProperty() {
        return unreached;
    }

    public boolean isOutside() {
        return outside;
    }

    /** The earlier execution whose run stood in for this task's (a part of a flow), or null when it ran. */
    public StringProperty reusedFromProperty() {
        return reusedFrom;
    }

    public StringProperty cacheReasonProperty() {
        return cacheReason;
    }
}
