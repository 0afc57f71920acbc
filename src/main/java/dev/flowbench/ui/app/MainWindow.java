package dev.flowbench.ui.app;

import dev.flowbench.engine.RunScope;
import dev.flowbench.flow.KestraVersion;
import dev.flowbench.flow.LoadedFlow;
import dev.flowbench.flow.Problem;
import dev.flowbench.ui.cache.CachePanel;
import dev.flowbench.ui.cache.CacheViewModel;
import dev.flowbench.ui.history.HistoryPanel;
import dev.flowbench.ui.history.HistoryViewModel;
import dev.flowbench.ui.editor.EditorView;
import dev.flowbench.ui.editor.EditorViewModel;
import dev.flowbench.ui.problems.ProblemsView;
import dev.flowbench.ui.run.RunPanel;
import dev.flowbench.ui.run.RunsViewModel;
import dev.flowbench.ui.workspace.WorkspaceView;
import dev.flowbench.ui.workspace.WorkspaceViewModel;
import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The window: menus and a toolbar, the workspace tree on the left, editor tabs in the middle, a dock with
 * Problems, Run and Cache below, and a status bar. It shows the {@link AppViewModel}'s state and sends it the
 * user's commands; dialogs (choose a file, save before closing) are asked here.
 */
public final class MainWindow extends BorderPane {

    private final Stage stage;
    private final AppViewModel app;
    private final WorkspaceViewModel workspace;
    private final UiTasks tasks;
    private final TabPane tabs = new TabPane();
    private final Map<EditorViewModel, Tab> tabOf = new HashMap<>();
    private final ProblemsView problems = new ProblemsView();
    private final StatusBar status = new StatusBar();
    private final TabPane dock = new TabPane();
    private final Menu recent = new Menu("Open Recent");
    private final RunsViewModel runs;
    private final CacheViewModel cache;
    private final DockPlace runPlace;
    private final DockPlace cachePlace;
    private final DockPlace historyPlace;
    private final DockPlace kvPlace;
    private final HistoryViewModel history;
    private final dev.flowbench.ui.kv.KvViewModel kv;
    private final javafx.beans.property.BooleanProperty kvShown = new javafx.beans.property.SimpleBooleanProperty();
    private java.util.function.Consumer<Path> opener = path -> { };
    private final javafx.beans.property.BooleanProperty historyShown = new javafx.beans.property.SimpleBooleanProperty();
    private final IdleWork idle;
    private final javafx.beans.binding.BooleanBinding cannotRun;
    private final TopologyPlace topology;
    private WindowLayout layout;
    private boolean pictureQueued;
    private final javafx.beans.InvalidationListener typed = o -> userActive();
    private final javafx.beans.value.ChangeListener<LoadedFlow> checked = (o, before, loaded) -> flowChecked(loaded);

