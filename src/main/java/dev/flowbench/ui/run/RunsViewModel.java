package dev.flowbench.ui.run;

import dev.flowbench.app.Workspace;
import dev.flowbench.engine.RunScope;
import dev.flowbench.engine.State;
import dev.flowbench.store.ExecutionDetail;
import dev.flowbench.store.ExecutionSummary;
import dev.flowbench.ui.app.UiTasks;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The run panel's executions, one tab each: several may run at once. A run of a flow goes to that flow's tab when
 * it is idle, else to an unused tab, else to a new one; a past execution opens the same way. At most
 * {@link #MAX_TABS} tabs are kept: beyond, the oldest idle one that is not in front goes. The selected tab's
 * headline and state are the status bar's. Lives on the FX thread.
 */
public final class RunsViewModel {

    /** Tabs kept at most (each holds up to {@link RunViewModel#MAX_LOG_ROWS} log lines); running ones always stay. */
    public static final int MAX_TABS = 6;

    private final ObservableList<RunViewModel> runs = FXCollections.observableArrayList();
    private final ObjectProperty<RunViewModel> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper selectedRunning = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper selectedPaused = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<Long> recordedRuns = new ReadOnlyObjectWrapper<>(0L);
    private final ReadOnlyObjectWrapper<Long> startedRuns = new ReadOnlyObjectWrapper<>(0L);
    private final UiTasks tasks;
    private final Supplier<Workspace> workspace;
    private RunViewModel.InputsForm inputsForm;
    private RunViewModel.PartOffer partOffer = RunViewModel.PartOffer.NONE;

    public RunsViewModel(UiTasks tasks, Supplier<Workspace> workspace) {
        this.tasks = tasks;
        this.workspace = workspace;
        selected.addListener((o, before, now) -> follow(now));
        selected.set(add());
    }

    /** The tabs, oldest first. Never empty: an unused tab waits for the first run. */
    public ObservableList<RunViewModel> runs() {
        return runs;
    }

    /** The tab in front: Stop and the status bar are about its execution. */
    public ObjectProperty<RunViewModel> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty headlineProperty() {
        return headline.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** Whether the tab in front is running (what Stop stops). */
    public ReadOnlyBooleanProperty selectedRunningProperty() {
        return selectedRunning.getReadOnlyProperty();
    }

    /** Whether the run in front waits in a Pause: Resume makes it go on. */
    public ReadOnlyBooleanProperty selectedPausedProperty() {
        return selectedPaused.getReadOnlyProperty();
    }

    /** Counts the runs of every tab whose end has been recorded in the history. */
    public ReadOnlyObjectProperty<Long> recordedRunsProperty() {
        return recordedRuns.getReadOnlyProperty();
    }

    /** Counts the runs of every tab that have started. */
    public ReadOnlyObjectProperty<Long> startedRunsProperty() {
        return startedRuns.getReadOnlyProperty();
    }

    /** Where each tab asks for a flow's inputs. */
    public void setInputsForm(RunViewModel.InputsForm form) {
        this.inputsForm = form;
        runs.forEach(run -> run.setInputsForm(form));
    }

    /** Where each tab offers to run up to a task that cannot run alone. */
    public void setPartOffer(RunViewModel.PartOffer offer) {
        this.partOffer = offer;
        runs.forEach(run -> run.setPartOffer(offer));
    }

    /** Brings the tab about the flow of {@code file} (or, unsaved, named {@code name}) to the front, when there is one. */
    public void bringForward(Path file, String name) {
        runs.stream().filter(run -> run.isAbout(file, name))
                .max(java.util.Comparator.comparing((RunViewModel run) -> run.runningProperty().get()))
                .ifPresent(selected::set);
    }

    /** Whether the tab in front is about the flow of {@code file} (or, unsaved, named {@code name}). */
    public boolean frontIsAbout(Path file, String name) {
        return selected.get() != null && selected.get().isAbout(file, name);
    }

    /** Runs {@code text} from {@code file} (null: untitled {@code name}) in its flow's tab, or a new one. */
    public void run(String text, Path file, String name, Runnable showProblems) {
        run(text, file, name, showProblems, RunScope.ALL);
    }

    /** The same for {@code scope}'s part of the flow (up to a task, or only it). */
    public void run(String text, Path file, String name, Runnable showProblems, RunScope scope) {
        String subject = RunViewModel.subjectOf(file, name);
        RunViewModel tab = idle(run -> subject.equals(run.subject())).or(this::unused).orElseGet(this::add);
        selected.set(tab);
        tab.run(text, file, name, showProblems, scope);
    }

    /** Runs a past execution again, with its inputs, in its flow's tab or a new one. */
    public void rerun(ExecutionSummary past, Runnable showProblems) {
        String subject = RunViewModel.subjectOf(past);
        RunViewModel tab = idle(run -> subject.equals(run.subject())).or(this::unused).orElseGet(this::add);
        selected.set(tab);
        tab.rerun(past, showProblems);
    }

    /** Shows a past execution: in the tab already showing it, else its flow's idle tab, else a new one. */
    public void showPast(ExecutionDetail detail) {
        String id = detail.summary().id();
        String subject = RunViewModel.subjectOf(detail.summary());
        RunViewModel tab = idle(run -> id.equals(run.executionIdProperty().get()))
                .or(() -> idle(run -> subject.equals(run.subject()))).or(this::unused).orElseGet(this::add);
        selected.set(tab);
        tab.showPast(detail);
    }

    /**
     * Shows a made-up execution in the unused tab, lets {@code layout} style and lay out the panel while it is hidden,
     * and forgets it (see {@link RunWarmup}): nothing of it is ever drawn.
     */
    public void warmUp(Runnable layout) {
        unused().ifPresent(tab -> {
            tab.showPast(RunWarmup.madeUp());
            try {
                layout.run();
            } finally {
                tab.forget();
            }
        });
    }

    /** Runs made-up lines through the unused tab's log, and forgets them (see {@link RunViewModel#rehearseLines}). */
    public void rehearseLines() {
        unused().ifPresent(tab -> {
            tab.rehearseLines();
            tab.forget();
        });
    }

    /** Stops the run in front. */
    public void stop() {
        RunViewModel front = selected.get();
        if (front != null) {
            front.stop();
        }
    }

    /** Resumes the run in front, waiting in a Pause. */
    public void resume() {
        RunViewModel front = selected.get();
        if (front != null) {
            front.resume();
        }
    }

    /** Closes an idle tab (a running one stays: stop it first); the last tab is emptied rather than closed. */
    public void close(RunViewModel tab) {
        if (tab.runningProperty().get() || !runs.contains(tab)) {
            return;
        }
        int index = runs.indexOf(tab);
        if (runs.size() == 1) {
            RunViewModel fresh = add();
            selected.set(fresh);
        } else if (selected.get() == tab) {
            selected.set(runs.get(index == runs.size() - 1 ? index - 1 : index + 1));
        }
        runs.remove(tab);
    }

    private Optional<RunViewModel> idle(Predicate<RunViewModel> wanted) {
        return runs.stream().filter(run -> !run.runningProperty().get() && wanted.test(run)).findFirst();
    }

    private Optional<RunViewModel> unused() {
        return idle(RunViewModel::isUnused);
    }

    private RunViewModel add() {
        RunViewModel run = new RunViewModel(tasks, workspace);
        if (inputsForm != null) {
            run.setInputsForm(inputsForm);
        }
        run.setPartOffer(partOffer);
        run.recordedRunsProperty().addListener((o, a, b) -> recordedRuns.set(recordedRuns.get() + 1));
        run.startedRunsProperty().addListener((o, a, b) -> startedRuns.set(startedRuns.get() + 1));
        runs.add(run);
        trim();
        return run;
    }

    /** Beyond {@link #MAX_TABS}, the oldest idle tabs go, never the one in front or the one just added. */
    private void trim() {
        RunViewModel newest = runs.get(runs.size() - 1);
        for (int i = 0; i < runs.size() && runs.size() > MAX_TABS; ) {
            RunViewModel each = runs.get(i);
            if (each != newest && each != selected.get() && !each.runningProperty().get()) {
                runs.remove(i);
            } else {
                i++;
            }
        }
    }

    private void follow(RunViewModel front) {
        headline.unbind();
        state.unbind();
        selectedRunning.unbind();
        selectedPaused.unbind();
        if (front == null) {
            headline.set("No run yet");
            state.set(null);
            selectedRunning.set(false);
            selectedPaused.set(false);
            return;
        }
        headline.bind(front.headlineProperty());
        state.bind(front.stateProperty());
        selectedRunning.bind(front.runningProperty());
        selectedPaused.bind(front.pausedProperty());
    }
}
