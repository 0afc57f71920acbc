package dev.flowbench.ui.form;

import dev.flowbench.flow.Problem;
import dev.flowbench.flow.form.FieldKind;
import dev.flowbench.flow.form.FormField;
import dev.flowbench.flow.form.TaskForm;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The selected task's form (id {@code task-form}): its id and type on top, then a field per property its type has,
 * typed by the schema, each with its documentation and what is wrong with it; the properties a task rarely needs
 * behind "More properties". The fields are made again only when another task (or type) is shown: a new check of the
 * text only refreshes their values, so what is being typed in a field stays.
 */
public final class TaskFormView extends VBox {

    private final TaskFormViewModel model;
    private final Label title = new Label();
    private final Label type = new Label();
    private final Label typeDoc = new Label();
    private final VBox problems = new VBox(2);
    private final VBox fields = new VBox(12);
    private final VBox advanced = new VBox(12);
    private boolean foldedAway;
    private final ToggleButton more = new ToggleButton("More properties", new FontIcon(Feather.CHEVRON_RIGHT));
    private final ScrollPane scroller;
    private final Label empty = new Label("Select a task in the picture, or put the caret in its text, to edit it here.");
    private final Map<String, FieldRow> rows = new LinkedHashMap<>();
    private TaskForm shown;

    public TaskFormView(TaskFormViewModel model) {
        this.model = model;
        setId("task-form");
        getStyleClass().add("task-form");
        title.getStyleClass().add("form-title");
        title.setId("task-form-title");
        type.getStyleClass().add("form-type");
        typeDoc.getStyleClass().add("form-doc");
        typeDoc.setWrapText(true);
        typeDoc.setMinHeight(Region.USE_PREF_SIZE);
        problems.getStyleClass().add("form-problems");
        problems.setId("task-form-problems");
        more.setId("task-form-more");
        more.getStyleClass().addAll("flat", "small", "form-more");
        more.selectedProperty().bindBidirectional(model.showingAdvancedProperty());
        more.selectedProperty().addListener((o, was, open) -> showAdvanced(open));
        showAdvanced(false);
        VBox header = new VBox(2, title, type, typeDoc);
        header.getStyleClass().add("form-header");
        VBox body = new VBox(12, header, problems, fields, more, advanced);
        body.getStyleClass().add("form-body");
        scroller = new ScrollPane(body);
        scroller.setFitToWidth(true);
        scroller.getStyleClass().add("form-scroller");
        VBox.setVgrow(scroller, Priority.ALWAYS);
        empty.getStyleClass().add("form-empty");
        empty.setId("task-form-empty");
        empty.setWrapText(true);
        empty.setMaxWidth(Double.MAX_VALUE);
        getChildren().add(empty); // the form's body joins the window with the first task shown (styled then, not at start)
        model.formProperty().addListener((o, before, form) -> show(form));
        show(model.formProperty().get());
    }

    private void showAdvanced(boolean open) {
        if (open && foldedAway && shown != null) {
            TaskForm form = shown;
            shown = null; // made again, with the rows folded away until now
            show(form);
        }
        advanced.setVisible(open);
        advanced.setManaged(open);
        ((FontIcon) more.getGraphic()).setIconCode(open ? Feather.CHEVRON_DOWN : Feather.CHEVRON_RIGHT);
    }

    private void show(TaskForm form) {
        boolean none = form == null;
        empty.setVisible(none);
        empty.setManaged(none);
        scroller.setVisible(!none);
        scroller.setManaged(!none);
        if (none) {
            shown = null;
            return;
        }
        if (scroller.getParent() == null) {
            getChildren().add(scroller);
        }
        if (!form.sameShape(shown)) {
            rebuild(form);
        }
        shown = form;
        title.setText(form.taskId());
        type.setText(form.type() + (form.known() ? "" : "  ·  Flowbench does not run this type"));
        typeDoc.setText(form.typeDoc().orElse(form.known() ? "" : "A plugin Flowbench does not run here: its own properties are edited in the text."));
        showProblems(form.problems());
        for (TaskForm.Field field : form.fields()) {
            FieldRow row = rows.get(field.spec().name());
            if (row != null) {
                row.update(field);
            }
        }
    }

    private void rebuild(TaskForm form) {
        foldedAway = false;
        rows.clear();
        fields.getChildren().clear();
        advanced.getChildren().clear();
        Map<String, VBox> groups = new LinkedHashMap<>();
        for (TaskForm.Field field : form.fields()) {
            FormField spec = field.spec();
            if (spec.kind() == FieldKind.IN_TEXT && !field.value().isSet()) {
                continue;
            }
            boolean apart = spec.advanced() && !field.value().isSet();
            if (apart && !more.isSelected()) {
                // Kestra's types have dozens of such properties: their rows are made when More is opened
                foldedAway = true;
                continue;
            }
            FieldRow row = rowFor(spec, form.type()).forTask(form.taskId());
            rows.put(spec.name(), row);
            VBox into = apart ? advanced : fields;
            if (spec.path().size() > 1 && spec.removePath().equals(spec.path())) { // a map's own fields, as the cache's
                String key = spec.path().get(0);
                into = groups.computeIfAbsent((apart ? "more:" : "") + key, k -> group(key, apart ? advanced : fields));
            }
            into.getChildren().add(row);
        }
        more.setVisible(foldedAway || !advanced.getChildren().isEmpty());
        more.setManaged(more.isVisible());
        scroller.setVvalue(0);
    }

    /** A box around the fields of a map property (a WorkingDirectory's cache), titled by its key. */
    private static VBox group(String key, VBox into) {
        Label heading = new Label(Character.toUpperCase(key.charAt(0)) + key.substring(1));
        heading.getStyleClass().add("form-section");
        VBox group = new VBox(10, heading);
        group.getStyleClass().add("form-group");
        group.setId("task-form-group-" + key);
        into.getChildren().add(group);
        return group;
    }

    private FieldRow rowFor(FormField spec, String taskType) {
        return switch (spec.kind()) {
            case TEXT, DURATION -> new TextRow(spec, model);
            case SCRIPT -> new ScriptRow(spec, model, taskType);
            case LIST -> new ListRow(spec, model);
            case FLAG -> new FlagRow(spec, model);
            case CHOICE -> new ChoiceRow(spec, model);
            case IN_TEXT -> new InTextRow(spec, model);
        };
    }

    /** The task's own problems; their labels are used again (a check per keystroke must not remake them). */
    private void showProblems(List<Problem> found) {
        List<javafx.scene.Node> lines = problems.getChildren();
        while (lines.size() > found.size()) {
            lines.remove(lines.size() - 1);
        }
        for (int i = 0; i < found.size(); i++) {
            Problem problem = found.get(i);
            if (i == lines.size()) {
                Label line = new Label();
                line.getStyleClass().add("form-problem");
                line.setWrapText(true);
                line.setMinHeight(Region.USE_PREF_SIZE);
                lines.add(line);
            }
            Label line = (Label) lines.get(i);
            line.setText(problem.line() + ":" + problem.column() + "  " + problem.message());
            String look = problem.isError() ? "error" : "warning";
            if (!line.getStyleClass().contains(look)) {
                line.getStyleClass().removeAll("error", "warning");
                line.getStyleClass().add(look);
                line.setGraphic(new FontIcon(problem.isError() ? Feather.X_CIRCLE : Feather.ALERT_TRIANGLE));
            }
        }
        problems.setVisible(!found.isEmpty());
        problems.setManaged(!found.isEmpty());
    }
}
