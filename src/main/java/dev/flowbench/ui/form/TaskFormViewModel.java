package dev.flowbench.ui.form;

import dev.flowbench.flow.FlowSchema;
import dev.flowbench.flow.LoadedFlow;
import dev.flowbench.flow.edit.EditResult;
import dev.flowbench.flow.edit.FlowEdits;
import dev.flowbench.flow.form.FieldKind;
import dev.flowbench.flow.form.FormField;
import dev.flowbench.flow.form.TaskForm;
import dev.flowbench.flow.form.TaskForms;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The form of the selected task: what it shows follows each check of the text, and each field's new value becomes one
 * edit of the text (the smallest one), written through {@code writer}, which applies it to the editor in front as one
 * undo step and says whether it could. A value the field already knows to be wrong is not written: the field says why.
 */
public final class TaskFormViewModel {

    /** Applies an edit computed on the editor's current text; else says why it could not. */
    public interface Writer {
        Optional<String> write(Function<String, EditResult> edit);
    }

    private TaskForms forms; // read on first use: Kestra's schema takes a second to load

    private TaskForms forms() {
        if (forms == null) {
            forms = new TaskForms(FlowSchema.get());
        }
        return forms;
    }
    private final ObjectProperty<TaskForm> form = new SimpleObjectProperty<>(this, "form");
    private final BooleanProperty showingAdvanced = new SimpleBooleanProperty(this, "showingAdvanced");
    private Writer writer = edit -> Optional.of("no flow is open");
    private BiConsumer<String, String> renamed = (from, to) -> { };
    private BiConsumer<Integer, Integer> showInText = (start, end) -> { };
    private List<String> taskIds = List.of();

    /** Where edits go, and who follows a task's new id and selects text the form does not edit. */
    public void connect(Writer writer, BiConsumer<String, String> renamed, BiConsumer<Integer, Integer> showInText) {
        this.writer = writer;
        this.renamed = renamed;
        this.showInText = showInText;
    }

    /** Shows the form of {@code taskId} in the flow as last checked; nothing when there is no such task. */
    public void show(LoadedFlow loaded, String taskId) {
        if (loaded == null || taskId == null) {
            form.set(null);
            taskIds = List.of();
            return;
        }
        FlowEdits edits = FlowEdits.of(loaded);
        Optional<TaskForm> read = forms().read(loaded, edits, taskId);
        taskIds = edits.taskIds();
        form.set(read.orElse(null));
    }

    public ReadOnlyObjectProperty<TaskForm> formProperty() {
        return form;
    }

    /** Whether the fields a task rarely needs (Kestra server options, deprecated ones) are shown when not set. */
    public BooleanProperty showingAdvancedProperty() {
        return showingAdvanced;
    }

    /** What the field would say of {@code text}, before it is written. */
    public Optional<String> check(FormField field, String text) {
        TaskForm shown = form.get();
        return check(shown == null ? null : shown.taskId(), field, text);
    }

    private Optional<String> check(String taskId, FormField field, String text) {
        return forms().check(field, text, taskIds.stream().filter(id -> !id.equals(taskId)).toList());
    }

    public Optional<String> preview(FormField field, String text) {
        return forms().preview(field, text);
    }

    /**
     * Writes {@code value} (a string, a boolean, a list of strings; null clears the field) into the text of the task
     * {@code taskId} (the task the field was shown for, which may no longer be the one shown). A text
     * the field finds wrong, or an edit the text cannot take in place, is not written: the returned message says why.
     * Empty when written (or when there was nothing to change).
     */
    public Optional<String> commit(String taskId, FormField field, Object value) {
        Object written = value instanceof String text && text.isBlank() && !field.required() ? null : value;
        if (written instanceof String text) {
            Optional<String> wrong = check(taskId, field, text);
            if (wrong.isPresent()) {
                return wrong;
            }
            written = field.kind() == FieldKind.SCRIPT ? text : text.strip();
        } else if (written == null && field.required()) {
            return Optional.of(field.label() + " is required");
        } else if (written instanceof List<?> items && items.isEmpty()) {
            if (field.required()) {
                return Optional.of(field.label() + " needs at least one item");
            }
            written = null;
        }
        Object finalValue = written;
        Optional<String> trouble = writer.write(text -> forms().edit(text, taskId, field, finalValue));
        if (trouble.isEmpty() && field.isId() && finalValue instanceof String newId && !newId.equals(taskId)) {
            renamed.accept(taskId, newId);
        }
        return trouble;
    }

    /** Selects the field's property in the editor: what the form does not edit is edited there. */
    public void showInText(TaskForm.Field field) {
        if (field.start() >= 0) {
            showInText.accept(field.start(), field.end());
        }
    }
}
