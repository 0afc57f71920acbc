package dev.flowbench.ui.topology;

import dev.flowbench.engine.CacheResult;
import dev.flowbench.engine.State;
import dev.flowbench.ui.run.StateLook;
import dev.flowbench.ui.run.TaskRunRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import javafx.beans.InvalidationListener;
import javafx.css.PseudoClass;
import javafx.geometry.Bounds;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.scene.text.Text;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The flow as a picture (id {@code topology}): a box per task with its id and type, a WorkingDirectory around its
 * children with its cache, branches side by side, errors and finally after dashed connectors, plugins Flowbench cannot
 * run drawn apart. A click selects a task (and its text); during a run each box shows its state and, for a cached
 * WorkingDirectory, its cache's decisions. Zoom (Ctrl+wheel, buttons), pan (the scroll bars, or drag), fit, down or
 * across; the selected task's menu and keys edit the flow: Delete, Ctrl+D duplicates, Alt+Up/Down moves.
 */
public final class TopologyView extends BorderPane {

    /** The visual edits the picture asks for; the window turns them into text edits of the editor. */
    public enum Edit { DELETE, DUPLICATE, MOVE_UP, MOVE_DOWN, MOVE_OUT }

    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    private static final double MIN_ZOOM = 0.1;
    private static final double MAX_ZOOM = 2.5;
    /** Fit goes no further down: the boxes' names stay readable, and the picture scrolls instead. */
    static final double FIT_LEAST = 0.6;

    private final TopologyViewModel model;
    private final Pane canvas = new Pane();
    /**
     * The scrolled content: the canvas, scaled, in a pane of the zoomed picture's size. A pane, not a Group: a Group's
     * bounds are its children's, so that every connector moved made the scroller measure the whole picture again.
     */
    private final Pane holder = new Pane(canvas);
    private final ScrollPane scroller = new ScrollPane(holder);
    private final Map<String, NodeBox> boxes = new HashMap<>();
    private final List<Runnable> unbind = new ArrayList<>();
    private BiConsumer<Edit, String> onEdit = (edit, task) -> { };
    private java.util.function.Consumer<dev.flowbench.engine.RunScope> onRun = scope -> { };
    private BiConsumer<TaskPalette.Entry, String> onAdd = (entry, after) -> { };
    private java.util.function.BiConsumer<String, String> onMoveInto = (task, folder) -> { };
    private java.util.function.BiPredicate<Edit, String> canEdit = (edit, task) -> true;
    private double zoom = 1;
    private final javafx.scene.transform.Scale scale = new javafx.scene.transform.Scale(1, 1, 0, 0);

    public TopologyView(TopologyViewModel model) {
        this.model = model;
        setId("topology");
        getStyleClass().add("topology");
        canvas.getStyleClass().add("topology-canvas");
        canvas.getTransforms().add(scale);
        scroller.getStyleClass().add("topology-scroller");
        scroller.setPannable(true);
        setTop(toolbar());
        Label stale = new Label("The text does not read as a flow right now: this is its last good picture.");
        stale.setId("topology-stale");
        stale.getStyleClass().add("topology-stale");
        stale.setWrapText(true);
        stale.setMaxWidth(Double.MAX_VALUE);
        stale.visibleProperty().bind(model.staleProperty());
        stale.managedProperty().bind(model.staleProperty());
        Label empty = new Label("The flow's picture appears here once it reads as a flow.");
        empty.getStyleClass().add("topology-empty");
        empty.visibleProperty().bind(model.pictureProperty().isNull());
        empty.setWrapText(true); // whole at any width of the pane
        empty.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        empty.setPadding(new javafx.geometry.Insets(0, 16, 0, 16));
        StackPane middle = new StackPane(scroller, empty);
        setCenter(new VBox(stale, middle));
        VBox.setVgrow(middle, Priority.ALWAYS);
        canvas.opacityProperty().bind(javafx.beans.binding.Bindings.when(model.staleProperty()).then(0.5).otherwise(1.0));
        scroller.addEventFilter(ScrollEvent.SCROLL, this::zoomByWheel);
        setFocusTraversable(true);
        setOnKeyPressed(event -> {
            String task = model.selectedTaskProperty().get();
            if (task == null) {
                return;
            }
            if (event.getCode() == KeyCode.DELETE) {
                onEdit.accept(Edit.DELETE, task);
            } else if (event.isShortcutDown() && event.getCode() == KeyCode.D) {
                onEdit.accept(Edit.DUPLICATE, task);
            } else if (event.isAltDown() && event.getCode() == KeyCode.UP) {
                onEdit.accept(Edit.MOVE_UP, task);
            } else if (event.isAltDown() && event.getCode() == KeyCode.DOWN) {
                onEdit.accept(Edit.MOVE_DOWN, task);
            } else {
                return;
            }
            event.consume();
        });
        model.pictureProperty().addListener((o, a, picture) -> draw(picture));
        model.selectedTaskProperty().addListener((o, before, now) -> select(before, now));
        model.runRowsProperty().addListener((o, a, rows) -> followRun(rows));
        draw(model.pictureProperty().get());
    }

