package dev.flowbench.ui.history;

import dev.flowbench.app.Workspace;
import dev.flowbench.store.ExecutionDetail;
import dev.flowbench.store.ExecutionSummary;
import dev.flowbench.ui.app.UiTasks;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The history's state: the latest executions from the database, this window's runs and the command line's alike
 * (what {@code flowbench runs} lists), and the command that opens one. Lives on the FX thread.
 */
public final class HistoryViewModel {

    /** How many of the latest executions are listed. */
    static final int SHOWN = 200;

    private final ObservableList<ExecutionSummary> executions = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final UiTasks tasks;
    private final Supplier<Workspace> workspace;
    private long listing;

    public HistoryViewModel(UiTasks tasks, Supplier<Workspace> workspace) {
        this.tasks = tasks;
        this.workspace = workspace;
    }

    public ObservableList<ExecutionSummary> executions() {
        return executions;
    }

    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** Lists the latest executions again; an older listing that answers late is dropped. */
    public void refresh() {
        Workspace open = workspace.get();
        if (open == null) {
            return;
        }
        long mine = ++listing;
        tasks.run(() -> open.history().recent(SHOWN), found -> {
            if (mine == listing) {
                executions.setAll(found);
                notice.set("");
            }
        }, failure -> notice.set("Could not read the history: " + failure.getMessage()));
    }

    /** Reads the execution with its tasks and logs, then gives it to {@code show}. */
    public void open(ExecutionSummary execution, Consumer<ExecutionDetail> show) {
        if (execution != null) {
            open(execution.id(), show, notice::set);
        }
    }

    /** Reads the execution {@code id} with its tasks and logs, then gives it to {@code show}; else tells {@code trouble} why not. */
    public void open(String id, Consumer<ExecutionDetail> show, Consumer<String> trouble) {
        Workspace open = workspace.get();
        if (open == null) {
            return;
        }
        tasks.run(() -> open.history().find(id), found -> found.ifPresentOrElse(show,
                () -> trouble.accept("Execution " + id + " is no longer in the history.")),
                failure -> trouble.accept("Could not read execution " + id + ": " + failure.getMessage()));
    }
}
