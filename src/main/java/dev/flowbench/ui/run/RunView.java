package dev.flowbench.ui.run;

import dev.flowbench.engine.CacheResult;
import dev.flowbench.engine.LogLevel;
import dev.flowbench.ui.app.TimeText;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.FilteredList;
import javafx.css.PseudoClass;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * One execution in the run panel: its headline, its tasks (id {@code task-runs}) with their states and cache
 * decisions, its timeline, and its log (id {@code logs}), filtered by task, level and text, following its tail until
 * the user scrolls up. Only the tab in front carries the node ids (see {@link #showIds}).
 */
final class RunView extends BorderPane {

    private static final PseudoClass STDERR = PseudoClass.getPseudoClass("stderr");
    private static final PseudoClass ENGINE = PseudoClass.getPseudoClass("engine");
    private static final Map<LogLevel, PseudoClass> LEVELS = new HashMap<>();

    static {
        for (LogLevel level : LogLevel.values()) {
            LEVELS.put(level, PseudoClass.getPseudoClass(level.name().toLowerCase(Locale.ROOT)));
        }
    }

    private final RunViewModel model;
    private final TreeTableView<TaskRunRow> table = new TreeTableView<>();
    private final TimelineView timeline = new TimelineView();
    private java.util.function.Consumer<java.nio.file.Path> opener = path -> { };
    private final ListView<LogRow> logList = new ListView<>();
    private final FilteredList<LogRow> shownLogs;
    private final TextField search = new TextField();
    private final ComboBox<String> level = new ComboBox<>();
    private final ToggleButton follow = new ToggleButton("Follow", new FontIcon(Feather.ARROW_DOWN));
    private final ComboBox<String> taskFilter = new ComboBox<>();
    private final Map<javafx.scene.Node, String> ids = new java.util.LinkedHashMap<>();
    private final javafx.scene.control.Tab timelineTab = new javafx.scene.control.Tab("Timeline", timeline);
    private boolean tailPending;

    RunView(RunViewModel model) {
        this.model = model;
        this.shownLogs = new FilteredList<>(model.logs());
        getStyleClass().add("run-view");
        setTop(header());
        javafx.scene.control.Tab tasksTab = new javafx.scene.control.Tab("Tasks", taskTable());
        ids.put(timeline, "timeline");
        javafx.scene.control.TabPane left = new javafx.scene.control.TabPane(tasksTab, timelineTab);
        left.setTabClosingPolicy(javafx.scene.control.TabPane.TabClosingPolicy.UNAVAILABLE);
        left.getStyleClass().add("run-views");
        timeline.setSelect(row -> {
            left.getSelectionModel().select(tasksTab);
            selectRow(row);
        });
        SplitPane split = new SplitPane(left, logPane());
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.5);
        setCenter(split);
        model.rowsProperty().addListener((o, before, rows) -> showRows(rows));
        showRows(model.rowsProperty().get());
    }

    RunViewModel model() {
        return model;
    }

    /** Gives this view's nodes their ids (the tab in front), or takes them away, so that an id names one node. */
    void showIds(boolean shown) {
        ids.forEach((node, id) -> node.setId(shown ? id : null));
        timelineTab.setId(shown ? "timeline-tab" : null);
    }

    private <T extends javafx.scene.Node> T named(T node, String id) {
        ids.put(node, id);
        return node;
    }

    // ---- header ----

    private Region header() {
        FontIcon icon = new FontIcon(Feather.PLAY_CIRCLE);
        icon.getStyleClass().add("run-state-icon");
        Label headline = new Label();
        named(headline, "run-headline");
        headline.getStyleClass().add("run-headline");
        headline.textProperty().bind(model.headlineProperty());
        headline.setGraphic(icon);
        model.stateProperty().addListener((o, a, state) -> {
            icon.setIconCode(model.stateProperty().get() == null ? Feather.PLAY_CIRCLE : StateLook.icon(state));
            StateLook.mark(headline, state);
        });
        Label notice = new Label();
        named(notice, "run-notice");
        notice.getStyleClass().add("run-notice");
        notice.textProperty().bind(model.noticeProperty());
        notice.setMinWidth(0);
        notice.setTooltip(new Tooltip());
        notice.getTooltip().textProperty().bind(model.noticeProperty());
        Label dropped = new Label();
        dropped.getStyleClass().add("run-dropped");
        dropped.textProperty().bind(Bindings.createStringBinding(() -> model.droppedLinesProperty().get() == 0 ? ""
                : String.format(Locale.ROOT, "%,d log lines not shown (all are in the log file)", model.droppedLinesProperty().get()),
                model.droppedLinesProperty()));
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox bar = new HBox(12, headline, notice, spring, dropped);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("run-header");
        return bar;
    }

    // ---- tasks ----

    private Region taskTable() {
        named(table, "task-runs");
        table.setShowRoot(false);
        table.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new Label("Run the flow (F5) to see its tasks here."));
        table.setRowFactory(view -> new TaskRow());
        TreeTableColumn<TaskRunRow, TaskRunRow> task = column("Task", 170);
        task.setCellFactory(c -> new TaskCell());
        TreeTableColumn<TaskRunRow, TaskRunRow> state = column("State", 90);
        state.setCellFactory(c -> new StateCell());
        TreeTableColumn<TaskRunRow, TaskRunRow> cache = column("Cache", 150);
        cache.setCellFactory(c -> new CacheCell());
        TreeTableColumn<TaskRunRow, TaskRunRow> started = column("Start", 90);
        started.setCellFactory(c -> new TextCell(row -> row.startedProperty().get() == null ? ""
                : TimeText.clock(row.startedProperty().get()), row -> row.startedProperty()));
        TreeTableColumn<TaskRunRow, TaskRunRow> took = column("Duration", 80);
        took.setMinWidth(80);
        took.setCellFactory(c -> new TextCell(row -> TimeText.duration(row.durationProperty().get()),
                row -> row.durationProperty()));
        state.setMinWidth(84);
        cache.setMinWidth(150);
        started.setMinWidth(96);
        table.getColumns().setAll(List.of(task, state, cache, started, took));
        return table;
    }

    /** How output files are opened: the desktop's viewer for a file, its file manager for a folder. */
    void setOpener(java.util.function.Consumer<java.nio.file.Path> opener) {
        this.opener = opener;
    }

    /** A task's row; its menu opens the task's output files, or shows them in their folder. */
    private final class TaskRow extends javafx.scene.control.TreeTableRow<TaskRunRow> {
        private final javafx.beans.InvalidationListener refresh = o -> fillMenu();
        private TaskRunRow watched;

        @Override
        protected void updateItem(TaskRunRow row, boolean empty) {
            super.updateItem(row, empty);
            if (watched != null) {
                watched.outputFilesProperty().removeListener(refresh);
            }
            watched = empty ? null : row;
            if (watched != null) {
                watched.outputFilesProperty().addListener(refresh);
            }
            fillMenu();
        }

        private void fillMenu() {
            java.util.Map<String, String> files = watched == null ? java.util.Map.of() : watched.outputFilesProperty().get();
            if (files.isEmpty()) {
                setContextMenu(null);
                return;
            }
            javafx.scene.control.ContextMenu menu = new javafx.scene.control.ContextMenu();
            files.forEach((name, stored) -> {
                java.nio.file.Path file = java.nio.file.Path.of(stored);
                javafx.scene.control.MenuItem open = new javafx.scene.control.MenuItem("Open " + name, new FontIcon(Feather.FILE));
                open.setOnAction(e -> opener.accept(file));
                javafx.scene.control.MenuItem reveal = new javafx.scene.control.MenuItem("Show " + name + " in its folder",
                        new FontIcon(Feather.FOLDER));
                reveal.setOnAction(e -> opener.accept(file.getParent()));
                menu.getItems().addAll(open, reveal);
            });
            setContextMenu(menu);
        }
    }

    private static TreeTableColumn<TaskRunRow, TaskRunRow> column(String name, double width) {
        TreeTableColumn<TaskRunRow, TaskRunRow> column = new TreeTableColumn<>(name);
        column.setPrefWidth(width);
        column.setSortable(false);
        column.setCellValueFactory(features -> new javafx.beans.property.ReadOnlyObjectWrapper<>(features.getValue().getValue()));
        return column;
    }

    private void showRows(List<TaskRunRow> rows) {
        TreeItem<TaskRunRow> root = new TreeItem<>();
        Map<String, TreeItem<TaskRunRow>> items = new HashMap<>();
        for (TaskRunRow row : rows) {
            TreeItem<TaskRunRow> item = new TreeItem<>(row);
            item.setExpanded(true);
            items.putIfAbsent(row.taskId(), item);
            TreeItem<TaskRunRow> parent = row.parentId() == null ? root : items.getOrDefault(row.parentId(), root);
            parent.getChildren().add(item);
        }
        table.setRoot(root);
        timeline.show(rows);
        String chosen = taskFilter.getValue();
        List<String> names = new java.util.ArrayList<>();
        names.add(ALL_TASKS);
        rows.forEach(row -> names.add(row.taskId()));
        taskFilter.getItems().setAll(names);
        taskFilter.setValue(chosen != null && names.contains(chosen) ? chosen : ALL_TASKS);
    }

    private static final String ALL_TASKS = "All tasks";

    private void selectRow(TaskRunRow row) {
        for (int i = 0; i < table.getExpandedItemCount(); i++) {
            TreeItem<TaskRunRow> item = table.getTreeItem(i);
            if (item != null && item.getValue() == row) {
                table.getSelectionModel().select(i);
                table.scrollTo(i);
                return;
            }
        }
    }

    /** A cell that follows one property of its row (rows change while the run goes on). */
    private static class FollowingCell extends TreeTableCell<TaskRunRow, TaskRunRow> {
        private final java.util.function.Function<TaskRunRow, javafx.beans.Observable> followed;
        private final javafx.beans.InvalidationListener refresh = o -> show(getItem());
        private TaskRunRow watched;

        FollowingCell(java.util.function.Function<TaskRunRow, javafx.beans.Observable> followed) {
            this.followed = followed;
        }

        @Override
        protected void updateItem(TaskRunRow row, boolean empty) {
            super.updateItem(row, empty);
            if (watched != null) {
                followed.apply(watched).removeListener(refresh);
            }
            watched = empty ? null : row;
            if (watched != null) {
                followed.apply(watched).addListener(refresh);
            }
            show(watched);
        }

        void show(TaskRunRow row) {
        }
    }

    private static final class TaskCell extends FollowingCell {
        private final FontIcon icon = new FontIcon(Feather.CLOCK);
        private final Tooltip tip = new Tooltip(); // one per cell: a tooltip is a window of its own, costly to make

        TaskCell() {
            super(TaskRunRow::stateProperty);
            getStyleClass().add("task-cell");
            icon.getStyleClass().add("state-icon");
        }

        @Override
        void show(TaskRunRow row) {
            if (row == null) {
                setText(null);
                setGraphic(null);
                setTooltip(null);
                return;
            }
            setText(row.taskId());
            icon.setIconCode(StateLook.icon(row.stateProperty().get()));
            StateLook.mark(this, row.stateProperty().get());
            setGraphic(icon);
            tip.setText(row.type() + (row.messageProperty().get() == null ? "" : "\n" + row.messageProperty().get())
                    + (row.outputsProperty().get() == null ? "" : "\n\noutputs:\n" + row.outputsProperty().get()));
            setTooltip(tip);
        }
    }

    private static final class StateCell extends FollowingCell {
        StateCell() {
            super(TaskRunRow::stateProperty);
            getStyleClass().add("state-cell");
        }

        @Override
        void show(TaskRunRow row) {
            setText(row == null ? null : StateLook.text(row.stateProperty().get()));
            StateLook.mark(this, row == null ? null : row.stateProperty().get());
        }
    }

    /**
     * The WorkingDirectory's cache decisions as badges whose text is the result: the restore's (HIT or MISS) and,
     * once its tasks are done, the save's (SAVED, UNCHANGED, NOT_SAVED); the reasons and figures on hover.
     */
    private static final class CacheCell extends FollowingCell {
        private final Label restore = badge();
        private final Label save = badge();
        private final HBox badges = new HBox(4, restore, save);
        private final Tooltip reasons = new Tooltip();

        CacheCell() {
            super(TaskRunRow::cacheReasonProperty);
            reasons.setWrapText(true);
            reasons.setMaxWidth(480);
            badges.setAlignment(Pos.CENTER_LEFT);
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        }

        private static Label badge() {
            Label badge = new Label();
            badge.getStyleClass().add("cache-badge");
            badge.managedProperty().bind(badge.visibleProperty());
            badge.setMinWidth(Region.USE_PREF_SIZE);
            return badge;
        }

        @Override
        void show(TaskRunRow row) {
            if (row == null || row.cacheReasonProperty().get() == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            show(restore, row.restoreResultProperty().get());
            show(save, row.saveResultProperty().get());
            reasons.setText(row.cacheReasonProperty().get());
            setTooltip(reasons);
            setGraphic(badges);
        }

        private static void show(Label badge, CacheResult result) {
            badge.setVisible(result != null);
            badge.setText(result == null ? "" : result.name());
            StateLook.mark(badge, result);
        }
    }

    private static final class TextCell extends FollowingCell {
        private final java.util.function.Function<TaskRunRow, String> text;

        TextCell(java.util.function.Function<TaskRunRow, String> text,
                 java.util.function.Function<TaskRunRow, javafx.beans.Observable> followed) {
            super(followed);
            this.text = text;
            getStyleClass().add("figure-cell");
        }

        @Override
        void show(TaskRunRow row) {
            setText(row == null ? null : text.apply(row));
        }
    }

    // ---- logs ----

    private Region logPane() {
        search.setPromptText("Search the log");
        named(search, "log-search");
        HBox.setHgrow(search, Priority.ALWAYS);
        named(level, "log-level");
        level.getItems().addAll("All levels", "INFO and above", "WARN and above", "ERROR only");
        level.getSelectionModel().select(0);
        named(follow, "log-follow");
        follow.setSelected(true);
        follow.setTooltip(new Tooltip("Keep the newest line in view (scrolling up stops it)"));
        named(taskFilter, "log-task");
        taskFilter.setTooltip(new Tooltip("Show the lines of one task"));
        search.textProperty().addListener((o, a, b) -> refilter());
        level.valueProperty().addListener((o, a, b) -> refilter());
        taskFilter.valueProperty().addListener((o, a, b) -> refilter());
        HBox tools = new HBox(8, search, taskFilter, level, follow);
        tools.setAlignment(Pos.CENTER_LEFT);
        tools.getStyleClass().add("log-tools");

        named(logList, "logs");
        logList.getStyleClass().add("log-list");
        logList.setItems(shownLogs);
        logList.setCellFactory(v -> new LogCell());
        logList.setFixedCellSize(20); // one line per row: the list lays out a million rows without measuring them
        logList.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        logList.setPlaceholder(new Label("The run's output appears here as it happens."));
        logList.addEventFilter(ScrollEvent.SCROLL, event -> {
            if (event.getDeltaY() > 0) {
                follow.setSelected(false);
            }
        });
        logList.setOnKeyPressed(event -> {
            if (event.isShortcutDown() && event.getCode() == KeyCode.C) {
                copySelected();
            }
        });
        shownLogs.addListener((ListChangeListener<LogRow>) change -> followTail());
        follow.selectedProperty().addListener((o, a, on) -> {
            if (on && !shownLogs.isEmpty()) {
                logList.scrollTo(shownLogs.size() - 1);
            }
        });
        VBox box = new VBox(6, tools, logList);
        VBox.setVgrow(logList, Priority.ALWAYS);
        box.getStyleClass().add("log-pane");
        return box;
    }

    /** Scrolls to the newest line once for all the batches of a pulse, not once per batch. */
    private void followTail() {
        if (!follow.isSelected() || tailPending) {
            return;
        }
        tailPending = true;
        javafx.application.Platform.runLater(() -> {
            tailPending = false;
            if (follow.isSelected() && !shownLogs.isEmpty()) {
                logList.scrollTo(shownLogs.size() - 1);
            }
        });
    }

    private void refilter() {
        String text = search.getText() == null ? "" : search.getText().toLowerCase(Locale.ROOT);
        int least = level.getSelectionModel().getSelectedIndex();
        LogLevel floor = switch (least) {
            case 1 -> LogLevel.INFO;
            case 2 -> LogLevel.WARN;
            case 3 -> LogLevel.ERROR;
            default -> LogLevel.TRACE;
        };
        String task = taskFilter.getValue() == null || ALL_TASKS.equals(taskFilter.getValue()) ? null : taskFilter.getValue();
        shownLogs.setPredicate(text.isEmpty() && floor == LogLevel.TRACE && task == null ? null
                : row -> row.level().ordinal() >= floor.ordinal()
                && (task == null || task.equals(row.taskId()))
                && (text.isEmpty() || row.message().toLowerCase(Locale.ROOT).contains(text)
                || (row.taskId() != null && row.taskId().toLowerCase(Locale.ROOT).contains(text))));
    }

    private void copySelected() {
        String text = logList.getSelectionModel().getSelectedItems().stream().map(LogCell::line).collect(Collectors.joining("\n"));
        if (!text.isEmpty()) {
            ClipboardContent content = new ClipboardContent();
            content.putString(text);
            Clipboard.getSystemClipboard().setContent(content);
        }
    }

    private static final class LogCell extends ListCell<LogRow> {
        LogCell() {
            getStyleClass().add("log-cell");
        }

        /** Characters of a line drawn in a row: laying out a 64K-character line at every scroll would stall. */
        static final int SHOWN_CHARS = 2_000;

        /** The whole line, as copied. */
        static String line(LogRow row) {
            return TimeText.clock(row.time()) + "  " + (row.taskId() == null ? "" : "[" + row.taskId() + "] ") + row.message().strip();
        }

        /** The line as drawn: a very long one cut, saying how much more there is (copying gives all of it). */
        static String shown(LogRow row) {
            String line = line(row);
            return line.length() <= SHOWN_CHARS ? line
                    : line.substring(0, SHOWN_CHARS) + String.format(Locale.ROOT, " ... (%,d more characters: copy the line for all of it)",
                    line.length() - SHOWN_CHARS);
        }

        @Override
        protected void updateItem(LogRow row, boolean empty) {
            super.updateItem(row, empty);
            boolean shown = !empty && row != null;
            setText(shown ? shown(row) : null);
            pseudoClassStateChanged(STDERR, shown && row.isStderr());
            pseudoClassStateChanged(ENGINE, shown && "flowbench".equals(row.stream()));
            LEVELS.forEach((each, pseudo) -> pseudoClassStateChanged(pseudo, shown && row.level() == each));
        }
    }
}