    /** What the picture's edits do: the window applies them to the editor's text. */
    /** Where a box's "Run Up to Here" and "Run This Task" go. */
    public void setOnRun(java.util.function.Consumer<dev.flowbench.engine.RunScope> onRun) {
        this.onRun = onRun;
    }

    /** Whether an edit of a task's menu can apply (a task first of its list cannot move up...): the others are greyed. */
    public void setCanEdit(java.util.function.BiPredicate<Edit, String> canEdit) {
        this.canEdit = canEdit;
    }

    public void setOnEdit(BiConsumer<Edit, String> onEdit, BiConsumer<TaskPalette.Entry, String> onAdd,
                          BiConsumer<String, String> onMoveInto) {
        this.onEdit = onEdit;
        this.onAdd = onAdd;
        this.onMoveInto = onMoveInto;
    }

    // ---- toolbar ----

    private Region toolbar() {
        MenuButton add = new MenuButton("Add", new FontIcon(Feather.PLUS));
        add.setId("topology-add");
        add.setTooltip(new Tooltip("Add a task after the selected one (or at the end of the flow)"));
        Menu templates = new Menu("Templates");
        for (TaskPalette.Entry entry : TaskPalette.TYPES) {
            add.getItems().add(addItem(entry));
        }
        for (TaskPalette.Entry entry : TaskPalette.TEMPLATES) {
            templates.getItems().add(addItem(entry));
        }
        add.getItems().addAll(new SeparatorMenuItem(), templates);
        Button zoomOut = tool(Feather.ZOOM_OUT, "Zoom out (Ctrl+wheel)", "topology-zoom-out", () -> setZoom(zoom / 1.25));
        Button zoomIn = tool(Feather.ZOOM_IN, "Zoom in (Ctrl+wheel)", "topology-zoom-in", () -> setZoom(zoom * 1.25));
        Button fit = tool(Feather.MAXIMIZE, "Fit the whole flow", "topology-fit", this::fit);
        ToggleButton across = new ToggleButton(null, new FontIcon(Feather.ARROW_RIGHT));
        across.setId("topology-orientation");
        across.getStyleClass().addAll("flat", "button-icon");
        across.setTooltip(new Tooltip("Draw the flow across rather than down"));
        across.selectedProperty().addListener((o, a, on) -> model.orientationProperty().set(on
                ? TopologyLayout.Orientation.HORIZONTAL : TopologyLayout.Orientation.VERTICAL));
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox bar = new HBox(4, add, spring, zoomOut, zoomIn, fit, across, exportMenu());
        bar.getChildren().stream().filter(node -> node != spring)
                .forEach(node -> ((Region) node).setMinWidth(Region.USE_PREF_SIZE)); // the spring gives way, never "Add" ("...")
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("topology-toolbar");
        bar.disableProperty().bind(model.pictureProperty().isNull()); // nothing to add to, zoom or export yet
        return bar;
    }

    private MenuItem addItem(TaskPalette.Entry entry) {
        MenuItem item = new MenuItem(entry.label());
        item.setOnAction(e -> onAdd.accept(entry, model.selectedTaskProperty().get()));
        return item;
    }

    private Node exportMenu() {
        MenuButton export = new MenuButton(null, new FontIcon(Feather.DOWNLOAD));
        export.setId("topology-export");
        export.getStyleClass().add("flat");
        export.setTooltip(new Tooltip("Export the whole picture"));
        MenuItem png = new MenuItem("Export as PNG...");
        png.setId("topology-export-png");
        png.setOnAction(e -> exporter.accept("png"));
        MenuItem svg = new MenuItem("Export as SVG...");
        svg.setId("topology-export-svg");
        svg.setOnAction(e -> exporter.accept("svg"));
        export.getItems().addAll(png, svg);
        return export;
    }

    private java.util.function.Consumer<String> exporter = format -> { };

