package dev.flowbench.ui.kv;

import dev.flowbench.engine.KvValue;
import dev.flowbench.store.KvStore;
import dev.flowbench.ui.app.CutText;
import dev.flowbench.ui.app.TimeText;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The dock's KV place: the key-value store flows read with {@code kv()} and write with kv.Set, every namespace's keys
 * with their type, a preview of their value, when they changed and when they expire ({@code kv-table}); a row chosen
 * fills the form above, which sets a key (Enter or Set) and removes the chosen one (Delete or Remove).
 */
public final class KvPanel extends BorderPane {

    private static final int PREVIEW = 200;

    private final TableView<KvStore.Entry> table = new TableView<>();
    private final TextField namespace = field("kv-namespace", "namespace", 120);
    private final TextField key = field("kv-key", "key", 120);
    private final TextField value = field("kv-value", "value", 200);
    private final ComboBox<KvValue.Type> type = new ComboBox<>();
    private final TextField ttl = field("kv-ttl", "lives (PT1H)", 90);

    public KvPanel(KvViewModel model) {
        getStyleClass().addAll("dock-pane", "kv-panel");
        table.setId("kv-table");
        table.setItems(model.entries());
        Label empty = new Label("No keys yet. kv.Set in a flow, `flowbench kv set` or the form above adds some.");
        empty.setWrapText(true); // whole in a narrow dock
        empty.setPadding(new javafx.geometry.Insets(0, 16, 0, 16));
        table.setPlaceholder(empty);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        TableColumn<KvStore.Entry, String> ns = column("Namespace", 160, KvStore.Entry::namespace, s -> s);
        TableColumn<KvStore.Entry, String> name = column("Key", 160, KvStore.Entry::key, s -> s);
        TableColumn<KvStore.Entry, String> kind = column("Type", 90, e -> e.value().type().name(), s -> s);
        kind.setMinWidth(90); // DATETIME whole
        TableColumn<KvStore.Entry, String> preview = column("Value", 320, e -> e.value().text(), KvPanel::preview);
        TableColumn<KvStore.Entry, Instant> updated = column("Updated", 120, KvStore.Entry::updatedAt, TimeText::shortTime);
        TableColumn<KvStore.Entry, Instant> expires = column("Expires", 120, KvStore.Entry::expiresAt,
                at -> at == null ? "never" : TimeText.shortTime(at));
        table.getColumns().setAll(List.of(ns, name, kind, preview, updated, expires));
        CutText.headersWhole(table.getColumns());
        table.getSelectionModel().selectedItemProperty().addListener((o, before, chosen) -> fill(chosen));

        type.setId("kv-type");
        type.getItems().setAll(KvValue.Type.values());
        type.setValue(KvValue.Type.STRING);
        type.setTooltip(new Tooltip("The value's kvType: a NUMBER, BOOLEAN or JSON value is typed in kv()"));
        Button set = new Button("Set", new FontIcon(Feather.CHECK));
        set.setId("kv-set");
        set.setDefaultButton(false);
        set.setOnAction(e -> model.set(namespace.getText(), key.getText(), value.getText(), type.getValue(), ttl.getText()));
        for (TextField field : List.of(namespace, key, value, ttl)) {
            field.setOnAction(e -> set.fire());
        }
        Button remove = new Button("Remove", new FontIcon(Feather.TRASH_2));
        remove.setId("kv-remove");
        remove.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> model.remove(table.getSelectionModel().getSelectedItem()));
        table.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.DELETE && table.getSelectionModel().getSelectedItem() != null) {
                model.remove(table.getSelectionModel().getSelectedItem());
                event.consume();
            }
        });
        Button refresh = new Button(null, new FontIcon(Feather.REFRESH_CW));
        refresh.setTooltip(new Tooltip("Read the store again (flows and the command line change it too)"));
        refresh.setOnAction(e -> model.refresh());
        HBox.setHgrow(value, Priority.ALWAYS);
        for (javafx.scene.layout.Region whole : List.of(type, set, remove, refresh)) {
            whole.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // the fields give way first
        }
        HBox form = new HBox(8, namespace, key, value, type, ttl, set, remove, refresh);
        form.setAlignment(Pos.CENTER_LEFT);
        form.getStyleClass().add("kv-form");
        Label notice = new Label();
        notice.setId("kv-notice");
        notice.getStyleClass().add("kv-notice");
        notice.textProperty().bind(model.noticeProperty());
        notice.setMinWidth(0);
        CutText.tooltipWhenCut(notice, model.noticeProperty());
        VBox top = new VBox(4, form, notice);
        top.getStyleClass().add("kv-toolbar");
        setTop(top);
        setCenter(table);
    }

    private void fill(KvStore.Entry chosen) {
        if (chosen == null) {
            return;
        }
        namespace.setText(chosen.namespace());
        key.setText(chosen.key());
        value.setText(chosen.value().text());
        type.setValue(chosen.value().type());
        ttl.clear();
    }

    private static String preview(String text) {
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() > PREVIEW ? flat.substring(0, PREVIEW - 1) + "…" : flat;
    }

    private static TextField field(String id, String prompt, double width) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.setPrefColumnCount((int) (width / 8));
        field.setMinWidth(60);
        return field;
    }

    private static <T> TableColumn<KvStore.Entry, T> column(String name, double width, Function<KvStore.Entry, T> read,
                                                            Function<T, String> show) {
        TableColumn<KvStore.Entry, T> column = new TableColumn<>(name);
        column.setPrefWidth(width);
        column.setCellValueFactory(features -> new ReadOnlyObjectWrapper<>(read.apply(features.getValue())));
        column.setCellFactory(c -> new TableCell<>() {
            {
                CutText.tooltipWhenCut(this);
            }

            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item == null ? show.apply(null) : show.apply(item));
            }
        });
        return column;
    }
}
