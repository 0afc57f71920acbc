package dev.flowbench.ui.form;

import dev.flowbench.flow.form.FieldKind;
import dev.flowbench.flow.form.FieldValue;
import dev.flowbench.flow.form.FormField;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

/** A line of text, written on Enter or when the field loses the focus; a duration shows how long it reads. */
final class TextRow extends FieldRow {

    private TextField input;
    private Label preview;
    private String shown = "";

    TextRow(FormField spec, TaskFormViewModel model) {
        super(spec, model);
    }

    @Override
    protected Node editor() {
        input = new TextField();
        input.setId(idOf(""));
        input.getStyleClass().add("form-input");
        if (spec.kind() == FieldKind.DURATION) {
            input.setPromptText("PT30S, PT5M, PT1H, P1D");
        }
        input.setOnAction(e -> commit());
        input.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                commit();
            }
        });
        input.textProperty().addListener((o, before, text) -> {
            if (!text.equals(shown)) {
                recheck(text);
            }
            showPreview(text);
        });
        if (spec.kind() != FieldKind.DURATION) {
            return input;
        }
        preview = new Label();
        preview.setId(idOf("preview"));
        preview.getStyleClass().add("form-preview");
        showPreview("");
        return new VBox(2, input, preview);
    }

    private void commit() {
        String text = input.getText();
        if (!text.equals(shown) && write(text)) {
            shown = text;
        }
    }

    private void showPreview(String text) {
        if (preview != null) {
            String readable = model.preview(spec, text).orElse("");
            preview.setText(readable.isEmpty() ? "" : "= " + readable);
            preview.setVisible(!readable.isEmpty());
            preview.setManaged(!readable.isEmpty());
        }
    }

    @Override
    protected void showValue(FieldValue value) {
        shown = value instanceof FieldValue.Text text ? text.text() : "";
        input.setText(shown);
        if (value instanceof FieldValue.InText elsewhere) {
            input.setPromptText(elsewhere.summary());
        }
    }

    @Override
    protected boolean isEditing() {
        return input.isFocused() && !input.getText().equals(shown);
    }
}
