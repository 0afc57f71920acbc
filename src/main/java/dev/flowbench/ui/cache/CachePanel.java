package dev.flowbench.ui.cache;

import static dev.flowbench.ui.cache.Columns.column;
import static dev.flowbench.ui.cache.Columns.text;

import dev.flowbench.cache.CacheEntry;
import dev.flowbench.cache.CacheEventRecord;
import dev.flowbench.cache.CacheKey;
import dev.flowbench.cache.Figures;
import dev.flowbench.ui.app.TimeText;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.css.PseudoClass;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * What the dock's Cache place (id {@code cache-panel}) shows: every entry of the WorkingDirectory cache (id {@code cache-table})
 * with its expiry counting down, filter and totals; the selected entry's recent events; Invalidate (id
 * {@code invalidate}, or the Delete key) after a confirmation whose default button confirms.
 */
public final class CachePanel extends BorderPane {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MMM d HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());
    private static final PseudoClass EXPIRED = PseudoClass.getPseudoClass("expired");

    private final CacheViewModel model;
    private final TableView<CacheEntry> table = new TableView<>();
    private final TextField filter = new TextField();
    private final FilteredList<CacheEntry> filtered;
    private java.util.function.Consumer<String> openExecution = id -> { };

    public CachePanel(CacheViewModel model) {
        this.model = model;
        this.filtered = new FilteredList<>(model.entries());
        getStyleClass().addAll("dock-pane", "cache-panel");
        setTop(toolbar());
        Region entriesTable = table();
        TaskOutcomesView outcomes = new TaskOutcomesView(model, (keys, question) -> confirm(question,
                keys.stream().map(CacheKey::toString).collect(Collectors.joining("\n"))
                        + "\n\nThe next run of each runs the task again (a MISS \"invalidated\").", () -> model.invalidate(keys)),
                this::openExecutionId);
        VBox listing = new VBox(8, entriesTable, outcomes);
        VBox.setVgrow(entriesTable, Priority.ALWAYS);
        entriesTable.setMinHeight(64); // a header and a row, beside the task outcomes in a short dock
        Region about = details();
        listing.setMinWidth(240); // what the panel needs never passes the dock's width: the table scrolls instead
        about.setMinWidth(200);
        SplitPane split = new SplitPane(listing, about);
        split.setOrientation(Orientation.HORIZONTAL);
        dev.flowbench.ui.app.KeptDividers.keep(split, 0.74);
        setCenter(split);
    }

    /** What opening an event's execution does (the window shows it in the run panel). */
    public void setOpenExecution(java.util.function.Consumer<String> open) {
        this.openExecution = open;
    }

    private void openExecutionId(String executionId) {
        if (executionId != null) {
            openExecution.accept(executionId);
        }
    }

    private void openExecutionOf(CacheEventRecord event) {
        if (event != null && event.executionId() != null) {
            openExecution.accept(event.executionId());
        }
    }

    private Region toolbar() {
        filter.setId("cache-filter");
        filter.setPromptText("Filter by key or pattern");
        filter.setPrefColumnCount(18);
        filter.setMinWidth(120);
        filter.textProperty().addListener((o, a, text) -> {
            String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
            filtered.setPredicate(wanted.isEmpty() ? null : entry -> entry.key().toString().toLowerCase(Locale.ROOT).contains(wanted)
                    || String.join(" ", entry.patterns()).toLowerCase(Locale.ROOT).contains(wanted));
        });
        Label totals = new Label();
        totals.setId("cache-totals");
        totals.getStyleClass().add("cache-totals");
        dev.flowbench.ui.app.CutText.tooltipWhenCut(totals, model.totalsProperty());
        totals.setMinWidth(0);
        Label notice = new Label();
        notice.setId("cache-notice");
        notice.getStyleClass().add("cache-notice");
        notice.textProperty().bind(model.noticeProperty());
        notice.setMinWidth(0);
        // "Invalidate: Selected | Flow | Expired | All": short names that keep their width in a narrow dock
        Label invalidateWhat = new Label("Invalidate");
        invalidateWhat.setMinWidth(Region.USE_PREF_SIZE);
        invalidateWhat.getStyleClass().add("cache-invalidate-label");
        Button invalidate = new Button("Selected", new FontIcon(Feather.TRASH_2));
        invalidate.setId("invalidate");
        invalidate.setTooltip(new javafx.scene.control.Tooltip("Invalidates the selected entries (Delete)"));
        invalidate.getStyleClass().add("danger");
        invalidate.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        invalidate.setOnAction(e -> invalidateSelected());
        Button expired = new Button("Expired");
        expired.setId("invalidate-expired");
        expired.setTooltip(new javafx.scene.control.Tooltip("Invalidates every entry whose ttl has passed"));
        expired.setOnAction(e -> confirm("Invalidate every expired entry?", "Their next runs are a MISS.", model::invalidateExpired));
        Button flow = new Button("Flow");
        flow.setId("invalidate-flow");
        flow.setTooltip(new javafx.scene.control.Tooltip("Invalidates every entry of the selected entry's flow"));
        flow.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        flow.setOnAction(e -> invalidateFlowOfSelected());
        Button all = new Button("All");
        all.setId("invalidate-all");
        all.setTooltip(new javafx.scene.control.Tooltip("Invalidates every entry of the cache"));
        all.setOnAction(e -> confirm("Invalidate all " + model.entries().size() + " entries?",
                "Every cached WorkingDirectory starts afresh on its next run.", model::invalidateAll));
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        for (Button button : List.of(invalidate, flow, expired, all)) {
            button.setMinWidth(Region.USE_PREF_SIZE);
        }
        totals.setMinWidth(0);
        Tooltip whole = new Tooltip();
        whole.textProperty().bind(totals.textProperty());
        totals.setTooltip(whole);
        HBox bar = new HBox(8, filter, totals, notice, spring, invalidateWhat, invalidate, flow, expired, all);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("cache-toolbar");
        return bar;
    }

    // ---- the table ----

    private Region table() {
        table.setId("cache-table");
        table.setPlaceholder(new Label("No cache entries yet. A WorkingDirectory with cache: {patterns, ttl} stores its"
                + " files here after a successful run."));
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        SortedList<CacheEntry> sorted = new SortedList<>(filtered);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        TableColumn<CacheEntry, String> key = column("Key", 320, entry -> entry.key().toString());
        TableColumn<CacheEntry, String> patterns = column("Patterns", 90, entry -> String.join(", ", entry.patterns()));
        TableColumn<CacheEntry, Long> size = column("On disk", 80, CacheEntry::diskBytes); // archive and kept tree
        size.setCellFactory(c -> text(Figures::bytes));
        TableColumn<CacheEntry, Instant> used = column("Last used", 110, CacheEntry::lastUsedAt);
        used.setCellFactory(c -> text(TimeText::shortTime));
        TableColumn<CacheEntry, String> ttl = column("TTL", 60, entry -> entry.ttl() == null ? "none" : entry.ttl());
        TableColumn<CacheEntry, Instant> expires = column("Expires", 110, entry -> entry.expiresAt().orElse(Instant.MAX));
        expires.setCellFactory(c -> new ExpiryCell());
        TableColumn<CacheEntry, Long> hits = column("Hits", 50, CacheEntry::hits);
        TableColumn<CacheEntry, Long> misses = column("Misses", 62, CacheEntry::misses);
        // least widths that fit the dock beside the picture at 1280 pixels, headers whole; how many files an entry
        // holds and when it was made are in its details
        key.setMinWidth(120);
        patterns.setMinWidth(84);
        size.setMinWidth(72);
        used.setMinWidth(90);
        ttl.setMinWidth(60);
        expires.setMinWidth(84);
        hits.setMinWidth(52);
        misses.setMinWidth(70);
        table.getColumns().setAll(List.of(key, patterns, size, used, ttl, expires, hits, misses));
        dev.flowbench.ui.app.CutText.headersWhole(table.getColumns());
        table.setRowFactory(view -> new EntryRow());
        table.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.DELETE && !table.getSelectionModel().getSelectedItems().isEmpty()) {
                invalidateSelected();
                event.consume();
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((o, a, entry) -> {
            if (!model.isRelisting()) {
                model.selectedProperty().set(entry);
            }
        });
        model.selectedProperty().addListener((o, a, entry) -> showSelected()); // an entry gone, or listed anew
        model.entries().addListener((javafx.collections.ListChangeListener<CacheEntry>) change -> showSelected());
        return table;
    }

    /** The table selects what the view-model has selected (after a new listing, or once the entry is gone). */
    private void showSelected() {
        CacheEntry entry = model.selectedProperty().get();
        if (entry == null) {
            table.getSelectionModel().clearSelection();
        } else if (!entry.equals(table.getSelectionModel().getSelectedItem())) {
            table.getSelectionModel().clearSelection();
            table.getSelectionModel().select(entry);
        }
    }

    /** Counts down with the one clock of the view-model; an expired entry's row is marked. */
    private final class ExpiryCell extends TableCell<CacheEntry, Instant> {
        ExpiryCell() {
            model.nowProperty().addListener(new javafx.beans.WeakInvalidationListener(tickListener));
        }

        private final javafx.beans.InvalidationListener tickListener = o -> show();

        @Override
        protected void updateItem(Instant value, boolean empty) {
            super.updateItem(value, empty);
            show();
        }

        private void show() {
            CacheEntry entry = getTableRow() == null ? null : getTableRow().getItem();
            setText(isEmpty() || entry == null ? null : CacheViewModel.expiresIn(entry, model.nowProperty().get()));
        }
    }

    private final class EntryRow extends TableRow<CacheEntry> {
        private final javafx.beans.InvalidationListener tickListener = o -> mark();

        EntryRow() {
            model.nowProperty().addListener(new javafx.beans.WeakInvalidationListener(tickListener));
        }

        @Override
        protected void updateItem(CacheEntry entry, boolean empty) {
            super.updateItem(entry, empty);
            mark();
        }

        private void mark() {
            CacheEntry entry = getItem();
            pseudoClassStateChanged(EXPIRED, !isEmpty() && entry != null && entry.isExpired(model.nowProperty().get()));
        }
    }

    // ---- details ----

    private Region details() {
        Label title = new Label("Select an entry to see its recent events and its files.");
        title.getStyleClass().add("cache-details-title");
        title.setTextOverrun(javafx.scene.control.OverrunStyle.LEADING_ELLIPSIS); // the task's end of the key matters most
        title.setMaxWidth(Double.MAX_VALUE);
        title.setMinWidth(0);
        Tooltip whole = new Tooltip();
        whole.textProperty().bind(title.textProperty());
        title.setTooltip(whole);
        Label figures = new Label();
        figures.getStyleClass().add("cache-details-figures");
        figures.setWrapText(true); // whole, on two lines in a narrow dock
        figures.setMaxWidth(Double.MAX_VALUE);
        figures.setMinHeight(Region.USE_PREF_SIZE);
        figures.managedProperty().bind(figures.visibleProperty());
        figures.setVisible(false);
        model.selectedProperty().addListener((o, a, entry) -> {
            title.setText(entry == null ? "Select an entry to see its recent events and its files." : entry.key().toString());
            figures.setVisible(entry != null);
            figures.setText(entry == null ? "" : Figures.count(entry.fileCount()) + " files, " + Figures.bytes(entry.sizeBytes())
                    + " (" + Figures.bytes(entry.compressedBytes()) + " archived" + (entry.keptBytes() == 0 ? ""
                    : ", kept as files for the next hit") + "), saved " + TimeText.shortTime(entry.createdAt()));
        });
        ListView<CacheEventRecord> events = new ListView<>(model.events());
        events.setId("cache-events");
        events.setPlaceholder(new Label("No events"));
        events.setTooltip(new javafx.scene.control.Tooltip("Double-click or Enter opens the event's execution in the Run panel"));
        events.setCellFactory(v -> new EventCell());
        events.setOnMouseClicked(event -> {
            if (event.getClickCount() == 2) {
                openExecutionOf(events.getSelectionModel().getSelectedItem());
            }
        });
        events.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ENTER) {
                openExecutionOf(events.getSelectionModel().getSelectedItem());
                event.consume();
            }
        });
        javafx.scene.control.TreeView<FileTree.Node> files = new javafx.scene.control.TreeView<>();
        files.setId("cache-files");
        files.setShowRoot(false);
        model.files().addListener((javafx.collections.ListChangeListener<dev.flowbench.cache.CachedFile>) change ->
                files.setRoot(FileTree.of(model.files())));
        javafx.scene.control.Tab eventsTab = new javafx.scene.control.Tab("Events", events);
        javafx.scene.control.Tab filesTab = new javafx.scene.control.Tab("Files", files);
        javafx.scene.control.Tab activityTab = new javafx.scene.control.Tab("Activity", activity());
        javafx.scene.control.TabPane views = new javafx.scene.control.TabPane(eventsTab, filesTab, activityTab);
        views.setTabClosingPolicy(javafx.scene.control.TabPane.TabClosingPolicy.UNAVAILABLE);
        views.getStyleClass().add("cache-detail-tabs");
        VBox box = new VBox(6, new VBox(2, title, figures), views);
        VBox.setVgrow(views, Priority.ALWAYS);
        box.getStyleClass().add("cache-details");
        return box;
    }

    /** Hits and misses per day as stacked bars (green and amber), and the time the cache saved. */
    private Region activity() {
        javafx.scene.chart.CategoryAxis days = new javafx.scene.chart.CategoryAxis();
        javafx.scene.chart.NumberAxis count = new javafx.scene.chart.NumberAxis();
        count.setMinorTickVisible(false);
        count.setTickLabelFormatter(new javafx.util.converter.NumberStringConverter("#"));
        javafx.scene.chart.StackedBarChart<String, Number> chart = new javafx.scene.chart.StackedBarChart<>(days, count);
        chart.setId("cache-chart");
        chart.setAnimated(false);
        chart.setLegendVisible(true);
        chart.setCategoryGap(4);
        javafx.scene.chart.XYChart.Series<String, Number> hits = new javafx.scene.chart.XYChart.Series<>();
        hits.setName("Hits");
        javafx.scene.chart.XYChart.Series<String, Number> misses = new javafx.scene.chart.XYChart.Series<>();
        misses.setName("Misses");
        chart.getData().setAll(List.of(hits, misses));
        DateTimeFormatter day = DateTimeFormatter.ofPattern("MMM d", Locale.ROOT);
        Runnable fill = () -> {
            hits.getData().setAll(model.activity().stream()
                    .map(d -> new javafx.scene.chart.XYChart.Data<String, Number>(day.format(d.day()), d.hits())).toList());
            misses.getData().setAll(model.activity().stream()
                    .map(d -> new javafx.scene.chart.XYChart.Data<String, Number>(day.format(d.day()), d.misses())).toList());
        };
        model.activity().addListener((javafx.collections.ListChangeListener<CacheViewModel.DayCount>) change -> fill.run());
        fill.run();
        Label savedLabel = new Label();
        savedLabel.setId("cache-saved");
        savedLabel.getStyleClass().add("cache-saved");
        savedLabel.setWrapText(true);
        savedLabel.setMaxWidth(Double.MAX_VALUE);
        savedLabel.setMinHeight(Region.USE_PREF_SIZE);
        savedLabel.textProperty().bind(model.savedProperty());
        VBox box = new VBox(4, savedLabel, chart);
        VBox.setVgrow(chart, Priority.ALWAYS);
        return box;
    }

    /**
     * An event as a badge (HIT, MISS, SAVED... coloured as in the run panel), its time and execution on one line, and
     * its reason below, wrapped to the list's width.
     */
    private static final class EventCell extends ListCell<CacheEventRecord> {
        private static final List<PseudoClass> KINDS = java.util.stream.Stream.of("hit", "miss", "saved", "unchanged",
                "not-saved", "invalidated", "expired", "evicted").map(PseudoClass::getPseudoClass).toList();

        private final Label badge = new Label();
        private final Label when = new Label();
        private final Label execution = new Label();
        private final Label reason = new Label();
        private final VBox box;

        EventCell() {
            badge.getStyleClass().add("cache-badge");
            badge.setMinWidth(Region.USE_PREF_SIZE);
            when.getStyleClass().add("cache-event-time");
            when.setMinWidth(Region.USE_PREF_SIZE);
            execution.getStyleClass().add("cache-event-execution");
            execution.setMinWidth(0);
            reason.getStyleClass().add("cache-event-reason");
            reason.setWrapText(true);
            reason.setMinHeight(Region.USE_PREF_SIZE);
            HBox line = new HBox(8, badge, when, execution);
            line.setAlignment(Pos.CENTER_LEFT);
            box = new VBox(2, line, reason);
            setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
            setPrefWidth(0); // as wide as the list, no wider: the reason wraps
            listViewProperty().addListener((o, a, list) -> {
                if (list != null) {
                    reason.maxWidthProperty().bind(list.widthProperty().subtract(36));
                }
            });
        }

        @Override
        protected void updateItem(CacheEventRecord event, boolean empty) {
            super.updateItem(event, empty);
            if (empty || event == null) {
                setGraphic(null);
                return;
            }
            String kind = event.event().toLowerCase(Locale.ROOT).replace('_', '-');
            KINDS.forEach(each -> badge.pseudoClassStateChanged(each, each.getPseudoClassName().equals(kind)));
            badge.setText(event.event());
            when.setText(WHEN.format(event.at()));
            execution.setText(event.executionId() == null ? "" : "execution " + event.executionId());
            reason.setText(event.reason() == null ? "" : event.reason());
            reason.setVisible(event.reason() != null);
            reason.setManaged(event.reason() != null);
            setGraphic(box);
        }
    }

    // ---- invalidation ----

    private void invalidateSelected() {
        List<CacheKey> keys = table.getSelectionModel().getSelectedItems().stream().map(CacheEntry::key).toList();
        if (keys.isEmpty()) {
            return;
        }
        String named = keys.stream().map(CacheKey::toString).collect(Collectors.joining("\n"));
        confirm(keys.size() == 1 ? "Invalidate " + keys.get(0) + "?" : "Invalidate these " + keys.size() + " entries?",
                named + "\n\nThe next run of each is a MISS \"invalidated\".", () -> model.invalidate(keys));
    }

    private void invalidateFlowOfSelected() {
        CacheEntry chosen = table.getSelectionModel().getSelectedItem();
        if (chosen == null) {
            return;
        }
        CacheKey key = chosen.key();
        String named = model.entries().stream().map(CacheEntry::key)
                .filter(each -> each.namespace().equals(key.namespace()) && each.flowId().equals(key.flowId()))
                .map(CacheKey::toString).collect(Collectors.joining("\n"));
        confirm("Invalidate every entry of the flow " + key.namespace() + "/" + key.flowId() + "?",
                named + "\n\nThe next run of each is a MISS \"invalidated\".", () -> model.invalidateFlow(key.namespace(), key.flowId()));
    }

    /** Asks first; Enter (the default button) confirms, Escape cancels. */
    private void confirm(String question, String details, Runnable action) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, details, new ButtonType("Invalidate", ButtonType.OK.getButtonData()),
                ButtonType.CANCEL);
        alert.setTitle("Invalidate cache entries");
        alert.setHeaderText(question);
        if (getScene() != null) {
            alert.initOwner(getScene().getWindow());
            alert.getDialogPane().getStylesheets().setAll(getScene().getStylesheets());
        }
        alert.getDialogPane().setId("invalidate-confirmation");
        alert.showAndWait().filter(answer -> answer.getButtonData() == ButtonType.OK.getButtonData()).ifPresent(answer -> action.run());
    }
}
