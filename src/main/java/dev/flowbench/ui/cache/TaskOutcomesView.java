package dev.flowbench.ui.cache;

import static dev.flowbench.ui.cache.Columns.column;
import static dev.flowbench.ui.cache.Columns.text;

import dev.flowbench.cache.CacheKey;
import dev.flowbench.cache.TaskCacheEntry;
import dev.flowbench.ui.app.TimeText;
import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The tasks whose outcome is stored for reuse (Kestra's {@code taskCache}; id {@code cache-tasks}), under the
 * WorkingDirectory entries and only when there are some: the task, when it was stored, its ttl, when it expires, its
 * output files and the execution it came from. Delete invalidates the selected ones after a confirmation; a double
 * click or Enter opens the execution they came from.
 */
final class TaskOutcomesView extends VBox {

    private final TableView<TaskCacheEntry> table = new TableView<>();

    /** {@code invalidate} is given the keys and a question to confirm; {@code open} an execution id. */
    TaskOutcomesView(CacheViewModel model, BiConsumer<List<CacheKey>, String> invalidate, Consumer<String> open) {
        getStyleClass().add("task-outcomes");
        Label title = new Label("Task outcomes stored for reuse (taskCache)");
        title.getStyleClass().add("cache-details-title");
        table.setId("cache-tasks");
        table.setItems(model.taskEntries());
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.setTooltip(new Tooltip("Delete invalidates the selected outcomes; a double click opens the execution they came from"));
        TableColumn<TaskCacheEntry, String> task = column("Task", 240, entry -> entry.key().toString());
        task.setMinWidth(120);
        TableColumn<TaskCacheEntry, Instant> stored = column("Stored", 90, TaskCacheEntry::storedAt);
        stored.setCellFactory(c -> text(TimeText::shortTime));
        TableColumn<TaskCacheEntry, String> ttl = column("TTL", 60, entry -> entry.ttl() == null ? "none" : entry.ttl());
        TableColumn<TaskCacheEntry, Instant> expires = column("Expires", 100, entry -> entry.expiresAt().orElse(Instant.MAX));
        expires.setCellFactory(c -> text(at -> at.equals(Instant.MAX) ? "never" : TimeText.shortTime(at)));
        TableColumn<TaskCacheEntry, Integer> files = column("Files", 60, TaskCacheEntry::outputFiles);
        TableColumn<TaskCacheEntry, String> from = column("From execution", 160, TaskCacheEntry::executionId);
        table.getColumns().setAll(List.of(task, stored, ttl, expires, files, from));
        table.setOnKeyPressed(event -> {
            List<CacheKey> keys = table.getSelectionModel().getSelectedItems().stream().map(TaskCacheEntry::key).toList();
            if (event.getCode() == KeyCode.DELETE && !keys.isEmpty()) {
                invalidate.accept(keys, keys.size() == 1 ? "Invalidate the stored outcome of " + keys.get(0) + "?"
                        : "Invalidate these " + keys.size() + " stored outcomes?");
                event.consume();
            } else if (event.getCode() == KeyCode.ENTER && table.getSelectionModel().getSelectedItem() != null) {
                open.accept(table.getSelectionModel().getSelectedItem().executionId());
                event.consume();
            }
        });
        table.setOnMouseClicked(event -> {
            if (event.getClickCount() == 2 && table.getSelectionModel().getSelectedItem() != null) {
                open.accept(table.getSelectionModel().getSelectedItem().executionId());
            }
        });
        table.setFixedCellSize(28);
        table.prefHeightProperty().bind(Bindings.min(4, Bindings.size(model.taskEntries())).multiply(28).add(34));
        table.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // the entries above give way, not these rows
        getChildren().addAll(title, table);
        setSpacing(4);
        VBox.setVgrow(table, Priority.NEVER);
        managedProperty().bind(visibleProperty());
        visibleProperty().bind(Bindings.isNotEmpty(model.taskEntries()));
    }
}
