package dev.flowbench.ui.topology;

import dev.flowbench.flow.LoadedFlow;
import dev.flowbench.flow.edit.EditResult;
import dev.flowbench.flow.edit.FlowEdits;
import dev.flowbench.ui.run.TaskRunRow;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The topology's state: the picture of the last flow that read well (an invalid text keeps it, marked stale), the
 * selected task (the caret's task in the editor, or a click on the picture), the orientation, and the rows of a run
 * of this flow whose states and cache results the nodes show. Visual edits are computed here, on the text the
 * picture was made from, and handed to the editor as text edits. Lives on the FX thread.
 */
public final class TopologyViewModel {

    private final ReadOnlyObjectWrapper<TopologyLayout.Picture> picture = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper stale = new ReadOnlyBooleanWrapper();
    private final StringProperty selectedTask = new SimpleStringProperty();
    private final ObjectProperty<TopologyLayout.Orientation> orientation = new SimpleObjectProperty<>(TopologyLayout.Orientation.VERTICAL);
    private final ReadOnlyObjectWrapper<Map<String, TaskRunRow>> runRows = new ReadOnlyObjectWrapper<>(Map.of());
    private TopologyGraph graph;
    private LoadedFlow shown;
    private FlowEdits edits;

    public TopologyViewModel() {
        orientation.addListener((o, a, b) -> layOut());
    }

    public ReadOnlyObjectProperty<TopologyLayout.Picture> pictureProperty() {
        return picture.getReadOnlyProperty();
    }

    /** True while the text does not read as a flow: the picture is its last good state. */
    public ReadOnlyBooleanProperty staleProperty() {
        return stale.getReadOnlyProperty();
    }

    public StringProperty selectedTaskProperty() {
        return selectedTask;
    }

    public ObjectProperty<TopologyLayout.Orientation> orientationProperty() {
        return orientation;
    }

    /** The rows of a run of this flow, by task id: what the nodes' states and cache badges follow. */
    public ReadOnlyObjectProperty<Map<String, TaskRunRow>> runRowsProperty() {
        return runRows.getReadOnlyProperty();
    }

    /**
     * Knows a validated flow without drawing it (before the first picture, which waits for a quiet moment): the caret
     * selects its tasks and a selected task has its form at once. {@link #show} draws it.
     */
    public void know(LoadedFlow loaded) {
        boolean readable = loaded != null && loaded.flow() != null && loaded.problems().stream().noneMatch(p -> p.code().startsWith("yaml"));
        if (readable && picture.get() == null) {
            shown = loaded;
            edits = null;
        }
    }

    /** Shows a validated flow; one that does not read keeps the last picture, marked stale. Null clears it. */
    public void show(LoadedFlow loaded) {
        if (loaded == null) {
            graph = null;
            shown = null;
            edits = null;
            picture.set(null);
            stale.set(false);
            return;
        }
        boolean readable = loaded.flow() != null && loaded.problems().stream().noneMatch(p -> p.code().startsWith("yaml"));
        if (!readable) {
            stale.set(picture.get() != null);
            return;
        }
        shown = loaded;
        edits = null;
        TopologyGraph next = TopologyGraph.of(loaded.flow());
        stale.set(false);
        if (!next.equals(graph)) {
            graph = next;
            layOut();
        }
        if (selectedTask.get() != null && !graph.taskIds().contains(selectedTask.get())) {
            selectedTask.set(null);
        }
    }

    private void layOut() {
        picture.set(graph == null ? null : TopologyLayout.of(graph, orientation.get()));
    }

    /** Follows a run's rows (null: none). */
    public void showRun(List<TaskRunRow> rows) {
        runRows.set(rows == null ? Map.of() : rows.stream().collect(Collectors.toMap(TaskRunRow::taskId, Function.identity(), (a, b) -> a)));
    }

    /**
     * Selects the task whose text holds {@code offset} in {@code text}, when the flow known is of that very text;
     * returns false when it is not (its check is under way): the caller asks again once it is.
     */
    public boolean selectAt(String text, int offset) {
        if (shown != null && !stale.get() && shown.source().text().equals(text)) {
            edits().taskAt(offset).ifPresent(selectedTask::set);
            return true;
        }
        return false;
    }

    /** Where the selected task's text is in the text the picture was made from: {start, end}. */
    public Optional<int[]> selectedSpan(String text) {
        String id = selectedTask.get();
        if (id == null || shown == null || stale.get() || !shown.source().text().equals(text)) {
            return Optional.empty();
        }
        return edits().taskSpan(id);
    }

    /**
     * The edits of the text the picture shows, for a visual edit; empty when the editor's {@code text} has changed
     * since (its check is under way) or does not read: the edit would not apply to what the user sees.
     */
    public Optional<FlowEdits> editsOf(String text) {
        if (shown == null || stale.get() || !shown.source().text().equals(text)) {
            return Optional.empty();
        }
        return Optional.of(edits());
    }

    /** What a visual edit says to the user when it cannot be done. */
    public static Optional<String> refusal(EditResult result) {
        return result instanceof EditResult.Refused refused ? Optional.of(refused.reason()) : Optional.empty();
    }

    private FlowEdits edits() {
        if (edits == null) {
            edits = FlowEdits.of(shown);
        }
        return edits;
    }
}
