package dev.flowbench.ui.form;

import dev.flowbench.flow.form.FieldValue;
import dev.flowbench.flow.form.FormField;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * A list of strings (commands, cache patterns): an item per line, written when an item is committed (Enter, or leaving
 * it), removed, or moved (Alt+Up/Down); an empty item is dropped. The whole list is one edit of the text, item by item.
 */
final class ListRow extends FieldRow {

    private VBox items;
    private List<String> shown = List.of();

    ListRow(FormField spec, TaskFormViewModel model) {
        super(spec, model);
    }

    @Override
    protected Node editor() {
        items = new VBox(4);
        items.setId(idOf(""));
        items.getStyleClass().add("form-list");
        Button add = new Button("Add", new FontIcon(Feather.PLUS));
        add.setId(idOf("add"));
        add.getStyleClass().addAll("flat", "small", "form-add");
        add.setOnAction(e -> {
            TextField item = addItem("");
            Platform.runLater(item::requestFocus);
        });
        return new VBox(4, items, add);
    }

    private TextField addItem(String text) {
        TextField input = new TextField(text);
        input.getStyleClass().addAll("form-input", "form-list-item");
        HBox.setHgrow(input, Priority.ALWAYS);
        Button remove = new Button(null, new FontIcon(Feather.TRASH_2));
        remove.getStyleClass().addAll("flat", "button-icon", "form-list-remove");
        remove.setTooltip(new Tooltip("Remove this item"));
        remove.setFocusTraversable(false);
        HBox line = new HBox(4, input, remove);
        line.setAlignment(Pos.CENTER_LEFT);
        remove.setOnAction(e -> {
            items.getChildren().remove(line);
            commit();
        });
        input.setOnAction(e -> commit());
        input.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                commit();
            }
        });
        input.setOnKeyPressed(event -> {
            if (event.isAltDown() && (event.getCode() == KeyCode.UP || event.getCode() == KeyCode.DOWN)) {
                int at = items.getChildren().indexOf(line);
                int to = at + (event.getCode() == KeyCode.UP ? -1 : 1);
                if (to >= 0 && to < items.getChildren().size()) {
                    items.getChildren().remove(line);
                    items.getChildren().add(to, line);
                    input.requestFocus();
                    commit();
                }
                event.consume();
            }
        });
        items.getChildren().add(line);
        return input;
    }

    private List<String> typed() {
        List<String> values = new ArrayList<>();
        for (Node line : items.getChildren()) {
            String text = ((TextField) ((HBox) line).getChildren().get(0)).getText().strip();
            if (!text.isEmpty()) {
                values.add(text);
            }
        }
        return values;
    }

    private void commit() {
        List<String> values = typed();
        if (!values.equals(shown) && write(values)) {
            shown = values;
        }
    }

    @Override
    protected void showValue(FieldValue value) {
        List<String> values = value instanceof FieldValue.Items list ? list.items() : List.of();
        shown = values;
        if (!typedRaw().equals(values)) {
            items.getChildren().clear();
            values.forEach(this::addItem);
        }
    }

    private List<String> typedRaw() {
        List<String> values = new ArrayList<>();
        for (Node line : items.getChildren()) {
            values.add(((TextField) ((HBox) line).getChildren().get(0)).getText());
        }
        return values;
    }

    @Override
    protected boolean isEditing() {
        return items.getChildren().stream().anyMatch(line -> ((HBox) line).getChildren().get(0).isFocused())
                && !typed().equals(shown);
    }
}
