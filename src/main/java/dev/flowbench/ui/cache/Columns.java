package dev.flowbench.ui.cache;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;

/** The cache browser's table columns: a value of the row, shown as text. */
final class Columns {

    private Columns() {
    }

    static <R, T> TableColumn<R, T> column(String name, double width, Function<R, T> value) {
        TableColumn<R, T> column = new TableColumn<>(name);
        column.setPrefWidth(width);
        column.setCellValueFactory(features -> new ReadOnlyObjectWrapper<>(value.apply(features.getValue())));
        return column;
    }

    static <R, T> TableCell<R, T> text(Function<T, String> format) {
        return new TableCell<>() {
            @Override
            protected void updateItem(T value, boolean empty) {
                super.updateItem(value, empty);
                setText(empty || value == null ? null : format.apply(value));
            }
        };
    }
}