    /** What the export menu does with "png" or "svg" (the window asks where and writes the file). */
    public void setExporter(java.util.function.Consumer<String> exporter) {
        this.exporter = exporter;
    }

    private static Button tool(Feather icon, String tip, String id, Runnable action) {
        Button button = new Button(null, new FontIcon(icon));
        button.setId(id);
        button.getStyleClass().addAll("flat", "button-icon");
        button.setTooltip(new Tooltip(tip));
        button.setOnAction(e -> action.run());
        return button;
    }

    // ---- zoom ----

    private void zoomByWheel(ScrollEvent event) {
        if (event.isShortcutDown() && event.getDeltaY() != 0) {
            setZoom(zoom * (event.getDeltaY() > 0 ? 1.1 : 1 / 1.1));
            event.consume();
        }
    }

    public double zoom() {
        return zoom;
    }

    public void setZoom(double wanted) {
        zoom = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, wanted));
        scale.setX(zoom);
        scale.setY(zoom);
        double width = canvas.getPrefWidth() * zoom;
        double height = canvas.getPrefHeight() * zoom;
        holder.setPrefSize(width, height);
        holder.setMinSize(width, height);
        holder.setMaxSize(width, height);
    }

    /** Zooms so that the whole picture fits the view (never larger than life, never below {@link #FIT_LEAST}). */
    public void fit() {
        TopologyLayout.Picture picture = model.pictureProperty().get();
        Bounds view = scroller.getViewportBounds();
        if (picture == null || view.getWidth() <= 0 || view.getHeight() <= 0) {
            return;
        }
        setZoom(Math.max(FIT_LEAST, Math.min(1, Math.min(view.getWidth() / picture.width(), view.getHeight() / picture.height()))));
    }

    // ---- drawing ----

    /** Boxes made at once: more are made a few per frame, the window answering meanwhile. */
    private static final int BOXES_AT_ONCE = 8;
    /** The FX thread's time per frame for making boxes (styled as they are made: styling is most of their cost). */
    private static final long FRAME_BUDGET_NANOS = 6_000_000;
    private static final double FRONT = -1_000_000;
    private javafx.animation.AnimationTimer drawing;
    private final List<Line> lines = new ArrayList<>();
    private final List<Polygon> heads = new ArrayList<>();
    private final List<Label> sectionLabels = new ArrayList<>();

    /**
     * Draws a picture, keeping the boxes of tasks that look the same (moved where they now go): an edit, or a task
     * renamed while typing, makes a box or two, not the whole flow again.
     */
    private void draw(TopologyLayout.Picture picture) {
        unbindRun();
        if (drawing != null) {
            drawing.stop();
            drawing = null;
        }
        if (picture == null) {
            canvas.getChildren().clear();
            boxes.clear();
            lines.clear();
            heads.clear();
            sectionLabels.clear();
            return;
        }
        canvas.setPrefSize(picture.width(), picture.height());
        canvas.setMinSize(picture.width(), picture.height());
        canvas.setMaxSize(picture.width(), picture.height());
        setZoom(zoom); // the holder takes the new size
        Map<String, NodeBox> old = new HashMap<>(boxes);
        boxes.clear();
        List<Integer> toMake = new ArrayList<>();
        for (int i = 0; i < picture.boxes().size(); i++) {
            TopologyLayout.Box box = picture.boxes().get(i);
            NodeBox kept = old.remove(box.node().taskId());
            if (kept != null && kept.looksLike(box)) {
                kept.place(box, i);
                boxes.put(box.node().taskId(), kept);
            } else {
                if (kept != null) {
                    canvas.getChildren().remove(kept);
                }
                toMake.add(i);
            }
        }
        canvas.getChildren().removeAll(old.values());
        if (toMake.size() <= BOXES_AT_ONCE) {
            make(picture, toMake);
            finish(picture);
            return;
        }
        drawing = new javafx.animation.AnimationTimer() {
            private int next;

            @Override
            public void handle(long now) {
                long until = System.nanoTime() + FRAME_BUDGET_NANOS;
                while (next < toMake.size() && System.nanoTime() < until) {
                    make(picture, toMake.subList(next, next + 1)).applyCss();
                    next++;
                }
                while (next == toMake.size() && lines.size() < picture.edges().size() && System.nanoTime() < until) {
                    addConnector().applyCss();
                }
                if (next == toMake.size() && lines.size() >= picture.edges().size()) {
                    stop();
                    drawing = null;
                    finish(picture);
                }
            }
        };
        drawing.start();
    }

    /** One more line and arrow head for the connectors (hidden until {@link #finish} places it); returns the line. */
    private Line addConnector() {
        Line line = new Line();
        line.getStyleClass().add("topology-edge");
        Polygon head = new Polygon();
        head.getStyleClass().add("topology-arrow");
        for (Node shape : List.of(line, head)) {
            shape.setMouseTransparent(true);
            shape.setViewOrder(FRONT);
            shape.setVisible(false);
        }
        lines.add(line);
        heads.add(head);
        canvas.getChildren().addAll(line, head);
        return line;
    }

    /** Makes the boxes at those indexes of the picture; returns the last one made. */
    private NodeBox make(TopologyLayout.Picture picture, List<Integer> indexes) {
        NodeBox made = null;
        for (int index : indexes) {
            TopologyLayout.Box box = picture.boxes().get(index);
            made = new NodeBox(box);
            made.place(box, index);
            boxes.put(box.node().taskId(), made);
            canvas.getChildren().add(made);
        }
        return made;
    }

    /** The connectors and labels (their shapes used again), then the selection and the run. */
    private void finish(TopologyLayout.Picture picture) {
        while (lines.size() < picture.edges().size()) {
            addConnector();
        }
        for (int i = 0; i < lines.size(); i++) {
            boolean used = i < picture.edges().size();
            lines.get(i).setVisible(used);
            heads.get(i).setVisible(used);
            if (used) {
                connect(lines.get(i), heads.get(i), picture.edges().get(i));
            }
        }
        while (sectionLabels.size() < picture.labels().size()) {
            Label text = new Label();
            text.getStyleClass().add("topology-section");
            text.setViewOrder(FRONT);
            sectionLabels.add(text);
            canvas.getChildren().add(text);
        }
        for (int i = 0; i < sectionLabels.size(); i++) {
            Label text = sectionLabels.get(i);
            boolean used = i < picture.labels().size();
            text.setVisible(used);
            if (used) {
                TopologyLayout.Label label = picture.labels().get(i);
                text.setText(label.text());
                text.relocate(label.x(), label.y() - 14);
            }
        }
        setZoom(zoom);
        select(null, model.selectedTaskProperty().get());
        followRun(model.runRowsProperty().get());
    }

    private static void connect(Line line, Polygon head, TopologyLayout.Edge edge) {
        line.setStartX(edge.x1());
        line.setStartY(edge.y1());
        line.setEndX(edge.x2());
        line.setEndY(edge.y2());
        if (line.getStyleClass().contains("dashed") != edge.dashed()) { // a style change restyles: only when it changes
            if (edge.dashed()) {
                line.getStyleClass().add("dashed");
            } else {
                line.getStyleClass().remove("dashed");
            }
        }
        double angle = Math.atan2(edge.y2() - edge.y1(), edge.x2() - edge.x1());
        double size = 7;
        List<Double> points = List.of(edge.x2(), edge.y2(),
                edge.x2() - size * Math.cos(angle - 0.45), edge.y2() - size * Math.sin(angle - 0.45),
                edge.x2() - size * Math.cos(angle + 0.45), edge.y2() - size * Math.sin(angle + 0.45));
        if (!head.getPoints().equals(points)) { // new points make the shape again
            head.getPoints().setAll(points);
        }
    }

    private void select(String before, String now) {
        if (before != null && boxes.containsKey(before)) {
            boxes.get(before).pseudoClassStateChanged(SELECTED, false);
        }
        NodeBox box = now == null ? null : boxes.get(now);
        if (box != null) {
            box.pseudoClassStateChanged(SELECTED, true);
            reveal(box);
        }
    }

    /** Scrolls so that the task's box is in view (what a user scrolling to it does). */
    public void reveal(String taskId) {
        NodeBox box = boxes.get(taskId);
        if (box != null) {
            reveal(box);
        }
    }

    /** Scrolls so that the box is in view. */
    private void reveal(NodeBox box) {
        Bounds view = scroller.getViewportBounds();
        double width = canvas.getPrefWidth() * zoom;
        double height = canvas.getPrefHeight() * zoom;
        if (view.getWidth() <= 0 || width <= view.getWidth() && height <= view.getHeight()) {
            return;
        }
        double x = box.getLayoutX() * zoom;
        double y = box.getLayoutY() * zoom;
        boolean seen = x >= -view.getMinX() && y >= -view.getMinY() && x + box.getPrefWidth() * zoom <= -view.getMinX() + view.getWidth()
                && y + Math.min(box.getPrefHeight(), TopologyLayout.TASK_HEIGHT) * zoom <= -view.getMinY() + view.getHeight();
        if (!seen) {
            scroller.setHvalue(width <= view.getWidth() ? 0 : Math.max(0, Math.min(1, (x - view.getWidth() / 3) / (width - view.getWidth()))));
            scroller.setVvalue(height <= view.getHeight() ? 0 : Math.max(0, Math.min(1, (y - view.getHeight() / 3) / (height - view.getHeight()))));
        }
    }

    private void unbindRun() {
        unbind.forEach(Runnable::run);
        unbind.clear();
    }

    /** Binds each box to its run row: its state's colour, and a WorkingDirectory's cache decisions as badges. */
    private void followRun(Map<String, TaskRunRow> rows) {
        unbindRun();
        boxes.forEach((id, box) -> box.showRun(null));
        rows.forEach((id, row) -> {
            NodeBox box = boxes.get(id);
            if (box == null) {
                return;
            }
            InvalidationListener refresh = o -> box.showRun(row);
            row.stateProperty().addListener(refresh);
            row.restoreResultProperty().addListener(refresh);
            row.saveResultProperty().addListener(refresh);
            row.reusedFromProperty().addListener(refresh);
            unbind.add(() -> {
                row.stateProperty().removeListener(refresh);
                row.restoreResultProperty().removeListener(refresh);
                row.saveResultProperty().removeListener(refresh);
                row.reusedFromProperty().removeListener(refresh);
            });
            box.showRun(row);
        });
    }

    /** The drawn boxes by task id (for tests and exports). */
    public Map<String, ? extends Region> boxes() {
        return boxes;
    }

    /** The pane the picture is drawn on, at a zoom of 1 (what a PNG export snapshots). */
    public Pane canvas() {
        return canvas;
    }

    /** The widest a character of a box's id and type is drawn (bold 13 px, 11 px), to cut a long text with "…". */
    private static final double ID_CHAR_WIDTH = 8.2;
    private static final double TYPE_CHAR_WIDTH = 6.6;

    /** The text, cut with "…" so that it fits a box this wide. */
    static String fitted(String text, double boxWidth, double charWidth) {
        int room = (int) ((boxWidth - 22) / charWidth);
        return text.length() <= room ? text : text.substring(0, Math.max(1, room - 1)) + "…";
    }

    /** A task's box: its id, its type, and for a group its header above its children. */
    private final class NodeBox extends VBox {
        private TopologyLayout.Box box;
        private Label restore; // a cached WorkingDirectory's badges, made with its cache line
        private Label save;

        NodeBox(TopologyLayout.Box box) {
            this.box = box;
            TopologyGraph.Node node = box.node();
            getStyleClass().addAll("topology-node", kindClass(node.kind()));
            if (box.group()) {
                getStyleClass().add("topology-group");
            }
            // Text, not Label: a box is styled as it is made, and a flow of hundreds of tasks makes hundreds of boxes
            Text id = new Text(fitted(node.taskId(), box.width(), ID_CHAR_WIDTH));
            id.getStyleClass().add("topology-id");
            Text type = new Text(fitted(node.shortType() + (node.kind() == TopologyGraph.Kind.PLUGIN ? " · cannot run here" : ""),
                    box.width(), TYPE_CHAR_WIDTH));
            type.getStyleClass().add("topology-type");
            getChildren().addAll(id, type);
            if (node.cache() != null) {
                Label cache = new Label("cache: " + node.cache(), new FontIcon(Feather.ARCHIVE));
                cache.getStyleClass().add("topology-cache");
                cache.setMinWidth(0);
                restore = badge();
                save = badge();
                Region spring = new Region();
                HBox.setHgrow(spring, Priority.ALWAYS);
                HBox line = new HBox(4, cache, spring, restore, save);
                line.setAlignment(Pos.CENTER_LEFT);
                getChildren().add(line);
            }
            setOnMouseClicked(event -> {
                model.selectedTaskProperty().set(node.taskId());
                TopologyView.this.requestFocus();
                event.consume();
            });
            setOnContextMenuRequested(event -> {
                model.selectedTaskProperty().set(node.taskId());
                menu().show(this, event.getScreenX(), event.getScreenY());
                event.consume();
            });
        }

        /** Whether this box can show {@code other} as it is: the same task, kind, type, cache and size. */
        boolean looksLike(TopologyLayout.Box other) {
            TopologyGraph.Node a = box.node();
            TopologyGraph.Node b = other.node();
            return a.taskId().equals(b.taskId()) && a.kind() == b.kind() && a.type().equals(b.type())
                    && java.util.Objects.equals(a.cache(), b.cache()) && box.group() == other.group()
                    && box.width() == other.width() && box.height() == other.height();
        }

        /** Puts the box at its place; later boxes (a group's children) are drawn in front of earlier ones. */
        void place(TopologyLayout.Box at, int order) {
            box = at;
            setPrefSize(at.width(), at.height());
            setMinSize(at.width(), at.height());
            setMaxSize(at.width(), at.height());
            relocate(at.x(), at.y());
            setViewOrder(-order);
        }

        private ContextMenu menu() {
            String task = box.node().taskId();
            MenuItem delete = item("Delete", Feather.TRASH_2, () -> onEdit.accept(Edit.DELETE, task));
            MenuItem duplicate = item("Duplicate", Feather.COPY, () -> onEdit.accept(Edit.DUPLICATE, task));
            MenuItem up = item("Move up", Feather.ARROW_UP, () -> onEdit.accept(Edit.MOVE_UP, task));
            MenuItem down = item("Move down", Feather.ARROW_DOWN, () -> onEdit.accept(Edit.MOVE_DOWN, task));
            MenuItem out = item("Move out of its group", Feather.LOG_OUT, () -> onEdit.accept(Edit.MOVE_OUT, task));
            up.setDisable(!canEdit.test(Edit.MOVE_UP, task)); // first of its list
            down.setDisable(!canEdit.test(Edit.MOVE_DOWN, task)); // last of its list
            out.setDisable(!canEdit.test(Edit.MOVE_OUT, task)); // in no group
            Menu into = new Menu("Move into", new FontIcon(Feather.LOG_IN));
            for (String folder : workingDirectories()) {
                if (!folder.equals(task)) {
                    MenuItem target = new MenuItem(folder);
                    target.setOnAction(e -> onMoveInto.accept(task, folder));
                    into.getItems().add(target);
                }
            }
            into.setDisable(into.getItems().isEmpty());
            MenuItem upTo = item("Run Up to Here", Feather.SKIP_FORWARD, () -> onRun.accept(dev.flowbench.engine.RunScope.upTo(task, false)));
            MenuItem only = item("Run This Task", Feather.PLAY, () -> onRun.accept(dev.flowbench.engine.RunScope.only(task, false)));
            ContextMenu menu = new ContextMenu(upTo, only, new SeparatorMenuItem(), duplicate, up, down, into, out,
                    new SeparatorMenuItem(), delete);
            menu.setId("topology-menu");
            return menu;
        }

        private static MenuItem item(String text, Feather icon, Runnable action) {
            MenuItem item = new MenuItem(text, new FontIcon(icon));
            item.setOnAction(e -> action.run());
            return item;
        }

        private static Label badge() {
            Label badge = new Label();
            badge.getStyleClass().add("cache-badge");
            badge.managedProperty().bind(badge.visibleProperty());
            badge.setVisible(false);
            badge.setMinWidth(Region.USE_PREF_SIZE);
            return badge;
        }

        private static final PseudoClass REUSED = PseudoClass.getPseudoClass("reused");

        void showRun(TaskRunRow row) {
            State state = row == null ? null : row.stateProperty().get();
            if (row == null) {
                StateLook.mark(this, (State) null);
                pseudoClassStateChanged(PseudoClass.getPseudoClass("waiting"), false);
            } else {
                StateLook.mark(this, state);
            }
            if (restore != null) {
                show(restore, row == null ? null : row.restoreResultProperty().get());
                show(save, row == null ? null : row.saveResultProperty().get());
            }
            // an earlier run stood in for the task (a part of the flow): not run now, its outputs are that run's
            pseudoClassStateChanged(REUSED, row != null && row.reusedFromProperty().get() != null);
        }

        private void show(Label badge, CacheResult result) {
            badge.setVisible(result != null);
            badge.setText(result == null ? "" : result.name());
            StateLook.mark(badge, result);
        }
    }

    private List<String> workingDirectories() {
        return boxes.values().stream().filter(box -> box.box.node().kind() == TopologyGraph.Kind.WORKING_DIRECTORY)
                .map(box -> box.box.node().taskId()).sorted().toList();
    }

    private static String kindClass(TopologyGraph.Kind kind) {
        return switch (kind) {
            case TASK -> "task";
            case WORKING_DIRECTORY -> "working-directory";
            case FLOWABLE -> "flowable";
            case PLUGIN -> "plugin";
        };
    }
}
