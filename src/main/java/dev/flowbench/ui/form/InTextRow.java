package dev.flowbench.ui.form;

import dev.flowbench.flow.form.FieldValue;
import dev.flowbench.flow.form.FormField;
import javafx.scene.Node;
import javafx.scene.layout.Region;

/** A property the form does not edit (a map, a plugin's own key): its row only says what it is and leads to the text. */
final class InTextRow extends FieldRow {

    InTextRow(FormField spec, TaskFormViewModel model) {
        super(spec, model);
    }

    @Override
    protected Node editor() {
        Region none = new Region();
        none.setManaged(false);
        return none;
    }

    @Override
    protected void showValue(FieldValue value) {
        // the row's link says what the text holds
    }

    @Override
    protected boolean isEditing() {
        return false;
    }
}
