package dev.flowbench.ui.form;

import dev.flowbench.flow.form.FieldValue;
import dev.flowbench.flow.form.FormField;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.util.StringConverter;

/** One of a few values (an enum, the task runner), written as soon as it is chosen; class names read by their last part. */
final class ChoiceRow extends FieldRow {

    private ComboBox<String> choice;
    private boolean showing;

    ChoiceRow(FormField spec, TaskFormViewModel model) {
        super(spec, model);
    }

    @Override
    protected Node editor() {
        choice = new ComboBox<>();
        choice.setId(idOf(""));
        choice.getStyleClass().add("form-input");
        choice.setMaxWidth(Double.MAX_VALUE);
        choice.getItems().setAll(spec.choices());
        choice.setConverter(new StringConverter<>() {
            @Override
            public String toString(String value) {
                return value == null ? "" : shortName(value);
            }

            @Override
            public String fromString(String text) {
                return text;
            }
        });
        choice.valueProperty().addListener((o, was, now) -> {
            if (!showing && now != null) {
                write(now);
            }
        });
        return choice;
    }

    /** {@code io.kestra.plugin.core.runner.Process} reads "Process"; an enum's value reads as itself. */
    static String shortName(String value) {
        int dot = value.lastIndexOf('.');
        return dot < 0 ? value : value.substring(dot + 1);
    }

    @Override
    protected void showValue(FieldValue value) {
        showing = true;
        try {
            String current = value instanceof FieldValue.Text text ? text.text() : null;
            if (current != null && !current.isEmpty() && !choice.getItems().contains(current)) {
                choice.getItems().add(current);
            }
            choice.setValue(current == null || current.isEmpty() ? null : current);
            choice.setPromptText(spec.defaultValue() == null ? "not set" : "default: " + spec.defaultValue());
        } finally {
            showing = false;
        }
    }

    @Override
    protected boolean isEditing() {
        return false;
    }
}
