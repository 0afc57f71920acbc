package dev.flowbench.ui.run;

import dev.flowbench.app.RunHandle;
import dev.flowbench.app.Workspace;
import dev.flowbench.engine.CacheResult;
import dev.flowbench.engine.ExecutionEvent;
import dev.flowbench.engine.ExecutionResult;
import dev.flowbench.engine.InputResolver;
import dev.flowbench.engine.LogLevel;
import dev.flowbench.engine.RunScope;
import dev.flowbench.engine.State;
import dev.flowbench.flow.Flow;
import dev.flowbench.flow.Input;
import dev.flowbench.flow.LoadedFlow;
import dev.flowbench.flow.Task;
import dev.flowbench.store.ExecutionDetail;
import dev.flowbench.store.ExecutionSummary;
import dev.flowbench.store.LogRecord;
import dev.flowbench.store.TaskRunRecord;
import dev.flowbench.ui.app.TimeText;
import dev.flowbench.ui.app.UiTasks;
import dev.flowbench.ui.editor.EditorViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;

/**
 * The run panel's state: the execution of the flow in the current tab, its tasks (known from the flow before they
 * start) and its log. Commands: {@link #run} and {@link #stop}. Events arrive in batches through an
 * {@link EventDrain}; every event type is handled explicitly. Lives on the FX thread.
 */
public final class RunViewModel {

    /** The log keeps this many lines in the window (the oldest go first); the log file keeps them all. */
    public static final int MAX_LOG_ROWS = 100_000;
    /** The kind of a cache event that stands an earlier run in for a task (a part of a flow). */
    private static final String EARLIER_RUN = "earlierRun";

    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    /** Counts the batches of events applied: a view filtering rows by their state filters again after each. */
    private final javafx.beans.property.ReadOnlyLongWrapper batches = new javafx.beans.property.ReadOnlyLongWrapper();
    /** A Pause of the run waits to be resumed (or for its time). */
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper();
    /** When the Pause waiting goes on by itself (its pauseDuration), or null when it waits to be resumed. */
    private final javafx.beans.property.ReadOnlyObjectWrapper<java.time.Instant> pausedUntil =
            new javafx.beans.property.ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper("No run yet");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper executionId = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<List<TaskRunRow>> rows = new ReadOnlyObjectWrapper<>(List.of());
    private final LogBuffer logs = new LogBuffer(MAX_LOG_ROWS);
    private final ReadOnlyObjectWrapper<Long> droppedLines = new ReadOnlyObjectWrapper<>(0L);
    private final ReadOnlyObjectWrapper<Long> recordedRuns = new ReadOnlyObjectWrapper<>(0L);
    private final ReadOnlyObjectWrapper<Long> startedRuns = new ReadOnlyObjectWrapper<>(0L);

    private final UiTasks tasks;
    private final Supplier<Workspace> workspace;
    private final Map<String, TaskRunRow> rowOf = new HashMap<>();
    private RunHandle handle;
    private String title = "";
    private final ReadOnlyStringWrapper tabTitle = new ReadOnlyStringWrapper("Run");
    private String subject;
    private InputsForm inputsForm = (flowName, inputs, last, check, run) -> run.accept(Map.of());
    /** What part of the flow the last run started here runs. */
    private RunScope scope = RunScope.ALL;

    /**
     * Asks the user for a flow's inputs before it runs: calls {@code run} with the values given (as text; empty means
     * the default), or not at all when the user cancels. {@code check} says what is wrong with a set of values.
     */
    public interface InputsForm {
        /** {@code last}: the values of the flow's latest execution, filled in instead of the defaults. */
        void ask(String flowName, List<Input> inputs, Map<String, String> last, Function<Map<String, String>, List<String>> check,
                 Consumer<Map<String, String>> run);
    }

    public RunViewModel(UiTasks tasks, Supplier<Workspace> workspace) {
        this.tasks = tasks;
        this.workspace = workspace;
    }

    /**
     * Offers to run a flow up to a task when the task cannot run alone (the outputs it reads are missing or stale):
     * {@code why} says which; {@code upTo} runs the flow up to the task.
     */
    public interface PartOffer {
        PartOffer NONE = (flowName, taskId, why, upTo) -> { };

        void offer(String flowName, String taskId, String why, Runnable upTo);
    }

    private PartOffer partOffer = PartOffer.NONE;

