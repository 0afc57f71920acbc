package dev.flowbench.ui.run;

import dev.flowbench.flow.Input;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The form a flow's inputs are given in before it runs (id {@code inputs-form}): a field per input, typed (a check
 * box for a BOOL (or 1.x BOOLEAN), a choice for a SELECT, text otherwise; id {@code input-ID}), its default filled in, and its
 * problem under it (id {@code input-ID-error}) when Run is pressed with a value that does not fit; nothing runs then.
 */
final class InputsDialog {

    private InputsDialog() {
    }

    /** Asks for the inputs; {@code check} gives the problems of a set of values (each naming its input as 'ID'). */
    static java.util.Optional<Map<String, String>> ask(Window owner, List<String> stylesheets, String flowName, List<Input> inputs,
                                                       Map<String, String> last, Function<Map<String, String>, List<String>> check) {
        Dialog<Map<String, String>> dialog = new Dialog<>();
        dialog.setTitle("Run " + flowName);
        dialog.setHeaderText("Inputs of " + flowName);
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.getDialogPane().getStylesheets().setAll(stylesheets);
        dialog.getDialogPane().setId("inputs-form");
        ButtonType run = new ButtonType("Run", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(run, ButtonType.CANCEL);

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(4);
        grid.getStyleClass().add("inputs-grid");
        Map<String, Supplier<String>> values = new LinkedHashMap<>();
        Map<String, Label> errors = new LinkedHashMap<>();
        int row = 0;
        for (Input input : inputs) {
            Label name = new Label(input.id() + (input.required() && input.defaults() == null ? " *" : ""));
            name.getStyleClass().add("input-name");
            Label type = new Label(input.type() == null ? "" : input.type().toLowerCase(Locale.ROOT));
            type.getStyleClass().add("input-type");
            Node field = field(input, last.get(input.id()), values, () -> recheck(check, values, errors));
            field.setId("input-" + input.id());
            Label error = new Label();
            error.setId("input-" + input.id() + "-error");
            error.getStyleClass().add("input-error");
            error.managedProperty().bind(error.visibleProperty());
            error.setVisible(false);
            errors.put(input.id(), error);
            VBox cell = new VBox(2, field, error);
            if (input.description() != null && !input.description().isBlank()) {
                Label help = new Label(input.description());
                help.getStyleClass().add("input-help");
                help.setWrapText(true);
                help.setMaxWidth(360);
                cell.getChildren().add(help);
            }
            grid.addRow(row++, new VBox(2, name, type), cell);
        }
        dialog.getDialogPane().setContent(grid);

        Button runButton = (Button) dialog.getDialogPane().lookupButton(run);
        runButton.addEventFilter(ActionEvent.ACTION, event -> {
            List<String> problems = check.apply(given(values));
            errors.values().forEach(label -> label.setVisible(false));
            show(problems, errors);
            if (!problems.isEmpty()) {
                event.consume(); // stays open: the problems are on the fields
                dialog.getDialogPane().getScene().getWindow().sizeToScene();
            }
        });
        dialog.setResultConverter(button -> button == run ? given(values) : null);
        return dialog.showAndWait();
    }

    private static void show(List<String> problems, Map<String, Label> errors) {
        for (String problem : problems) {
            errors.entrySet().stream().filter(e -> problem.contains("'" + e.getKey() + "'")).findFirst().ifPresent(e -> {
                e.getValue().setText(problem.replaceFirst("^input '[^']+'(: | \\([^)]*\\) )?", "").strip());
                e.getValue().setVisible(true);
            });
        }
    }

    /** A value changed: the problems shown are checked again, and a field whose value is fixed loses its problem. */
    private static void recheck(Function<Map<String, String>, List<String>> check, Map<String, Supplier<String>> values,
                                Map<String, Label> errors) {
        if (errors.values().stream().noneMatch(Label::isVisible)) {
            return; // nothing shown yet: problems are said when Run is pressed
        }
        List<String> problems = check.apply(given(values));
        errors.forEach((id, label) -> {
            if (label.isVisible() && problems.stream().noneMatch(problem -> problem.contains("'" + id + "'"))) {
                label.setVisible(false);
            }
        });
    }

    /** The values as typed; an empty field is left out, so its default (or nothing) applies. */
    private static Map<String, String> given(Map<String, Supplier<String>> values) {
        Map<String, String> given = new LinkedHashMap<>();
        values.forEach((id, value) -> {
            String text = value.get();
            if (text != null && !text.isEmpty()) {
                given.put(id, text);
            }
        });
        return given;
    }

    /** The input's field: its last value (the flow's latest execution's) or its default; {@code changed} on each edit. */
    private static Node field(Input input, String last, Map<String, Supplier<String>> values, Runnable changed) {
        String type = input.type() == null ? "" : input.type().toUpperCase(Locale.ROOT);
        Object fallback = last != null ? last : input.defaults();
        if (type.equals("BOOLEAN") || type.equals("BOOL")) {
            CheckBox box = new CheckBox();
            box.setSelected(Boolean.parseBoolean(String.valueOf(fallback)));
            values.put(input.id(), () -> String.valueOf(box.isSelected()));
            box.selectedProperty().addListener(o -> changed.run());
            return box;
        }
        if ((type.equals("SELECT") || type.equals("ENUM")) && input.values() != null && !input.values().isEmpty()) {
            ComboBox<String> choice = new ComboBox<>();
            choice.getItems().setAll(input.values());
            choice.getSelectionModel().select(fallback == null ? null : String.valueOf(fallback));
            values.put(input.id(), choice::getValue);
            choice.valueProperty().addListener(o -> changed.run());
            return choice;
        }
        TextField text = new TextField(fallback == null ? "" : String.valueOf(fallback));
        text.setPrefColumnCount(24);
        text.setPromptText(input.type());
        values.put(input.id(), text::getText);
        text.textProperty().addListener(o -> changed.run());
        return text;
    }
}