    public MainWindow(Stage stage, AppViewModel app, WorkspaceViewModel workspace, UiTasks tasks) {
        this.stage = stage;
        this.app = app;
        this.workspace = workspace;
        this.tasks = tasks;
        this.cannotRun = cannotRun(app);
        this.idle = new IdleWork(tasks);
        this.runs = new RunsViewModel(tasks, () -> app.workspaceProperty().get());
        this.topology = new TopologyPlace(app, runs, tasks);
        this.cache = new CacheViewModel(tasks, () -> app.workspaceProperty().get());
        runs.setInputsForm((flowName, inputs, last, check, go) -> RunPanel.askInputs(getScene(), flowName, inputs, last, check)
                .ifPresent(go));
        runs.setPartOffer(this::offerUpTo);
        cache.watch();
        this.history = new HistoryViewModel(tasks, () -> app.workspaceProperty().get());
        this.runPlace = new DockPlace("run-panel", () -> {
            RunPanel panel = new RunPanel(runs);
            panel.setOpener(path -> opener.accept(path));
            panel.setTaskActions(new RunPanel.TaskActions() {
                @Override
                public void runPart(dev.flowbench.ui.run.RunViewModel run, RunScope scope) {
                    runPartOf(run, scope);
                }

                @Override
                public void openExecution(String executionId) {
                    history.open(executionId, MainWindow.this::showPast, app::tell);
                }
            });
            return panel;
        });
        topology.setOnRun(this::runCurrent);
        this.cachePlace = new DockPlace("cache-panel", () -> {
            CachePanel panel = new CachePanel(cache);
            panel.setOpenExecution(id -> history.open(id, this::showPast, cache::tell));
            return panel;
        });
        this.historyPlace = new DockPlace("history-panel", () -> {
            HistoryPanel panel = new HistoryPanel(history, this::showPast, past -> {
                dock.getSelectionModel().select(1);
                runs.rerun(past, () -> dock.getSelectionModel().select(0));
            });
            panel.listWhile(historyShown);
            return panel;
        });
        this.kv = new dev.flowbench.ui.kv.KvViewModel(tasks, () -> app.workspaceProperty().get());
        this.kvPlace = new DockPlace("kv-panel", () -> new dev.flowbench.ui.kv.KvPanel(kv));
        kvShown.addListener((o, a, shown) -> {
            if (shown) {
                kv.refresh();
            }
        });
        cache.changesProperty().addListener((o, a, b) -> { // the first listing, and other processes' runs
            history.refresh();
            if (kvShown.get()) {
                kv.refresh();
            }
        });
        runs.startedRunsProperty().addListener((o, a, b) -> history.refresh()); // listed while it runs
        runs.recordedRunsProperty().addListener((o, a, b) -> {
            history.refresh();
            if (kvShown.get()) {
                kv.refresh(); // the run's kv.Set
            }
            cache.refresh(); // the run's durations are in now: the time the cache saved follows
        });
        getStyleClass().add("main-window");
        Region center = body(); // first: the menus and the toolbar show and hide its panes
        setTop(new VBox(menuBar(), toolBar()));
        setCenter(center);
        setBottom(status);
        status.bindNotice(app.noticeProperty());
        status.showKestra(app.kestraProperty());
        // the status bar tells the run of the flow being edited, never another flow's (the headline and the state are
        // read either way: a property not read is not revalidated, and would not tell its next change)
        java.util.concurrent.Callable<Boolean> frontIsEdited = () -> app.selectedProperty().get() == null
                || runs.frontIsAbout(app.selectedProperty().get().path(), app.selectedProperty().get().titleProperty().get());
        status.showRun(Bindings.createStringBinding(() -> {
            String headline = runs.headlineProperty().get();
            return frontIsEdited.call() ? headline : "";
        }, runs.headlineProperty(), runs.selectedProperty(), app.selectedProperty()), Bindings.createObjectBinding(() -> {
            dev.flowbench.engine.State state = runs.stateProperty().get();
            return frontIsEdited.call() ? state : null;
        }, runs.stateProperty(), runs.selectedProperty(), app.selectedProperty()));

        app.editors().addListener((ListChangeListener<EditorViewModel>) change -> {
            while (change.next()) {
                change.getRemoved().forEach(this::removeTab);
                for (int i = 0; i < change.getAddedSize(); i++) {
                    addTab(change.getAddedSubList().get(i), change.getFrom() + i); // a replaced preview keeps its place
                }
            }
        });
        app.editors().forEach(editor -> addTab(editor, tabs.getTabs().size()));
        app.selectedProperty().addListener((o, before, editor) -> selected(editor));
        tabs.getSelectionModel().selectedItemProperty().addListener((o, before, tab) ->
                app.selectedProperty().set(tab == null ? null : ((EditorView) tab.getContent()).model()));
        app.recentFiles().addListener((ListChangeListener<Path>) change -> fillRecent());
        fillRecent();
        workspace.scansProperty().addListener((o, a, b) -> app.editors().forEach(EditorViewModel::checkDisk));
        stage.focusedProperty().addListener((o, a, focused) -> {
            if (focused) {
                app.editors().forEach(EditorViewModel::checkDisk);
            }
        });
        acceptDroppedFiles();
        selected(app.selectedProperty().get());
        app.workspaceProperty().addListener(new javafx.beans.InvalidationListener() {
            @Override
            public void invalidated(javafx.beans.Observable o) { // once the start's own work is over: runs may begin now
                app.workspaceProperty().removeListener(this);
                idle.add(runPlace::panel); // the dock's hidden panels, made while the user is away, one at a time
                idle.add(() -> runs.warmUp(() -> { // and the run panel styled and laid out once, before the first Run
                    runPlace.panel().applyCss();
                    runPlace.panel().layout();
                }));
                idle.add(runs::rehearseLines); // and the log's lines through their way once
                idle.add(cachePlace::panel);
                idle.add(historyPlace::panel);
            }
        });
        addEventFilter(javafx.scene.input.InputEvent.ANY, event -> idle.activity());
        addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, event -> app.userActed());
        addEventFilter(javafx.scene.input.MouseEvent.MOUSE_PRESSED, event -> app.userActed());
        app.selectedProperty().addListener((o, before, editor) -> {
            unwatch(before);
            watch(editor);
        });
        watch(app.selectedProperty().get()); // the tab the window opened with
    }

    /**
     * Typing is activity, and so is the window's own work on the text (a flow checked as it opens, or as typed):
     * the first picture waits for the first flow checked and then for a quiet moment; then it follows the text.
     */
    private void watch(EditorViewModel editor) {
        if (editor != null) {
            editor.textProperty().addListener(typed);
            editor.validatedProperty().addListener(checked);
            flowChecked(editor.validatedProperty().get());
        }
    }

    private void unwatch(EditorViewModel editor) {
        if (editor != null) {
            editor.textProperty().removeListener(typed);
            editor.validatedProperty().removeListener(checked);
        }
    }

    private void userActive() {
        idle.activity();
    }

    private void flowChecked(LoadedFlow loaded) {
        if (loaded == null) {
            return;
        }
        idle.activity();
        if (!pictureQueued) {
            pictureQueued = true;
            idle.add(topology::startDrawing);
        }
    }

    // ---- layout ----

    private Region body() {
        WorkspaceView tree = new WorkspaceView(workspace, app::open, app::preview);
        tabs.setId("editor-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.ALL_TABS);
        StackPane editors = new StackPane(emptyEditorArea(), tabs);
        tabs.visibleProperty().bind(Bindings.isNotEmpty(tabs.getTabs()));
        Tab problemsTab = dockTab("Problems", Feather.ALERT_CIRCLE, problems);
        problemsTab.setId("problems-tab");
        Tab runTab = dockTab("Run", Feather.PLAY_CIRCLE, runPlace);
        runTab.setId("run-tab");
        Tab cacheTab = dockTab("Cache", Feather.DATABASE, cachePlace);
        cacheTab.setId("cache-tab");
        Tab historyTab = dockTab("History", Feather.CLOCK, historyPlace);
        historyTab.setId("history-tab");
        Tab kvTab = dockTab("KV", Feather.KEY, kvPlace);
        kvTab.setId("kv-tab");
        for (Tab place : List.of(runTab, cacheTab, historyTab, kvTab)) {
            place.selectedProperty().addListener((o, a, front) -> {
                if (front) {
                    ((DockPlace) place.getContent()).panel();
                }
            });
        }
        historyShown.bind(historyTab.selectedProperty());
        kvShown.bind(kvTab.selectedProperty());
        dock.setId("dock");
        dock.getTabs().addAll(problemsTab, runTab, cacheTab, historyTab, kvTab);
        dock.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        dock.getStyleClass().add("dock");
        StackPane dockArea = new StackPane(dock, dockButtons());
        layout = new WindowLayout(tree, editors, dockArea, topology.column(), app.settings().panes(), app::rememberPanes);
        return layout.root();
    }

    /** The dock's own buttons, right of its tabs: maximise (or restore) and hide. */
    private Region dockButtons() {
        Button maximize = toolButton(Feather.MAXIMIZE_2, "Maximise the dock (Ctrl+Shift+J)", () -> layout.dockMaximizedProperty()
                .set(!layout.dockMaximizedProperty().get()));
        maximize.setId("dock-maximize");
        Button hide = toolButton(Feather.CHEVRON_DOWN, "Hide the dock (Ctrl+J)", () -> layout.dockShownProperty().set(false));
        hide.setId("dock-hide");
        javafx.scene.layout.HBox buttons = new javafx.scene.layout.HBox(2, maximize, hide);
        buttons.getStyleClass().add("dock-buttons");
        buttons.setPickOnBounds(false);
        buttons.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        StackPane.setAlignment(buttons, Pos.TOP_RIGHT);
        javafx.application.Platform.runLater(() -> layout.dockMaximizedProperty().addListener((o, was, is) -> {
            ((FontIcon) maximize.getGraphic()).setIconCode(is ? Feather.MINIMIZE_2 : Feather.MAXIMIZE_2);
            maximize.getTooltip().setText((is ? "Restore" : "Maximise") + " the dock (Ctrl+Shift+J)");
        }));
        return buttons;
    }

    /** The places the keyboard goes to (View > Go to), in the order of their shortcuts Ctrl+0 to Ctrl+7. */
    private enum Place { EDITOR, PROBLEMS, RUN, CACHE, HISTORY, WORKSPACE, PICTURE, FORM }

    /** Shows {@code place} (its pane if hidden, its dock tab) and puts the focus into it. */
    private void goTo(Place place) {
        switch (place) {
            case EDITOR -> editorView().ifPresent(view -> view.area().requestFocus());
            case PROBLEMS, RUN, CACHE, HISTORY -> {
                layout.dockShownProperty().set(true);
                int index = place.ordinal() - Place.PROBLEMS.ordinal();
                dock.getSelectionModel().select(index);
                if (index > 0) {
                    ((DockPlace) dock.getTabs().get(index).getContent()).panel();
                }
                String id = switch (place) {
                    case PROBLEMS -> "#problems";
                    case RUN -> "#task-runs";
                    case CACHE -> "#cache-table";
                    default -> "#history";
                };
                focusLater(() -> dock.getSelectionModel().getSelectedItem().getContent().lookup(id));
            }
            case WORKSPACE -> {
                layout.workspaceShownProperty().set(true);
                focusLater(() -> lookup("#workspace"));
            }
            case PICTURE -> {
                layout.sideShownProperty().set(true);
                layout.dockMaximizedProperty().set(false);
                focusLater(() -> lookup("#topology"));
            }
            case FORM -> {
                layout.sideShownProperty().set(true);
                layout.dockMaximizedProperty().set(false);
                focusLater(() -> firstField(lookup("#task-form")));
            }
        }
    }

    /**
     * Focuses the node {@code found} finds once the place shown has been laid out: a panel may be made first, its
     * nodes named a pulse later; looked for again a few times meanwhile.
     */
    private void focusLater(java.util.function.Supplier<javafx.scene.Node> found) {
        focusLater(found, 20);
    }

    private void focusLater(java.util.function.Supplier<javafx.scene.Node> found, int tries) {
        javafx.application.Platform.runLater(() -> {
            javafx.scene.Node node = found.get();
            if (node != null && node.getScene() != null) {
                node.requestFocus();
            } else if (tries > 0) {
                tasks.later(java.time.Duration.ofMillis(25), () -> focusLater(found, tries - 1));
            }
        });
    }

    /** The form's first field, or the form itself when it shows none. */
    private static javafx.scene.Node firstField(javafx.scene.Node form) {
        if (form instanceof javafx.scene.Parent parent) {
            for (javafx.scene.Node child : parent.lookupAll(".text-field")) {
                if (child.isVisible() && !child.isDisabled()) {
                    return child;
                }
            }
        }
        return form;
    }

    /** A past execution in the run panel, brought to the front. */
    private void showPast(dev.flowbench.store.ExecutionDetail detail) {
        runs.showPast(detail);
        dock.getSelectionModel().select(1);
    }

    private Region emptyEditorArea() {
        Label title = new Label("No flow open");
        title.getStyleClass().add("empty-title");
        Label hint = new Label("Open one from the workspace on the left, or start a new one.");
        hint.getStyleClass().add("empty-note");
        Button create = new Button("New flow", new FontIcon(Feather.FILE_PLUS));
        create.getStyleClass().add("accent");
        create.setOnAction(e -> app.newFlow(FlowTemplates.ALL.get(0).text()));
        Button open = new Button("Open...", new FontIcon(Feather.FOLDER));
        open.setOnAction(e -> chooseAndOpen());
        javafx.scene.layout.HBox buttons = new javafx.scene.layout.HBox(8, create, open);
        buttons.setAlignment(Pos.CENTER);
        VBox box = new VBox(10, title, hint, buttons);
        box.setAlignment(Pos.CENTER);
        box.getStyleClass().add("empty-editor");
        return box;
    }

    private static Tab dockTab(String name, Feather icon, Region content) {
        Tab tab = new Tab(name, content);
        tab.setGraphic(new FontIcon(icon));
        return tab;
    }

    private MenuBar menuBar() {
        Menu newFrom = new Menu("New From Template");
        for (FlowTemplates.Template template : FlowTemplates.ALL) {
            MenuItem item = new MenuItem(template.label());
            item.setOnAction(e -> app.newFlow(template.text()));
            newFrom.getItems().add(item);
        }
        MenuItem newFlow = item("New Flow", "Shortcut+N", Feather.FILE_PLUS, () -> app.newFlow(FlowTemplates.ALL.get(0).text()));
        MenuItem open = item("Open...", "Shortcut+O", Feather.FILE, this::chooseAndOpen);
        MenuItem openFolder = item("Open Folder...", "Shortcut+Shift+O", Feather.FOLDER, this::chooseFolder);
        MenuItem save = item("Save", "Shortcut+S", Feather.SAVE, () -> current().ifPresent(e -> save(e, false, ok -> { })));
        MenuItem saveAs = item("Save As...", "Shortcut+Shift+S", null, () -> current().ifPresent(e -> save(e, true, ok -> { })));
        MenuItem close = item("Close Tab", "Shortcut+W", Feather.X, () -> current().ifPresent(this::closeAsking));
        MenuItem quit = item("Quit", "Shortcut+Q", null, () -> stage.fireEvent(
                new javafx.stage.WindowEvent(stage, javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST)));
        Menu file = new Menu("_File", null, newFlow, newFrom, new SeparatorMenuItem(), open, openFolder, recent,
                new SeparatorMenuItem(), save, saveAs, close, new SeparatorMenuItem(), quit);

        MenuItem undo = item("Undo", "Shortcut+Z", Feather.CORNER_UP_LEFT, () -> editorView().ifPresent(v -> v.area().undo()));
        MenuItem redo = item("Redo", "Shortcut+Y", Feather.CORNER_UP_RIGHT, () -> editorView().ifPresent(v -> v.area().redo()));
        MenuItem find = item("Find / Replace", "Shortcut+F", Feather.SEARCH, () -> editorView().ifPresent(EditorView::openFind));
        MenuItem goTo = item("Go to Line...", "Shortcut+L", null, () -> editorView().ifPresent(EditorView::goToLine));
        MenuItem comment = item("Toggle Comment", "Shortcut+Slash", null, () -> editorView().ifPresent(EditorView::toggleComment));
        MenuItem complete = item("Complete", "Shortcut+Space", null, () -> editorView().ifPresent(EditorView::requestCompletion));
        MenuItem quickFix = item("Quick Fix", "Shortcut+Period", null, () -> editorView().ifPresent(v -> {
            if (!v.quickFixAtCaret()) {
                app.tell("No quick fix at the caret: put it on a problem whose hover offers one");
            }
        }));
        quickFix.setId("menu-quick-fix");
        Menu edit = new Menu("_Edit", null, undo, redo, new SeparatorMenuItem(), find, goTo, comment, complete, quickFix);

        CheckMenuItem dark = new CheckMenuItem("Dark Theme");
        dark.setId("menu-dark-theme");
        dark.setSelected(app.themeProperty().get() == UiSettings.Theme.DARK);
        dark.setOnAction(e -> app.setTheme(dark.isSelected() ? UiSettings.Theme.DARK : UiSettings.Theme.LIGHT));
        app.themeProperty().addListener((o, a, theme) -> dark.setSelected(theme == UiSettings.Theme.DARK));
        MenuItem problemsItem = item("Problems", "Shortcut+Shift+M", Feather.ALERT_CIRCLE, () -> goTo(Place.PROBLEMS));
        CheckMenuItem workspacePane = paneItem("Workspace", "Shortcut+B", layout.workspaceShownProperty());
        CheckMenuItem dockPane = paneItem("Dock", "Shortcut+J", layout.dockShownProperty());
        CheckMenuItem sidePane = paneItem("Picture and Form", "Shortcut+Alt+B", layout.sideShownProperty());
        CheckMenuItem maximized = paneItem("Maximise Dock", "Shortcut+Shift+J", layout.dockMaximizedProperty());
        Menu places = new Menu("Go To");
        String[] names = {"Editor", "Problems", "Run", "Cache", "History", "Workspace", "Picture", "Task Form"};
        for (Place place : Place.values()) {
            MenuItem item = item(names[place.ordinal()], "Shortcut+" + place.ordinal(), null, () -> goTo(place));
            item.setId("go-" + place.name().toLowerCase(Locale.ROOT));
            places.getItems().add(item);
        }
        CheckMenuItem kestra13 = new CheckMenuItem("Check Flows for Kestra 1.3");
        kestra13.setId("menu-kestra-1-3");
        kestra13.setSelected(app.kestraProperty().get() == KestraVersion.KESTRA_1_3);
        app.kestraProperty().addListener((o, was, now) -> kestra13.setSelected(now == KestraVersion.KESTRA_1_3)); // per workspace
        kestra13.setOnAction(e -> app.checkFor(kestra13.isSelected() ? KestraVersion.KESTRA_1_3 : KestraVersion.KESTRA_2));
        Menu view = new Menu("_View", null, dark, kestra13, new SeparatorMenuItem(), workspacePane, dockPane, sidePane,
                maximized, new SeparatorMenuItem(), places, problemsItem);

        MenuItem runItem = item("Run", "F5", Feather.PLAY, this::runCurrent);
        MenuItem freshItem = item("Run Fresh", "Alt+F5", Feather.REFRESH_CW, () -> runCurrent(RunScope.all(true)));
        MenuItem upToItem = item("Run Up to Here", "Shortcut+F5", Feather.SKIP_FORWARD, () -> runAtCaret(RunScope.Part.UP_TO));
        MenuItem onlyItem = item("Run This Task", "Shortcut+Shift+F5", Feather.PLAY_CIRCLE, () -> runAtCaret(RunScope.Part.ONLY));
        MenuItem stopItem = item("Stop", "Shift+F5", Feather.SQUARE, runs::stop);
        MenuItem resumeItem = item("Resume", "F8", Feather.FAST_FORWARD, runs::resume);
        resumeItem.disableProperty().bind(runs.selectedPausedProperty().not());
        runItem.disableProperty().bind(cannotRun);
        freshItem.disableProperty().bind(cannotRun);
        upToItem.disableProperty().bind(cannotRun);
        onlyItem.disableProperty().bind(cannotRun);
        stopItem.disableProperty().bind(runs.selectedRunningProperty().not());
        Menu runMenu = new Menu("_Run", null, runItem, freshItem, new SeparatorMenuItem(), upToItem, onlyItem,
                new SeparatorMenuItem(), resumeItem, stopItem);

        MenuItem about = item("About Flowbench", null, Feather.INFO, this::about);
        Menu help = new Menu("_Help", null, about);
        MenuBar bar = new MenuBar(file, edit, view, runMenu, help);
        bar.setId("menu-bar");
        return bar;
    }

    /** A View menu item that shows or hides a pane (ticked while shown). */
    private static CheckMenuItem paneItem(String name, String keys, javafx.beans.property.BooleanProperty shown) {
        CheckMenuItem item = new CheckMenuItem(name);
        item.setAccelerator(KeyCombination.keyCombination(keys));
        item.selectedProperty().bindBidirectional(shown);
        return item;
    }

    /** A toolbar toggle that shows or hides a pane. */
    private static javafx.scene.control.ToggleButton paneToggle(String id, Feather icon, String tip,
                                                                javafx.beans.property.BooleanProperty shown) {
        javafx.scene.control.ToggleButton toggle = new javafx.scene.control.ToggleButton(null, new FontIcon(icon));
        toggle.setId(id);
        toggle.setTooltip(new Tooltip(tip));
        toggle.getStyleClass().addAll(atlantafx.base.theme.Styles.BUTTON_ICON, atlantafx.base.theme.Styles.FLAT, "pane-toggle");
        toggle.selectedProperty().bindBidirectional(shown);
        toggle.setFocusTraversable(false);
        return toggle;
    }

    private ToolBar toolBar() {
        Button newFlow = toolButton(Feather.FILE_PLUS, "New flow (Ctrl+N)", () -> app.newFlow(FlowTemplates.ALL.get(0).text()));
        Button open = toolButton(Feather.FOLDER, "Open (Ctrl+O)", this::chooseAndOpen);
        Button save = toolButton(Feather.SAVE, "Save (Ctrl+S)", () -> current().ifPresent(e -> save(e, false, ok -> { })));
        save.setId("tool-save");
        Button runButton = toolButton(Feather.PLAY, "Run (F5)", this::runCurrent);
        runButton.setId("run");
        runButton.getStyleClass().add("run-button");
        runButton.disableProperty().bind(cannotRun);
        Button stop = toolButton(Feather.SQUARE, "Stop (Shift+F5)", runs::stop);
        stop.setId("stop");
        stop.getStyleClass().add("stop-button");
        stop.disableProperty().bind(runs.selectedRunningProperty().not());
        Button theme = toolButton(Feather.MOON, "Dark or light theme", () -> app.setTheme(
                app.themeProperty().get() == UiSettings.Theme.DARK ? UiSettings.Theme.LIGHT : UiSettings.Theme.DARK));
        theme.setId("tool-theme");
        app.themeProperty().addListener((o, a, t) -> ((FontIcon) theme.getGraphic()).setIconCode(
                t == UiSettings.Theme.DARK ? Feather.SUN : Feather.MOON));
        ((FontIcon) theme.getGraphic()).setIconCode(app.themeProperty().get() == UiSettings.Theme.DARK ? Feather.SUN : Feather.MOON);
        Region spring = new Region();
        javafx.scene.layout.HBox.setHgrow(spring, javafx.scene.layout.Priority.ALWAYS);
        var workspacePane = paneToggle("toggle-workspace", Feather.SIDEBAR, "Workspace (Ctrl+B)", layout.workspaceShownProperty());
        var dockPane = paneToggle("toggle-dock", Feather.CREDIT_CARD, "Dock: problems, runs, cache, history (Ctrl+J)",
                layout.dockShownProperty());
        var sidePane = paneToggle("toggle-side", Feather.COLUMNS, "Picture and task form (Ctrl+Alt+B)", layout.sideShownProperty());
        ToolBar bar = new ToolBar(newFlow, open, save, new javafx.scene.control.Separator(Orientation.VERTICAL), runButton, stop,
                spring, workspacePane, dockPane, sidePane, new javafx.scene.control.Separator(Orientation.VERTICAL), theme);
        bar.getStyleClass().add("main-toolbar");
        return bar;
    }

    // ---- runs ----

    /** How a run's output files are opened (the desktop's handler for a file or a folder). */
    void setOpener(java.util.function.Consumer<Path> opener) {
        this.opener = opener;
    }

    /** A run needs a flow in front of the user and the history and cache opened; other runs may go on meanwhile. */
    private static javafx.beans.binding.BooleanBinding cannotRun(AppViewModel app) {
        return Bindings.createBooleanBinding(() -> app.selectedProperty().get() == null || app.workspaceProperty().get() == null,
                app.selectedProperty(), app.workspaceProperty());
    }

    /** Runs the current tab's text as it is on screen; the dock shows the run (or the problems that stop it). */
    private void runCurrent() {
        runCurrent(RunScope.ALL);
    }

    /** The same for {@code scope}'s part of the flow: up to a task, or only it (see {@link RunScope}). */
    private void runCurrent(RunScope scope) {
        current().ifPresent(editor -> run(editor, scope));
    }

    private void run(EditorViewModel editor, RunScope scope) {
        dock.getSelectionModel().select(1);
        runs.run(editor.text(), editor.path(), editor.titleProperty().get(), () -> dock.getSelectionModel().select(0), scope);
    }

    /** "Run Up to Here" and "Run This Task" on the task the caret is in. */
    private void runAtCaret(RunScope.Part part) {
        Optional<String> task = editorView().flatMap(EditorView::taskAtCaret);
        if (task.isEmpty()) {
            app.tell("Put the caret in a task (or choose one in the picture) to run up to it or only it.");
            return;
        }
        runCurrent(part == RunScope.Part.ONLY ? RunScope.only(task.get(), false) : RunScope.upTo(task.get(), false));
    }

    /** A part of the flow a run tab is about, from one of its task rows: the flow's text as it is in its editor. */
    private void runPartOf(dev.flowbench.ui.run.RunViewModel run, RunScope scope) {
        Optional<EditorViewModel> editor = app.editors().stream()
                .filter(each -> run.isAbout(each.path(), each.titleProperty().get())).findFirst();
        if (editor.isEmpty()) {
            app.tell("Open " + run.titleProperty().get() + " in the editor to run a part of it.");
            return;
        }
        run(editor.get(), scope);
    }

    private static MenuItem item(String text, String accelerator, Feather icon, Runnable action) {
        MenuItem item = new MenuItem(text, icon == null ? null : new FontIcon(icon));
        if (accelerator != null) {
            item.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        item.setOnAction(e -> action.run());
        return item;
    }

    private static Button toolButton(Feather icon, String tip, Runnable action) {
        Button button = new Button(null, new FontIcon(icon));
        button.getStyleClass().addAll("flat", "button-icon");
        button.setTooltip(new Tooltip(tip));
        button.setOnAction(e -> action.run());
        return button;
    }

    // ---- tabs ----

    private void addTab(EditorViewModel editor, int at) {
        EditorView view = new EditorView(editor, tasks);
        Tab tab = new Tab();
        javafx.beans.InvalidationListener previewed = o -> {
            tab.getStyleClass().remove("preview-tab");
            if (app.previewProperty().get() == editor) {
                tab.getStyleClass().add("preview-tab"); // its title in italics: the next single click replaces it
            }
        };
        app.previewProperty().addListener(new javafx.beans.WeakInvalidationListener(previewed));
        tab.setUserData(previewed); // kept with the tab, as long as it lives
        previewed.invalidated(null);
        tab.textProperty().bind(Bindings.createStringBinding(
                () -> editor.titleProperty().get() + (editor.isDirty() ? " *" : ""), editor.titleProperty(), editor.dirtyProperty()));
        tab.setContent(view);
        view.area().setOnContextMenuRequested(event -> editorMenu(view, event));
        tab.setGraphic(new FontIcon(Feather.FILE_TEXT));
        tab.tooltipProperty().bind(Bindings.createObjectBinding(() -> new Tooltip(editor.path() == null
                ? "Not saved yet" : editor.path().toString()), editor.pathProperty()));
        tab.setOnCloseRequest(event -> {
            event.consume();
            closeAsking(editor);
        });
        editor.problems().addListener((ListChangeListener<Problem>) change -> workspace.editorProblems(editor.path(),
                List.copyOf(editor.problems())));
        tabOf.put(editor, tab);
        tabs.getTabs().add(Math.min(at, tabs.getTabs().size()), tab);
    }

    private javafx.scene.control.ContextMenu shownEditorMenu;

    /**
     * The editor's menu, made when asked for (a menu is a window of its own): run up to the task clicked in, or only
     * it, and the editing commands. A right click puts the caret where it is, unless it is in the selection.
     */
    private void editorMenu(EditorView view, javafx.scene.input.ContextMenuEvent event) {
        var area = view.area();
        int at = area.hit(event.getX(), event.getY()).getInsertionIndex();
        if (at < area.getSelection().getStart() || at > area.getSelection().getEnd() || area.getSelection().getLength() == 0) {
            area.moveTo(at);
        }
        Optional<String> task = view.taskAtCaret();
        MenuItem upTo = item(task.map(id -> "Run Up to '" + id + "'").orElse("Run Up to Here"), null, Feather.SKIP_FORWARD,
                () -> runAtCaret(RunScope.Part.UP_TO));
        MenuItem only = item(task.map(id -> "Run Only '" + id + "'").orElse("Run This Task"), null, Feather.PLAY_CIRCLE,
                () -> runAtCaret(RunScope.Part.ONLY));
        boolean cannot = task.isEmpty() || cannotRun.get();
        upTo.setDisable(cannot);
        only.setDisable(cannot);
        MenuItem cut = item("Cut", null, Feather.SCISSORS, area::cut);
        MenuItem copy = item("Copy", null, Feather.COPY, area::copy);
        MenuItem paste = item("Paste", null, Feather.CLIPBOARD, area::paste);
        MenuItem comment = item("Toggle Comment", null, null, view::toggleComment);
        cut.setDisable(area.getSelection().getLength() == 0 || !area.isEditable());
        copy.setDisable(area.getSelection().getLength() == 0);
        paste.setDisable(!area.isEditable());
        if (shownEditorMenu != null) {
            shownEditorMenu.hide();
        }
        shownEditorMenu = new javafx.scene.control.ContextMenu(upTo, only, new SeparatorMenuItem(), cut, copy, paste,
                new SeparatorMenuItem(), comment);
        shownEditorMenu.setId("editor-menu");
        shownEditorMenu.show(area, event.getScreenX(), event.getScreenY());
        event.consume();
    }

    private void removeTab(EditorViewModel editor) {
        Tab tab = tabOf.remove(editor);
        if (tab != null) {
            tabs.getTabs().remove(tab);
        }
        workspace.editorClosed(editor.path());
    }

    /** The tab selection followed everywhere: the {@code editor} id, the problems, the status bar, the title. */
    private void selected(EditorViewModel editor) {
        Tab tab = editor == null ? null : tabOf.get(editor);
        if (tab != null && tabs.getSelectionModel().getSelectedItem() != tab) {
            tabs.getSelectionModel().select(tab);
        }
        for (Tab each : tabs.getTabs()) {
            ((EditorView) each.getContent()).area().setId(each == tab ? "editor" : null);
        }
        stage.titleProperty().unbind();
        topology.follow(editor, tab == null ? null : (EditorView) tab.getContent());
        if (editor == null) {
            stage.setTitle(FlowbenchApp.TITLE);
            problems.show(null, null, p -> { }, p -> { });
            status.showCaret(null);
            status.showCounts(null, null);
            return;
        }
        EditorView view = (EditorView) tab.getContent();
        runs.bringForward(editor.path(), editor.titleProperty().get()); // its own run in front, if it has one
        stage.titleProperty().bind(Bindings.createStringBinding(() -> editor.titleProperty().get()
                + (editor.isDirty() ? " *" : "") + " - " + FlowbenchApp.TITLE, editor.titleProperty(), editor.dirtyProperty()));
        problems.show(editor.problems(), editor.titleProperty().get(), p -> view.reveal(p.range().start().offset()),
                view::applySuggestion);
        status.showCaret(view.caretProperty());
        status.showCounts(editor.errorCountProperty(), editor.warningCountProperty());
        view.area().requestFocus();
    }

    private Optional<EditorViewModel> current() {
        return Optional.ofNullable(app.selectedProperty().get());
    }

    private Optional<EditorView> editorView() {
        Tab tab = tabs.getSelectionModel().getSelectedItem();
        return tab == null ? Optional.empty() : Optional.of((EditorView) tab.getContent());
    }

    // ---- files ----

    private void chooseAndOpen() {
        FileChooser chooser = flowChooser("Open flows");
        List<File> files = chooser.showOpenMultipleDialog(stage);
        if (files != null) {
            files.forEach(f -> app.open(f.toPath()));
        }
    }

    private void chooseFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a folder of flows");
        Path folder = app.folderProperty().get();
        if (folder != null && folder.toFile().isDirectory()) {
            chooser.setInitialDirectory(folder.toFile());
        }
        File chosen = chooser.showDialog(stage);
        if (chosen != null) {
            app.openFolder(chosen.toPath());
        }
    }

    private FileChooser flowChooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Flows (*.yml, *.yaml)", "*.yml", "*.yaml"),
                new FileChooser.ExtensionFilter("All files", "*"));
        Path folder = app.folderProperty().get();
        if (folder != null && folder.toFile().isDirectory()) {
            chooser.setInitialDirectory(folder.toFile());
        }
        return chooser;
    }

    /** Saves (asking where for a new flow, or when {@code as}); {@code done} says whether it was saved. */
    private void save(EditorViewModel editor, boolean as, Consumer<Boolean> done) {
        Path target = null;
        if (as || editor.path() == null) {
            FileChooser chooser = flowChooser("Save flow as");
            chooser.setInitialFileName(editor.suggestedFileName());
            File chosen = chooser.showSaveDialog(stage);
            if (chosen == null) {
                done.accept(false);
                return;
            }
            String name = chosen.getName().toLowerCase(Locale.ROOT);
            target = name.endsWith(".yml") || name.endsWith(".yaml") ? chosen.toPath() : chosen.toPath().resolveSibling(chosen.getName() + ".yml");
        }
        app.save(editor, target, done);
    }

    /** Closes a tab, asking first when it holds unsaved changes. */
    void closeAsking(EditorViewModel editor) {
        if (!editor.isDirty()) {
            app.close(editor);
            return;
        }
        switch (askToSave(List.of(editor))) {
            case SAVE -> save(editor, false, saved -> {
                if (saved) {
                    app.close(editor);
                }
            });
            case DISCARD -> app.close(editor);
            default -> {
                // cancelled: the tab stays
            }
        }
    }

    /** "Run This Task" cannot run the task alone: says why, and offers to run the flow up to it instead. */
    private void offerUpTo(String flowName, String taskId, String why, Runnable upTo) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(stage);
        alert.setTitle("Run This Task");
        alert.setHeaderText("'" + taskId + "' cannot run alone yet");
        Label text = new Label(why);
        text.setWrapText(true);
        text.setMaxWidth(560);
        alert.getDialogPane().setContent(text);
        alert.getDialogPane().setId("part-offer");
        ButtonType runUpTo = new ButtonType("Run Up to '" + taskId + "'", ButtonBar.ButtonData.OK_DONE);
        alert.getButtonTypes().setAll(runUpTo, ButtonType.CANCEL);
        alert.getDialogPane().getStylesheets().setAll(getScene().getStylesheets());
        alert.showAndWait().filter(runUpTo::equals).ifPresent(chosen -> upTo.run());
    }

    /** What to do with unsaved flows before closing. */
    enum Choice { SAVE, DISCARD, CANCEL }

    Choice askToSave(List<EditorViewModel> dirty) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION);
        alert.initOwner(stage);
        alert.setTitle("Unsaved changes");
        alert.setHeaderText(dirty.size() == 1 ? "Save the changes to " + dirty.get(0).titleProperty().get() + "?"
                : "Save the changes to " + dirty.size() + " flows?");
        alert.setContentText("Your changes are lost if you don't save them.");
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Don't Save", ButtonBar.ButtonData.NO);
        ButtonType cancel = new ButtonType("Cancel", ButtonBar.ButtonData.CANCEL_CLOSE);
        alert.getButtonTypes().setAll(save, discard, cancel);
        Optional<ButtonType> answer = alert.showAndWait();
        if (answer.isEmpty() || answer.get() == cancel) {
            return Choice.CANCEL;
        }
        return answer.get() == save ? Choice.SAVE : Choice.DISCARD;
    }

    /** Asks about every unsaved flow before the window closes; true when it may close. */
    boolean mayClose() {
        List<EditorViewModel> dirty = app.editors().stream().filter(EditorViewModel::isDirty).toList();
        if (dirty.isEmpty()) {
            return true;
        }
        Choice choice = askToSave(dirty);
        if (choice == Choice.CANCEL) {
            return false;
        }
        if (choice == Choice.SAVE) {
            for (EditorViewModel editor : dirty) {
                tabs.getSelectionModel().select(tabOf.get(editor));
                save(editor, false, ok -> {
                    if (ok) {
                        closeWhenAllSaved();
                    }
                });
            }
            return false; // closed once every save has landed
        }
        return true;
    }

    private void closeWhenAllSaved() {
        if (app.editors().stream().noneMatch(EditorViewModel::isDirty)) {
            stage.fireEvent(new javafx.stage.WindowEvent(stage, javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST));
        }
    }

    private void fillRecent() {
        recent.getItems().clear();
        for (Path path : app.recentFiles()) {
            MenuItem item = new MenuItem(path.toString());
            item.setOnAction(e -> app.open(path));
            recent.getItems().add(item);
        }
        recent.setDisable(recent.getItems().isEmpty());
    }

    private void acceptDroppedFiles() {
        setOnDragOver(event -> {
            if (event.getDragboard().hasFiles()) {
                event.acceptTransferModes(TransferMode.COPY);
            }
            event.consume();
        });
        setOnDragDropped(event -> {
            boolean opened = false;
            if (event.getDragboard().hasFiles()) {
                for (File file : event.getDragboard().getFiles()) {
                    String name = file.getName().toLowerCase(Locale.ROOT);
                    if (file.isDirectory()) {
                        app.openFolder(file.toPath());
                        opened = true;
                    } else if (name.endsWith(".yml") || name.endsWith(".yaml")) {
                        app.open(file.toPath());
                        opened = true;
                    }
                }
            }
            event.setDropCompleted(opened);
            event.consume();
        });
    }

    private void about() {
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(stage);
        alert.setTitle("About Flowbench");
        alert.setHeaderText("Flowbench " + dev.flowbench.Version.current());
        alert.setContentText("Write, run and cache Kestra flows on your own machine.\nThe command line: flowbench --help");
        alert.showAndWait();
    }
}
