package dev.flowbench.ui.form;

import dev.flowbench.flow.form.FieldValue;
import dev.flowbench.flow.form.FormField;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;

/** true or false, written as soon as it is ticked; an unset flag shows its default, said so. */
final class FlagRow extends FieldRow {

    private CheckBox box;
    private boolean showing;

    FlagRow(FormField spec, TaskFormViewModel model) {
        super(spec, model);
    }

    @Override
    protected boolean showsName() {
        return false;
    }

    @Override
    protected Node editor() {
        box = new CheckBox(spec.label());
        box.setId(idOf(""));
        box.getStyleClass().add("form-check");
        box.selectedProperty().addListener((o, was, on) -> {
            if (!showing) {
                box.setText(spec.label());
                write(on);
            }
        });
        return box;
    }

    @Override
    protected void showValue(FieldValue value) {
        showing = true;
        try {
            boolean fallback = Boolean.TRUE.equals(spec.defaultValue());
            box.setSelected(value instanceof FieldValue.Flag flag ? flag.on() : fallback);
            box.setText(value.isSet() ? spec.label() : spec.label() + " (default: " + (fallback ? "yes" : "no") + ")");
        } finally {
            showing = false;
        }
    }

    @Override
    protected boolean isEditing() {
        return false;
    }
}
