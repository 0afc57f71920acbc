package dev.flowbench.ui.run;

import dev.flowbench.engine.CacheResult;
import dev.flowbench.engine.LogLevel;
import dev.flowbench.ui.app.TimeText;
import java.util.HashMap;
import java.util.List;
import dev.flowbench.engine.State;
import java.util.Locale;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
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

    private final RunViewModel model;
    private final TreeTableView<TaskRunRow> table = new TreeTableView<>();
    private final TimelineView timeline = new TimelineView();
    private java.util.function.Consumer<java.nio.file.Path> opener = path -> { };
    private RunPanel.TaskActions actions = RunPanel.TaskActions.NONE;
    private final FilteredList<LogRow> shownLogs;
    private final LogView logList;
    private final TextField search = new TextField();
    private final ComboBox<String> level = new ComboBox<>();
    private final ToggleButton follow = new ToggleButton(null, new FontIcon(Feather.ARROW_DOWN));
    private final ComboBox<String> taskFilter = new ComboBox<>();
    private final Map<javafx.scene.Node, String> ids = new java.util.LinkedHashMap<>();
    private final javafx.scene.control.Tab timelineTab = new javafx.scene.control.Tab("Timeline", timeline);
    /** Now, to the second, while the run goes on: running tasks show how long they have run. */
    private final javafx.beans.property.ObjectProperty<java.time.Instant> clock =
            new javafx.beans.property.SimpleObjectProperty<>(java.time.Instant.now());
    private final javafx.animation.Timeline ticking = new javafx.animation.Timeline();

    RunView(RunViewModel model) {
        this.model = model;
        this.shownLogs = new FilteredList<>(model.logs());
        this.logList = new LogView(shownLogs, "The run's output appears here as it happens.");
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
        dev.flowbench.ui.app.KeptDividers.keep(split, 0.53);
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
        dev.flowbench.ui.app.CutText.tooltipWhenCut(headline, model.headlineProperty());
        headline.setMinWidth(0);
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
        HBox bar = new HBox(12, headline, resumeButton(), countdown(), notice, spring, dropped);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("run-header");
        return bar;
    }

    /** Shown while a Pause of the run waits: the same as {@code flowbench resume ID}. */
    private javafx.scene.control.Button resumeButton() {
        javafx.scene.control.Button resume = new javafx.scene.control.Button("Resume", new FontIcon(Feather.FAST_FORWARD));
        named(resume, "resume");
        resume.getStyleClass().addAll(atlantafx.base.theme.Styles.ACCENT, atlantafx.base.theme.Styles.SMALL, "resume-button");
        resume.setTooltip(new Tooltip("Go on with the execution waiting in a Pause (F8), as flowbench resume does"));
        resume.visibleProperty().bind(model.pausedProperty());
        resume.managedProperty().bind(model.pausedProperty());
        resume.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        resume.setOnAction(e -> model.resume());
        return resume;
    }

    /** While a Pause with a duration waits: how long until it goes on, to the second. */
    private Label countdown() {
        Label countdown = new Label();
        named(countdown, "pause-countdown");
        countdown.getStyleClass().add("pause-countdown");
        countdown.textProperty().bind(Bindings.createStringBinding(() -> {
            java.time.Instant until = model.pausedUntilProperty().get();
            if (until == null) {
                return "";
            }
            long seconds = Math.max(0, java.time.Duration.between(clock.get(), until).toSeconds());
            return seconds >= 60 ? String.format(Locale.ROOT, "goes on in %d min %02d s", seconds / 60, seconds % 60)
                    : "goes on in " + seconds + " s";
        }, model.pausedUntilProperty(), clock));
        countdown.visibleProperty().bind(model.pausedUntilProperty().isNotNull());
        countdown.managedProperty().bind(countdown.visibleProperty());
        countdown.setMinWidth(Region.USE_PREF_SIZE);
        return countdown;
    }

    // ---- tasks ----

    private Region taskTable() {
        named(table, "task-runs");
        table.setShowRoot(false);
        table.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new Label("Run the flow (F5) to see its tasks here."));
        table.setRowFactory(view -> new TaskRow());
        TreeTableColumn<TaskRunRow, TaskRunRow> task = column("Task", 210);
        task.setCellFactory(c -> new TaskCell());
        TreeTableColumn<TaskRunRow, TaskRunRow> state = column("State", 90);
        state.setCellFactory(c -> new StateCell());
        TreeTableColumn<TaskRunRow, TaskRunRow> cache = column("Cache", 150);
        cache.setCellFactory(c -> new CacheCell());
        TreeTableColumn<TaskRunRow, TaskRunRow> took = column("Duration", 80);
        took.setCellFactory(c -> new TextCell(this::duration, TaskRunRow::durationProperty, TaskRunRow::stateProperty, row -> clock));
        TreeTableColumn<TaskRunRow, TaskRunRow> message = column("Message", 220);
        message.setCellFactory(c -> new MessageCell());
        // the columns' least widths fit the dock beside the picture at 1280 pixels (when each task started is on the
        // timeline): a name is cut short, the badges not
        task.setMinWidth(90);
        state.setMinWidth(84);
        cache.setMinWidth(150);
        took.setMinWidth(88);
        message.setMinWidth(90);
        table.getColumns().setAll(List.of(task, state, cache, took, message));
        dev.flowbench.ui.app.CutText.headersWhole(table.getColumns());
        ticking.getKeyFrames().add(new javafx.animation.KeyFrame(javafx.util.Duration.seconds(1),
                e -> clock.set(java.time.Instant.now())));
        ticking.setCycleCount(javafx.animation.Animation.INDEFINITE);
        model.runningProperty().addListener((o, was, running) -> {
            if (running) {
                ticking.play();
            } else {
                ticking.stop();
            }
        });
        javafx.scene.layout.BorderPane pane = new javafx.scene.layout.BorderPane(table);
        pane.setTop(iterationFilter());
        pane.getStyleClass().add("task-runs-pane");
        return pane;
    }

    /** How long a task took, or, while it runs, how long it has been running (to the second). */
    private String duration(TaskRunRow row) {
        if (row.stateProperty().get() == dev.flowbench.engine.State.RUNNING && row.startedProperty().get() != null) {
            java.time.Duration elapsed = java.time.Duration.between(row.startedProperty().get(), clock.get());
            return TimeText.duration(elapsed.isNegative() ? java.time.Duration.ZERO : elapsed.withNanos(0));
        }
        return TimeText.duration(row.durationProperty().get());
    }

    /** How output files are opened: the desktop's viewer for a file, its file manager for a folder. */
    void setOpener(java.util.function.Consumer<java.nio.file.Path> opener) {
        this.opener = opener;
    }

    void setTaskActions(RunPanel.TaskActions actions) {
        this.actions = actions;
    }

    /**
     * A task's row; its menu runs the flow up to the task or the task alone, opens the execution an earlier run of it
     * was reused from, and opens the task's output files or shows them in their folder.
     */
    private final class TaskRow extends javafx.scene.control.TreeTableRow<TaskRunRow> {
        private javafx.scene.control.ContextMenu shown;

        TaskRow() {
            // made when asked for: a menu is a window of its own, too costly for every row of every run
            setOnContextMenuRequested(event -> {
                if (getItem() == null) {
                    return;
                }
                if (shown != null) {
                    shown.hide();
                }
                shown = menu(getItem());
                shown.show(this, event.getScreenX(), event.getScreenY());
                event.consume();
            });
        }

        private javafx.scene.control.ContextMenu menu(TaskRunRow row) {
            javafx.scene.control.ContextMenu menu = new javafx.scene.control.ContextMenu();
            menu.setId("task-run-menu");
            javafx.scene.control.MenuItem upTo = menuItem("Run Up to Here", Feather.SKIP_FORWARD,
                    () -> actions.runPart(model, dev.flowbench.engine.RunScope.upTo(row.taskId(), false)));
            javafx.scene.control.MenuItem only = menuItem("Run This Task", Feather.PLAY,
                    () -> actions.runPart(model, dev.flowbench.engine.RunScope.only(row.taskId(), false)));
            upTo.setDisable(model.runningProperty().get());
            only.setDisable(model.runningProperty().get());
            menu.getItems().addAll(upTo, only);
            String reusedFrom = row.reusedFromProperty().get();
            if (reusedFrom != null) {
                menu.getItems().add(menuItem("Open Execution " + reusedFrom, Feather.CLOCK, () -> actions.openExecution(reusedFrom)));
            }
            java.util.Map<String, String> files = row.outputFilesProperty().get();
            if (!files.isEmpty()) {
                menu.getItems().add(new javafx.scene.control.SeparatorMenuItem());
            }
            files.forEach((name, stored) -> {
                java.nio.file.Path file = java.nio.file.Path.of(stored);
                menu.getItems().addAll(menuItem("Open " + name, Feather.FILE, () -> opener.accept(file)),
                        menuItem("Show " + name + " in its folder", Feather.FOLDER, () -> opener.accept(file.getParent())));
            });
            return menu;
        }
    }

    private static javafx.scene.control.MenuItem menuItem(String text, Feather icon, Runnable action) {
        javafx.scene.control.MenuItem item = new javafx.scene.control.MenuItem(text, new FontIcon(icon));
        item.setOnAction(e -> action.run());
        return item;
    }

    private static TreeTableColumn<TaskRunRow, TaskRunRow> column(String name, double width) {
        TreeTableColumn<TaskRunRow, TaskRunRow> column = new TreeTableColumn<>(name);
        column.setPrefWidth(width);
        column.setSortable(false);
        column.setCellValueFactory(features -> new javafx.beans.property.ReadOnlyObjectWrapper<>(features.getValue().getValue()));
        return column;
    }

    private void showRows(List<TaskRunRow> rows) {
        loops.clear();
        TreeItem<TaskRunRow> root = new TreeItem<>();
        Map<String, TreeItem<TaskRunRow>> items = new HashMap<>();
        for (TaskRunRow row : rows) {
            TreeItem<TaskRunRow> item = new TreeItem<>(row);
            item.setExpanded(true);
            items.putIfAbsent(row.taskId(), item);
            TreeItem<TaskRunRow> parent = row.parentId() == null ? root : items.getOrDefault(row.parentId(), root);
            parent.getChildren().add(item);
        }
        rows.stream().filter(row -> dev.flowbench.flow.FlowableTask.Kind.of(row.type())
                        .filter(dev.flowbench.flow.FlowableTask.Kind::iteratesValues).isPresent())
                .forEach(loop -> followIterations(loop, items.get(loop.taskId()))); // after its task rows
        hasLoops.set(!loops.isEmpty());
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

    /**
     * The most iteration rows a Loop shows at once: the first ones, or the first that pass the filter. A row costs the
     * table's cells nothing until it is on screen, but the tree's own bookkeeping grows with each; past this, "Only
     * failed" and the search by value find the others.
     */
    static final int MAX_ITERATION_ROWS = 1_000;

    /** A Loop's tree item: its task rows, then its iterations' rows, those the filter lets through. */
    private static final class LoopItems {
        final TaskRunRow loop;
        final TreeItem<TaskRunRow> item;
        final int tasks;
        final Map<TaskRunRow, TreeItem<TaskRunRow>> made = new HashMap<>();

        LoopItems(TaskRunRow loop, TreeItem<TaskRunRow> item) {
            this.loop = loop;
            this.item = item;
            this.tasks = item.getChildren().size();
        }

        int shown() {
            return item.getChildren().size() - tasks;
        }

        TreeItem<TaskRunRow> itemOf(TaskRunRow iteration) {
            return made.computeIfAbsent(iteration, TreeItem::new);
        }
    }

    private final List<LoopItems> loops = new java.util.ArrayList<>();
    private final javafx.beans.property.BooleanProperty hasLoops = new javafx.beans.property.SimpleBooleanProperty();
    private final ToggleButton onlyFailed = new ToggleButton("Only failed", new FontIcon(Feather.X_CIRCLE));
    private final TextField iterationSearch = new TextField();
    private final Label iterationCount = new Label();

    /**
     * A Loop's iterations as rows under its own, after its tasks, added as they start (a batch of events at a time),
     * at most {@link #MAX_ITERATION_ROWS}.
     */
    private void followIterations(TaskRunRow loop, TreeItem<TaskRunRow> item) {
        LoopItems followed = new LoopItems(loop, item);
        loops.add(followed);
        java.util.function.Consumer<List<? extends TaskRunRow>> add = added -> {
            if (filtering()) {
                return; // the batch's end filters again
            }
            int room = MAX_ITERATION_ROWS - followed.shown();
            if (room > 0) {
                item.getChildren().addAll(added.stream().limit(room).map(followed::itemOf).toList());
            }
            countIterations();
        };
        add.accept(loop.iterations());
        loop.iterations().addListener((javafx.collections.ListChangeListener<TaskRunRow>) change -> {
            while (change.next()) {
                if (change.wasAdded()) {
                    add.accept(change.getAddedSubList());
                }
            }
        });
    }

    /** "1,000 of 10,000 iterations shown" when some are not. */
    private void countIterations() {
        int shown = 0;
        int all = 0;
        for (LoopItems followed : loops) {
            shown += followed.shown();
            all += followed.loop.iterations().size();
        }
        iterationCount.setText(shown == all ? "" : String.format(Locale.ROOT, "%,d of %,d iterations shown", shown, all));
    }

    private boolean filtering() {
        return onlyFailed.isSelected() || !iterationSearch.getText().isBlank();
    }

    /** Whether an iteration's row passes "only failed" and the search by value. */
    private boolean shown(TaskRunRow row) {
        State state = row.stateProperty().get();
        boolean failed = state == State.FAILED || state == State.KILLED || state == State.CANCELLED || state == State.WARNING;
        String wanted = iterationSearch.getText().trim().toLowerCase(Locale.ROOT);
        return (!onlyFailed.isSelected() || failed) && (wanted.isEmpty() || row.value().toLowerCase(Locale.ROOT).contains(wanted));
    }

    /** Each Loop's iteration rows again through the filter (it changed, or the states did). */
    private void refilterIterations() {
        for (LoopItems followed : loops) {
            List<TreeItem<TaskRunRow>> children = new java.util.ArrayList<>(followed.item.getChildren().subList(0, followed.tasks));
            followed.loop.iterations().stream().filter(row -> !filtering() || shown(row)).limit(MAX_ITERATION_ROWS)
                    .map(followed::itemOf).forEach(children::add);
            if (!children.equals(followed.item.getChildren())) {
                followed.item.getChildren().setAll(children);
            }
        }
        countIterations();
    }

    /** "Only failed" and the search by value, above the task table: what a Loop of thousands needs. */
    private Region iterationFilter() {
        named(onlyFailed, "only-failed");
        onlyFailed.getStyleClass().add(atlantafx.base.theme.Styles.SMALL);
        onlyFailed.setTooltip(new Tooltip("Show only the iterations that failed (or ended in a warning)"));
        named(iterationSearch, "iteration-search");
        iterationSearch.setPromptText("Find iterations by value");
        iterationSearch.getStyleClass().add(atlantafx.base.theme.Styles.SMALL);
        HBox.setHgrow(iterationSearch, Priority.ALWAYS);
        onlyFailed.selectedProperty().addListener(o -> refilterIterations());
        iterationSearch.textProperty().addListener(o -> refilterIterations());
        model.batchesProperty().addListener(o -> {
            if (filtering()) {
                refilterIterations(); // states changed in the batch
            }
        });
        iterationCount.getStyleClass().add("iteration-count");
        iterationCount.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(8, onlyFailed, iterationSearch, iterationCount);
        bar.visibleProperty().bind(hasLoops);
        bar.managedProperty().bind(hasLoops);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("iteration-filter");
        return bar;
    }

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

    /** A cell that follows properties of its row (rows change while the run goes on). */
    private static class FollowingCell extends TreeTableCell<TaskRunRow, TaskRunRow> {
        private final List<java.util.function.Function<TaskRunRow, javafx.beans.Observable>> followed;
        private final javafx.beans.InvalidationListener refresh = o -> show(getItem());
        private TaskRunRow watched;

        @SafeVarargs
        FollowingCell(java.util.function.Function<TaskRunRow, javafx.beans.Observable>... followed) {
            this.followed = List.of(followed);
        }

        @Override
        protected void updateItem(TaskRunRow row, boolean empty) {
            super.updateItem(row, empty);
            if (watched != null) {
                followed.forEach(f -> f.apply(watched).removeListener(refresh));
            }
            watched = empty ? null : row;
            if (watched != null) {
                followed.forEach(f -> f.apply(watched).addListener(refresh));
            }
            show(watched);
        }

        void show(TaskRunRow row) {
        }
    }

    private static final class TaskCell extends FollowingCell {
        private final FontIcon icon = new FontIcon(Feather.CLOCK);
        private Tooltip tip; // made on the first hover: a tooltip is a window of its own, costly to make

        TaskCell() {
            super(TaskRunRow::stateProperty, TaskRunRow::unreachedProperty);
            getStyleClass().add("task-cell");
            icon.getStyleClass().add("state-icon");
            setOnMouseEntered(e -> {
                if (tip == null && getItem() != null) {
                    tip = new Tooltip(describe(getItem()));
                    setTooltip(tip);
                }
            });
        }

        private static String describe(TaskRunRow row) {
            return (row.isIteration() ? "iteration " + row.label() + "\n" : "") + row.type()
                    + (row.messageProperty().get() == null ? "" : "\n" + row.messageProperty().get())
                    + (row.outputsProperty().get() == null ? "" : "\n\noutputs:\n" + row.outputsProperty().get());
        }

        @Override
        void show(TaskRunRow row) {
            if (row == null) {
                setText(null);
                setGraphic(null);
                setTooltip(null);
                return;
            }
            setText(row.label());
            icon.setIconCode(row.unreachedProperty().get() != null ? Feather.MINUS : StateLook.icon(row.stateProperty().get()));
            StateLook.mark(this, row.stateProperty().get());
            StateLook.markUnreached(this, row.unreachedProperty().get() != null);
            setGraphic(icon);
            if (tip != null) {
                tip.setText(describe(row));
                setTooltip(tip);
            }
        }
    }

    private static final class StateCell extends FollowingCell {
        StateCell() {
            super(TaskRunRow::stateProperty, TaskRunRow::unreachedProperty);
            getStyleClass().add("state-cell");
        }

        @Override
        void show(TaskRunRow row) {
            String unreached = row == null ? null : row.unreachedProperty().get();
            setText(row == null ? null : unreached != null ? unreached : StateLook.text(row.stateProperty().get()));
            StateLook.mark(this, row == null ? null : row.stateProperty().get());
            StateLook.markUnreached(this, unreached != null);
        }
    }

    /** Why a task ended as it did (its failure, why it was skipped or not run), whole on hover. */
    private static final class MessageCell extends FollowingCell {
        private final Tooltip whole = new Tooltip();

        MessageCell() {
            super(TaskRunRow::messageProperty, TaskRunRow::stateProperty);
            getStyleClass().add("message-cell");
            whole.setWrapText(true);
            whole.setMaxWidth(560);
        }

        @Override
        void show(TaskRunRow row) {
            String message = row == null ? null : row.messageProperty().get();
            setText(message);
            StateLook.mark(this, row == null ? null : row.stateProperty().get());
            whole.setText(message);
            setTooltip(message == null ? null : whole);
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
            if (row.reusedFromProperty().get() != null) { // an earlier run stood in for the task: no cache of its own
                restore.setVisible(true);
                restore.setText("REUSED");
                StateLook.mark(restore, CacheResult.HIT);
            }
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

        @SafeVarargs
        TextCell(java.util.function.Function<TaskRunRow, String> text,
                 java.util.function.Function<TaskRunRow, javafx.beans.Observable>... followed) {
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
        follow.setTooltip(new Tooltip("Keep the newest line in view (scrolling up stops it)"));
        named(taskFilter, "log-task");
        taskFilter.setTooltip(new Tooltip("Show the lines of one task"));
        search.textProperty().addListener((o, a, b) -> refilter());
        level.valueProperty().addListener((o, a, b) -> refilter());
        taskFilter.valueProperty().addListener((o, a, b) -> refilter());
        // the search gives up its width first; the choices and the button keep theirs (no "..." in place of a name)
        search.setMinWidth(90);
        taskFilter.setMinWidth(Region.USE_PREF_SIZE);
        level.setMinWidth(Region.USE_PREF_SIZE);
        follow.setMinWidth(Region.USE_PREF_SIZE);
        follow.getStyleClass().add(atlantafx.base.theme.Styles.BUTTON_ICON);
        HBox tools = new HBox(8, search, taskFilter, level, follow);
        tools.setAlignment(Pos.CENTER_LEFT);
        tools.getStyleClass().add("log-tools");

        named(logList, "logs");
        follow.selectedProperty().bindBidirectional(logList.followingProperty());
        VBox box = new VBox(6, tools, logList);
        VBox.setVgrow(logList, Priority.ALWAYS);
        box.getStyleClass().add("log-pane");
        return box;
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

}
