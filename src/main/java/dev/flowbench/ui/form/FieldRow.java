package dev.flowbench.ui.form;

import dev.flowbench.flow.Problem;
import dev.flowbench.flow.form.FieldValue;
import dev.flowbench.flow.form.FormField;
import dev.flowbench.flow.form.TaskForm;
import java.util.Optional;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * One field of the task form: its name, its editor, its documentation, and under it what is wrong (what the field
 * found in a value not written yet, else what the validator found in the text). Its editor keeps what the user is
 * typing: a new check of the text changes it only while the user is not editing it.
 */
abstract class FieldRow extends VBox {

    private static final PseudoClass SET = PseudoClass.getPseudoClass("set");
    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");
    private static final PseudoClass WARNING = PseudoClass.getPseudoClass("warning");

    protected final FormField spec;
    protected final TaskFormViewModel model;
    private final Label message = new Label();
    private final Button clear = new Button(null, new FontIcon(Feather.X));
    private final Hyperlink inText = new Hyperlink("Edit in the text");
    private Node editor;
    private TaskForm.Field field;
    private String taskId;
    private String localProblem;

    protected FieldRow(FormField spec, TaskFormViewModel model) {
        this.spec = spec;
        this.model = model;
        getStyleClass().add("form-field");
        Label name = new Label(spec.label() + (spec.required() ? " *" : ""));
        name.setVisible(showsName());
        name.setManaged(showsName());
        name.getStyleClass().add("form-label");
        clear.getStyleClass().addAll("flat", "button-icon", "form-clear");
        clear.setId(idOf("clear"));
        clear.setTooltip(new Tooltip("Remove " + spec.label() + " from the task"));
        clear.setFocusTraversable(false);
        clear.setOnAction(e -> write(null));
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox header = new HBox(4, name, spring, clear);
        header.setAlignment(Pos.CENTER_LEFT);
        message.getStyleClass().add("form-message");
        message.setId(idOf("message"));
        message.setWrapText(true);
        message.setMinHeight(Region.USE_PREF_SIZE);
        Label doc = new Label(spec.doc());
        doc.getStyleClass().add("form-doc");
        doc.setWrapText(true);
        doc.setMinHeight(Region.USE_PREF_SIZE);
        inText.setId(idOf("in-text"));
        inText.getStyleClass().add("form-in-text");
        inText.setOnAction(e -> model.showInText(field));
        inText.setVisible(false);
        inText.setManaged(false);
        getChildren().add(header);
        editor = editor();
        getChildren().addAll(editor, inText);
        if (!spec.doc().isEmpty()) {
            getChildren().add(doc);
        }
        getChildren().add(message);
    }

    /** The node id of a part of this field: {@code task-form-commands}, {@code task-form-cache-ttl-message}. */
    protected final String idOf(String part) {
        return "task-form-" + spec.name() + (part.isEmpty() ? "" : "-" + part);
    }

    /** Whether the header shows the field's name (a check box says it itself). */
    protected boolean showsName() {
        return true;
    }

    /** The field's editor, made once. */
    protected abstract Node editor();

    /** Shows the text's value; called only while the user is not editing the field. */
    protected abstract void showValue(FieldValue value);

    /** Whether the user is in the middle of editing (the field must not be overwritten then). */
    protected abstract boolean isEditing();

    /** The task this row edits: a row left behind (its task no longer shown) still writes into its own task. */
    final FieldRow forTask(String id) {
        this.taskId = id;
        return this;
    }

    final void update(TaskForm.Field next) {
        field = next;
        boolean set = next.value().isSet();
        clear.setVisible(set && !spec.required());
        clear.setManaged(clear.isVisible());
        pseudoClassStateChanged(SET, set);
        boolean elsewhere = next.value() instanceof FieldValue.InText;
        inText.setVisible(elsewhere);
        inText.setManaged(elsewhere);
        inText.setText(elsewhere ? ((FieldValue.InText) next.value()).summary() + " in the text: edit it there" : "");
        editor.setDisable(elsewhere);
        if (!isEditing()) {
            localProblem = null;
            showValue(next.value());
        }
        showMessage();
    }

    protected final TaskForm.Field field() {
        return field;
    }

    /**
     * Writes a value (null clears the field); what the field finds wrong with it is shown instead, and false returned:
     * the editor then keeps the user's text, to be fixed.
     */
    protected final boolean write(Object value) {
        Optional<String> wrong = model.commit(taskId, spec, value);
        localProblem = wrong.orElse(null);
        showMessage();
        return wrong.isEmpty();
    }

    /** Says what the field finds wrong with the text being typed, or nothing. */
    protected final void recheck(String text) {
        localProblem = model.check(spec, text).orElse(null);
        showMessage();
    }

    private void showMessage() {
        String text = localProblem;
        boolean error = localProblem != null;
        if (text == null && field != null && !field.problems().isEmpty()) {
            Problem first = field.problems().get(0);
            text = first.message() + (field.problems().size() > 1 ? " (and " + (field.problems().size() - 1) + " more)" : "");
            error = first.isError();
        }
        message.setText(text == null ? "" : text);
        message.setVisible(text != null);
        message.setManaged(text != null);
        pseudoClassStateChanged(ERROR, text != null && error);
        pseudoClassStateChanged(WARNING, text != null && !error);
    }
}