    public void setPartOffer(PartOffer offer) {
        this.partOffer = offer;
    }

    /** Where the inputs are asked; without one, a flow runs with its defaults. */
    public void setInputsForm(InputsForm form) {
        this.inputsForm = form;
    }

    public javafx.beans.property.ReadOnlyLongProperty batchesProperty() {
        return batches.getReadOnlyProperty();
    }

    public javafx.beans.property.ReadOnlyObjectProperty<java.time.Instant> pausedUntilProperty() {
        return pausedUntil.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty pausedProperty() {
        return paused.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** The execution's state: null before the first run, RUNNING, then how it ended. */
    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** One line for the panel's header and the status bar: "Running x.yml", "x.yml: SUCCESS in 1.2 s". */
    public ReadOnlyStringProperty headlineProperty() {
        return headline.getReadOnlyProperty();
    }

    /** Why a run did not start, or what of it could not be recorded; empty when all is well. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** The tab's name: the flow's file name, or its namespace and id. */
    public ReadOnlyStringProperty titleProperty() {
        return tabTitle.getReadOnlyProperty();
    }

    /** What this tab is about, to find it again: the flow's file, or the untitled flow's name. Null: unused. */
    String subject() {
        return subject;
    }

    /** Whether this tab is about the flow of {@code file} (or, unsaved, named {@code name}). */
    public boolean isAbout(Path file, String name) {
        return subject != null && subject.equals(subjectOf(file, name));
    }

    /** Nothing has run or been shown here yet. */
    boolean isUnused() {
        return subject == null && !running.get();
    }

    static String subjectOf(Path file, String name) {
        return file == null ? "untitled:" + name : file.toAbsolutePath().normalize().toString();
    }

    static String subjectOf(ExecutionSummary past) {
        return past.flowPath() == null ? "flow:" + past.namespace() + "." + past.flowId() : subjectOf(Path.of(past.flowPath()), null);
    }

    private void about(String subjectNow, String titleNow) {
        subject = subjectNow;
        title = titleNow;
        tabTitle.set(titleNow);
    }

    /** " (up to 'transform')" for a part of a flow or a fresh run; nothing for a plain run. */
    private String partText() {
        return scope.partial() || scope.fresh() ? " (" + scope.describe() + ")" : "";
    }

    public ReadOnlyStringProperty executionIdProperty() {
        return executionId.getReadOnlyProperty();
    }

    /** The tasks of the current run in flow order, each nested one after its parent; replaced at each run. */
    public ReadOnlyObjectProperty<List<TaskRunRow>> rowsProperty() {
        return rows.getReadOnlyProperty();
    }

    /** Counts the runs whose end has been recorded in the history (every listener has had every event). */
    public ReadOnlyObjectProperty<Long> recordedRunsProperty() {
        return recordedRuns.getReadOnlyProperty();
    }

    /** Counts the runs that have started and are in the history (running). */
    public ReadOnlyObjectProperty<Long> startedRunsProperty() {
        return startedRuns.getReadOnlyProperty();
    }

    public ObservableList<LogRow> logs() {
        return logs;
    }

    /** Log lines the window did not show or no longer shows (too many at once, or the oldest beyond {@link #MAX_LOG_ROWS}); the log file has them. */
    public ReadOnlyObjectProperty<Long> droppedLinesProperty() {
        return droppedLines.getReadOnlyProperty();
    }

    /**
     * Runs {@code text} (as it is on screen, saved or not) from {@code file} (null for an untitled flow). A flow with
     * errors, or inputs without values, does not run: {@code showProblems} is called, or the notice says why.
     */
    public void run(String text, Path file, String name, Runnable showProblems) {
        run(text, file, name, showProblems, RunScope.ALL);
    }

    /** The same for {@code scope}'s part of the flow: up to a task, or only it, the tasks before it reused (see {@link RunScope}). */
    public void run(String text, Path file, String name, Runnable showProblems, RunScope scope) {
        if (running.get()) {
            return;
        }
        Workspace open = workspace.get();
        if (open == null) {
            notice.set("The history and the cache are still opening; run again in a moment.");
            return;
        }
        about(subjectOf(file, name), name);
        notice.set("");
        tasks.run(() -> EditorViewModel.validate(text), loaded -> start(open, loaded, file, showProblems, null, scope),
                failure -> notice.set("Could not check the flow: " + failure.getMessage()));
    }

    /**
     * Runs a past execution again with the inputs it had: the flow's text as it ran when the history kept it, else
     * its file as it is now.
     */
    public void rerun(ExecutionSummary past, Runnable showProblems) {
        Workspace open = workspace.get();
        if (running.get() || open == null) {
            return;
        }
        Path file = past.flowPath() == null ? null : Path.of(past.flowPath());
        about(subjectOf(past), file == null ? past.namespace() + "." + past.flowId() : file.getFileName().toString());
        notice.set("");
        tasks.run(() -> new Rerun(EditorViewModel.validate(pastText(open, past, file)), PastInputs.of(past.inputsJson())),
                rerun -> start(open, rerun.flow(), file, showProblems, rerun.inputs(), RunScope.ALL),
                failure -> notice.set("Cannot run " + file + " again: " + failure.getMessage()));
    }

    private record Rerun(LoadedFlow flow, Map<String, String> inputs) {
    }

    private static String pastText(Workspace open, ExecutionSummary past, Path file) throws Exception {
        java.util.Optional<String> kept = open.history().sourceOf(past.id());
        if (kept.isPresent()) {
            return kept.get();
        }
        if (file == null) {
            throw new java.io.IOException("its flow was never saved and the history did not keep its text");
        }
        return Files.readString(file);
    }

    /** Starts a checked flow; {@code given} inputs (null: ask for them in the form, if the flow has any). */
    private void start(Workspace open, LoadedFlow loaded, Path file, Runnable showProblems, Map<String, String> given,
                       RunScope scope) {
        if (loaded.flow() == null || loaded.hasErrors()) {
            notice.set(title + " has errors: fix them before running it (see Problems).");
            showProblems.run();
            return;
        }
        Flow flow = loaded.flow();
        java.util.Optional<String> wrongPart = scope.problem(flow);
        if (wrongPart.isPresent()) {
            notice.set("Cannot run " + title + " " + scope.describe() + ": " + wrongPart.get());
            return;
        }
        List<String> cannot = dev.flowbench.engine.Preflight.problems(flow);
        if (!cannot.isEmpty()) { // said before any inputs are asked for, not after them in a run failed at once
            notice.set("Cannot run " + title + " here: " + String.join("; ", cannot));
            return;
        }
        if (flow.inputs().isEmpty() || given != null) {
            launchResolved(open, flow, given == null ? Map.of() : given, file, loaded.source().text(), scope);
            return;
        }
        Function<Map<String, String>, List<String>> check = values -> InputResolver.resolve(flow.inputs(), values).errors();
        Consumer<Map<String, String>> go = values -> launchResolved(open, flow, values, file, loaded.source().text(), scope);
        tasks.run(() -> PastInputs.of(open.history().latestInputs(flow.namespace(), flow.id()).orElse(null)),
                last -> inputsForm.ask(title, flow.inputs(), last, check, go),
                failure -> inputsForm.ask(title, flow.inputs(), Map.of(), check, go));
    }

    private void launchResolved(Workspace open, Flow flow, Map<String, String> given, Path file, String text, RunScope scope) {
        InputResolver.Resolved inputs = InputResolver.resolve(flow.inputs(), given);
        if (!inputs.ok()) {
            notice.set("Cannot run " + title + ": " + String.join("; ", inputs.errors()));
            return;
        }
        if (scope.part() != RunScope.Part.ONLY) {
            launch(open, flow, inputs.values(), file, text, scope);
            return;
        }
        // only the task: first whether the outputs it reads are there, so that nothing runs to fail at once
        String before = headline.get();
        headline.set("Checking what '" + scope.taskId() + "' needs");
        tasks.run(() -> open.whyNotAlone(flow, inputs.values(), scope.taskId()), why -> {
            if (why.isEmpty()) {
                launch(open, flow, inputs.values(), file, text, scope);
                return;
            }
            headline.set(before);
            notice.set("'" + scope.taskId() + "' cannot run alone yet: " + why.get());
            partOffer.offer(title, scope.taskId(), why.get(),
                    () -> launchResolved(open, flow, given, file, text, RunScope.upTo(scope.taskId(), scope.fresh())));
        }, failure -> launch(open, flow, inputs.values(), file, text, scope));
    }

    /** Starts the run; {@code text} (what runs) is kept with the execution in the history. */
    private void launch(Workspace open, Flow flow, Map<String, Object> inputs, Path file, String text, RunScope scope) {
        this.scope = scope;
        reset(flow);
        running.set(true);
        state.set(State.RUNNING);
        headline.set("Starting " + title + partText());
        EventDrain drain = new EventDrain(tasks, this::receive);
        String flowPath = file == null ? null : file.toAbsolutePath().toString();
        tasks.run(() -> open.startRun(flow, inputs, flowPath, text, List.of(drain), scope), started -> {
            handle = started;
            executionId.set(started.execution().id());
            started.inHistory().whenComplete((listed, error) -> tasks.onFxThread(() -> startedRuns.set(startedRuns.get() + 1)));
            // the end once the window has every event: the drain may still hold the last ones
            started.execution().completion().whenComplete((result, error) -> drain.afterLast(() -> ended(started, result)));
        }, failure -> {
            running.set(false);
            state.set(State.FAILED);
            headline.set(title + ": could not start");
            notice.set("Could not start " + title + ": " + failure.getMessage());
        });
    }

    /**
     * Shows a past execution from the history (this window's or the command line's): its tasks with their states,
     * its cache decisions and the log lines the history kept. Nothing runs.
     */
    public void showPast(ExecutionDetail detail) {
        if (running.get()) {
            notice.set("A run is going on: stop it or wait for its end to open another execution.");
            return;
        }
        ExecutionSummary summary = detail.summary();
        rowOf.clear();
        List<TaskRunRow> all = new ArrayList<>();
        Map<TaskRunRow, List<TaskRunRow>> pastIterations = new java.util.LinkedHashMap<>();
        for (TaskRunRecord task : detail.tasks()) {
            TaskRunRow loop = task.iteration() == null ? null : rowOf.get(task.taskId());
            TaskRunRow row = loop != null ? loop.iteration(task.iteration(), task.value() == null ? "" : task.value())
                    : new TaskRunRow(task.taskId(), task.taskType(), null);
            row.stateProperty().set(task.state());
            row.startedProperty().set(task.startedAt());
            row.durationProperty().set(task.endedAt() == null ? null : Duration.between(task.startedAt(), task.endedAt()));
            row.messageProperty().set(task.message());
            row.outputsProperty().set(task.outputsJson() == null || task.outputsJson().equals("{}") ? null : task.outputsJson());
            row.outputFilesProperty().set(PastInputs.outputFiles(task.outputsJson()));
            if (loop != null) {
                pastIterations.computeIfAbsent(loop, l -> new ArrayList<>()).add(row); // under its Loop's row
                continue;
            }
            all.add(row);
            rowOf.putIfAbsent(task.taskId(), row);
        }
        pastIterations.forEach(TaskRunRow::addIterations);
        logs.clear();
        List<LogRow> lines = new ArrayList<>();
        for (LogRecord record : detail.logs()) {
            if (OutcomeLines.CACHE.equals(record.stream())) {
                pastCacheDecision(record);
            }
            lines.add(new LogRow(record.at(), record.taskId(), LogLevel.parse(record.level()).orElse(LogLevel.INFO),
                    record.stream(), record.message()));
        }
        rows.set(List.copyOf(all));
        appendLogs(withOutcomes(lines, detail.tasks()));
        droppedLines.set(summary.logsDropped());
        handle = null;
        executionId.set(summary.id());
        about(subjectOf(summary), summary.flowPath() == null ? summary.namespace() + "." + summary.flowId()
                : Path.of(summary.flowPath()).getFileName().toString());
        state.set(summary.state());
        notice.set("");
        headline.set(title + ": " + summary.state() + (summary.duration() == null ? "" : " in " + TimeText.duration(summary.duration()))
                + "  (execution " + summary.id() + ", from the history)");
    }

    /** {@code lines} with the lines saying why tasks did not succeed, each after the lines written before its end. */
    private static List<LogRow> withOutcomes(List<LogRow> lines, List<TaskRunRecord> tasks) {
        List<LogRow> outcomes = new ArrayList<>();
        for (TaskRunRecord task : tasks) {
            Instant at = task.endedAt() == null ? task.startedAt() : task.endedAt();
            OutcomeLines.ofEnd(null, task.taskId(), null, task.state(), task.message(), at).ifPresent(line ->
                    outcomes.add(new LogRow(line.time(), line.taskId(), line.level(), line.stream(), line.message())));
        }
        if (outcomes.isEmpty()) {
            return lines;
        }
        outcomes.sort(java.util.Comparator.comparing(LogRow::time));
        List<LogRow> merged = new ArrayList<>(lines.size() + outcomes.size());
        int next = 0;
        for (LogRow line : lines) {
            while (next < outcomes.size() && outcomes.get(next).time().isBefore(line.time())) {
                merged.add(outcomes.get(next++));
            }
            merged.add(line);
        }
        merged.addAll(outcomes.subList(next, outcomes.size()));
        return merged;
    }

    /** A cache decision as the history keeps it: "cache HIT: restored 3 files..." on the WorkingDirectory's row. */
    private void pastCacheDecision(LogRecord record) {
        String text = record.message().startsWith("cache ") ? record.message().substring("cache ".length()) : record.message();
        int colon = text.indexOf(':');
        CacheResult.parse(colon < 0 ? text : text.substring(0, colon)).ifPresent(result -> row(record.taskId(), row -> {
            row.cacheDecided(result);
            String before = row.cacheReasonProperty().get();
            row.cacheReasonProperty().set(before == null ? text : before + "\n" + text);
        }));
    }

    private static Map<String, String> outputFiles(Object value) {
        Map<String, String> files = new java.util.LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((name, stored) -> files.put(String.valueOf(name), String.valueOf(stored)));
        }
        return files;
    }

    /** Outputs as lines, nested maps flattened with dots: "vars.modules = 200". */
    static String outputLines(Map<String, Object> outputs) {
        if (outputs == null || outputs.isEmpty()) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        flatten("", outputs, lines);
        return String.join("\n", lines);
    }

    private static void flatten(String prefix, Map<?, ?> map, List<String> lines) {
        map.forEach((key, value) -> {
            if (value instanceof Map<?, ?> nested) {
                flatten(prefix + key + ".", nested, lines); // an empty one says nothing
            } else if (value instanceof java.util.Collection<?> list && list.isEmpty()) {
                return;
            } else {
                lines.add(prefix + key + " = " + value);
            }
        });
    }

    /**
     * Runs made-up lines through what a live run's lines go through (the drain, the packed lines, the log's views),
     * one hand-over each, then empties the log: the first real run's lines are then not the first to run that code
     * (interpreted, the first hand-overs of a flood held the FX thread 15 to 20 ms each).
     */
    void rehearseLines() {
        if (running.get()) {
            return;
        }
        EventDrain drain = new EventDrain(UiTasks.sameThread(), this::receive);
        Instant at = Instant.now();
        for (int i = 0; i < REHEARSED_LINES; i++) {
            drain.onEvent(new ExecutionEvent.LogLine("rehearsal", at, "script", null, LogLevel.INFO, i % 2 == 0 ? "stdout" : "stderr", "line " + i));
        }
        logs.clear();
        droppedLines.set(0L);
    }

    /** Enough hand-overs for the code they run to be compiled (a method is after a few hundred calls). */
    private static final int REHEARSED_LINES = 500;

    /** Back to an unused tab: nothing run or shown (after the warm-up's made-up execution). */
    void forget() {
        if (running.get()) {
            return;
        }
        rowOf.clear();
        rows.set(List.of());
        logs.clear();
        droppedLines.set(0L);
        executionId.set(null);
        handle = null;
        subject = null;
        title = "";
        tabTitle.set("Run");
        state.set(null);
        notice.set("");
        headline.set("No run yet");
    }

    /**
     * Makes every Pause of the run waiting go on, as {@code flowbench resume ID} does (the same file is written, off the
     * FX thread).
     */
    public void resume() {
        RunHandle current = handle;
        if (current == null || !paused.get()) {
            return;
        }
        headline.set("Resuming " + title);
        tasks.run(() -> current.execution().resume(), resumed -> {
            if (!resumed) {
                notice.set("The run had no Pause waiting any more.");
            }
        }, failure -> notice.set("Could not resume the run: " + failure.getMessage()));
    }

    /** Kills the run's process tree; the execution then ends KILLED. */
    public void stop() {
        RunHandle current = handle;
        if (current == null || !running.get()) {
            return;
        }
        headline.set("Stopping " + title);
        tasks.run(() -> {
            current.execution().cancel();
            return null;
        }, done -> { }, failure -> notice.set("Could not stop the run: " + failure.getMessage()));
    }

    private void reset(Flow flow) {
        rowOf.clear();
        iterationRows.clear();
        List<TaskRunRow> all = new ArrayList<>();
        int unit = scope.partial() ? scope.unit(flow).orElse(-1) : Integer.MAX_VALUE;
        List<Task> tasks = flow.topLevelTasks();
        for (int i = 0; i < tasks.size(); i++) {
            int before = all.size();
            addRows(tasks.get(i), null, all);
            if (i > unit) { // after the part's task, and errors, finally, afterExecution: a part of a flow stops there
                all.subList(before, all.size()).forEach(row -> row.markOutside("not in this run (" + scope.describe() + ")"));
            }
        }
        rows.set(List.copyOf(all));
        logs.clear();
        droppedLines.set(0L);
        executionId.set(null);
        handle = null;
    }

    private void addRows(Task task, String parent, List<TaskRunRow> all) {
        TaskRunRow row = new TaskRunRow(task.id(), task.type(), parent);
        all.add(row);
        rowOf.putIfAbsent(task.id(), row);
        for (Task child : task.children()) {
            addRows(child, task.id(), all);
        }
    }

    private void receive(EventDrain.Batch batch) {
        long dropped = batch.droppedLines();
        for (ExecutionEvent event : batch.events()) {
            if (event instanceof ExecutionEvent.LogsDropped gone) {
                dropped += gone.count();
            } else {
                apply(event);
            }
        }
        startedIterations.forEach(TaskRunRow::addIterations); // a batch's iterations in one change of each Loop's rows
        startedIterations.clear();
        batches.set(batches.get() + 1);
        int gone = logs.append(batch.lines());
        dropped += gone;
        if (dropped > 0) {
            droppedLines.set(droppedLines.get() + dropped);
        }
    }

    /** The runs of Pauses waiting: the headline says so until they go on. */
    private final java.util.Set<String> pausedRuns = new java.util.HashSet<>();

    /** The rows of the iterations that started in the batch being applied, by their Loop's row. */
    private final Map<TaskRunRow, List<TaskRunRow>> startedIterations = new java.util.LinkedHashMap<>();

    /** The rows of Loop iterations under way, by their run. */
    private final Map<String, TaskRunRow> iterationRows = new java.util.HashMap<>();

    private void apply(ExecutionEvent event) {
        if (event instanceof ExecutionEvent.ExecutionStarted) {
            headline.set("Running " + title + partText());
        } else if (event instanceof ExecutionEvent.TaskStarted started && started.isIteration()) {
            TaskRunRow loop = rowOf.get(started.taskId()); // the Loop's row follows the Loop's own run, each iteration a row
            if (loop != null) {
                TaskRunRow iteration = loop.iteration(started.iteration(), started.value() == null ? "" : started.value());
                startedIterations.computeIfAbsent(loop, l -> new ArrayList<>()).add(iteration);
                iteration.stateProperty().set(State.RUNNING);
                iteration.startedProperty().set(started.time());
                iterationRows.put(started.taskRunId(), iteration);
            }
        } else if (event instanceof ExecutionEvent.TaskFinished finished && iterationRows.containsKey(finished.taskRunId())) {
            TaskRunRow iteration = iterationRows.remove(finished.taskRunId());
            iteration.stateProperty().set(finished.state());
            iteration.durationProperty().set(finished.duration());
            iteration.messageProperty().set(finished.message());
        } else if (event instanceof ExecutionEvent.TaskStarted started) {
            row(started.taskId(), row -> {
                row.stateProperty().set(State.RUNNING);
                row.startedProperty().set(started.time());
            });
        } else if (event instanceof ExecutionEvent.TaskFinished finished) {
            if (pausedRuns.remove(finished.taskRunId()) && pausedRuns.isEmpty()) {
                headline.set("Running " + title + partText()); // the Pause went on
                paused.set(false);
                pausedUntil.set(null);
            }
            row(finished.taskId(), row -> {
                row.stateProperty().set(finished.state());
                row.durationProperty().set(finished.duration());
                row.messageProperty().set(finished.message());
                row.outputsProperty().set(outputLines(finished.outputs()));
                row.outputFilesProperty().set(outputFiles(finished.outputs().get("outputFiles")));
                if (row.startedProperty().get() == null) {
                    row.startedProperty().set(finished.time().minus(finished.duration()));
                }
            });
        } else if (event instanceof ExecutionEvent.CacheEvent cache) {
            row(cache.taskId(), row -> {
                if (EARLIER_RUN.equals(cache.details().get("kind")) && cache.result() == CacheResult.HIT) {
                    row.reusedFromProperty().set(String.valueOf(cache.details().get("executionId")));
                } else {
                    row.cacheDecided(cache.result());
                }
                String line = cache.result() + (cache.reason() == null ? "" : ": " + cache.reason());
                String before = row.cacheReasonProperty().get();
                row.cacheReasonProperty().set(before == null ? line : before + "\n" + line);
            });
        } else if (event instanceof ExecutionEvent.TaskPaused paused) {
            row(paused.taskId(), row -> row.stateProperty().set(State.PAUSED));
            pausedRuns.add(paused.taskRunId());
            this.paused.set(true);
            pausedUntil.set(paused.until());
            headline.set("Paused at '" + paused.taskId() + "' " + (paused.until() == null
                    ? "until resumed: flowbench resume " + paused.executionId()
                    : "until " + TimeText.clock(paused.until())) + partText());
        } else if (event instanceof ExecutionEvent.MetricRecorded) {
            return; // metrics are kept in the history with the task's outputs
        } else if (event instanceof ExecutionEvent.ExecutionFinished finished) {
            finish(finished.state(), finished.duration(), finished.message());
        } else {
            throw new IllegalStateException("the run panel does not know the event " + event.getClass().getSimpleName());
        }
    }

    private void row(String taskId, java.util.function.Consumer<TaskRunRow> change) {
        TaskRunRow row = taskId == null ? null : rowOf.get(taskId);
        if (row != null) {
            change.accept(row);
        }
    }

    /** Appends the lines; past {@link #MAX_LOG_ROWS} the oldest go (counted with the lines not shown). */
    private void appendLogs(List<LogRow> lines) {
        int gone = logs.append(lines);
        if (gone > 0) {
            droppedLines.set(droppedLines.get() + gone);
        }
    }

    private void finish(State end, Duration took, String message) {
        state.set(end);
        running.set(false);
        paused.set(false);
        pausedUntil.set(null);
        pausedRuns.clear();
        String why = end == State.KILLED ? "the run was stopped before it" : "the run ended before it (a task before it failed)";
        rows.get().forEach(row -> row.markNotRun("not run: " + why));
        headline.set(title + ": " + end + " in " + TimeText.duration(took) + ending(end, message));
    }

    /**
     * What the headline says after the state: why a failed run failed (the task that failed first and its reason, as
     * its row and the log say it), or what part of the flow ran.
     */
    private String ending(State end, String message) {
        if (end == State.FAILED || end == State.KILLED) {
            java.util.Optional<TaskRunRow> cause = firstFailure();
            if (cause.isPresent()) {
                return ": task '" + cause.get().taskId() + "' " + cause.get().stateProperty().get()
                        + (cause.get().messageProperty().get() == null ? "" : ": " + cause.get().messageProperty().get());
            }
        }
        return message == null ? partText() : " (" + message + ")"; // a part of a flow says so in its message
    }

    /** The first task that failed (or was killed) itself: not a WorkingDirectory failing because a task in it did. */
    private java.util.Optional<TaskRunRow> firstFailure() {
        List<TaskRunRow> failed = rows.get().stream().filter(row -> row.stateProperty().get() == State.FAILED
                || row.stateProperty().get() == State.KILLED).toList();
        return failed.stream().filter(row -> failed.stream().noneMatch(other -> row.taskId().equals(other.parentId())))
                .findFirst();
    }

    /** The end as the execution's completion reports it: after every event, and also when events went missing. */
    private void ended(RunHandle run, ExecutionResult result) {
        recordedRuns.set(recordedRuns.get() + 1);
        if (run != handle) {
            return; // an older run
        }
        if (running.get() && result != null) {
            finish(result.state(), result.duration(), result.message());
        }
        if (result != null) {
            List<String> problems = run.recordingProblems(result);
            if (!problems.isEmpty()) {
                notice.set(String.join(" ", problems));
            }
        }
    }
}
