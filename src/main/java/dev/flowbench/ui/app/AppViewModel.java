package dev.flowbench.ui.app;

import dev.flowbench.app.FlowFiles;
import dev.flowbench.app.Workspace;
import dev.flowbench.engine.RunPriority;
import dev.flowbench.flow.KestraVersion;
import dev.flowbench.ui.editor.EditorViewModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The window's state: the open editors and the selected one, the workspace folder, the theme, recent files,
 * and the application layer's {@link Workspace} (opened in the background). What the window remembers is
 * saved in {@link UiSettings}. Lives on the FX thread; every file and database job goes through {@link UiTasks}.
 */
public final class AppViewModel {

    /** How long after the first tabs the history and cache are opened (the database is not needed to edit). */
    static final Duration WORKSPACE_AFTER = Duration.ofMillis(1500);

    // ---- properties ----
    private final ObservableList<EditorViewModel> editors = FXCollections.observableArrayList();
    private final ObjectProperty<EditorViewModel> selected = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<Path> folder = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<UiSettings.Theme> theme = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<KestraVersion> kestra = new ReadOnlyObjectWrapper<>();
    /** Held while FLOWBENCH_HOME is written (settings, the workspace opened), so that {@link #stop} can wait. */
    private final Object lifecycle = new Object();
    private boolean stopped;
    private Workspace opened;
    private final ObservableList<Path> recentFiles = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Workspace> workspace = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final javafx.beans.property.ReadOnlyObjectWrapper<EditorViewModel> preview = new javafx.beans.property.ReadOnlyObjectWrapper<>();
    /** How long a message told stays at most, and how long before the next action takes it away. */
    static final java.time.Duration TOLD_FOR = java.time.Duration.ofSeconds(8);
    static final java.time.Duration READ_IN = java.time.Duration.ofMillis(700);
    private String told;
    private long toldAt;
    private java.util.function.LongSupplier nanoTime = System::nanoTime;

    private final UiTasks tasks;
    private final UiSettings settings;
    private final Path settingsFile;
    private final Path samplesFolder;
    private boolean started;

    public AppViewModel(UiTasks tasks, UiSettings settings, Path settingsFile, Path samplesFolder) {
        this.tasks = tasks;
        this.settings = settings;
        this.settingsFile = settingsFile;
        this.samplesFolder = samplesFolder;
        this.theme.set(settings.theme());
        EditorViewModel.checkFor(settings.kestra());
        this.kestra.set(settings.kestra());
        this.recentFiles.setAll(settings.recentFiles());
        editors.addListener((ListChangeListener<EditorViewModel>) change -> rememberTabs());
        selected.addListener((o, a, b) -> rememberTabs());
    }

    /** The open tabs are remembered as they change, so that even a window that did not close cleanly gets them back. */
    private void rememberTabs() {
        if (!started) {
            return;
        }
        List<Path> tabs = editors.stream().map(EditorViewModel::path).filter(p -> p != null).toList();
        EditorViewModel current = selected.get();
        settings.setOpenTabs(tabs, current == null || current.path() == null ? 0 : Math.max(0, tabs.indexOf(current.path())));
        persist();
    }

    public ObservableList<EditorViewModel> editors() {
        return editors;
    }

    public ObjectProperty<EditorViewModel> selectedProperty() {
        return selected;
    }

    public ReadOnlyObjectProperty<Path> folderProperty() {
        return folder.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<UiSettings.Theme> themeProperty() {
        return theme.getReadOnlyProperty();
    }

    public ObservableList<Path> recentFiles() {
        return recentFiles;
    }

    /** The application layer, once opened (null before, or when it could not be: see {@link #noticeProperty()}). */
    public ReadOnlyObjectProperty<Workspace> workspaceProperty() {
        return workspace.getReadOnlyProperty();
    }

    /** The latest thing worth telling the user in the status bar ("" for nothing). */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /**
     * Says {@code message} in the status bar, for a while: it goes after {@link #TOLD_FOR}, or at the user's next
     * action once it has been up {@link #READ_IN} (a problem that lasts, a database that cannot be opened, is said
     * otherwise and stays).
     */
    public void tell(String message) {
        notice.set(message);
        told = message;
        toldAt = nanoTime.getAsLong();
        tasks.later(TOLD_FOR, () -> {
            if (message.equals(told) && notice.get().equals(message)) {
                forgetTold();
            }
        });
    }

    /** The user pressed a key or a button: a message told before that has been seen, and goes. */
    public void userActed() {
        if (told != null && nanoTime.getAsLong() - toldAt > READ_IN.toNanos() && notice.get().equals(told)) {
            forgetTold();
        }
    }

    /** The clock messages are timed by (a test's own). */
    void useClock(java.util.function.LongSupplier clock) {
        this.nanoTime = clock;
    }

    private void forgetTold() {
        notice.set("");
        told = null;
    }

    public UiSettings settings() {
        return settings;
    }

    // ---- commands ----

    /**
     * Starts the window's contents: the paths given on the command line (files open in tabs, a folder becomes the
     * workspace), else what was open last time, else the bundled sample flows. The tabs come first; the folder's
     * tree follows, and the history and cache (the database) a moment later, so that the flow is in front of the
     * user, checked, as early as it can be.
     */
    public void start(List<Path> launchPaths) {
        start(launchPaths, () -> PreparedStart.of(launchPaths, settings, samplesFolder, Runnable::run), () -> { });
    }

    /**
     * As {@link #start(List)}, with the start prepared elsewhere (begun before the window was built) and waited for
     * in the background; {@code tabsOpen} is called once the tabs are in (or the start failed).
     */
    void start(List<Path> launchPaths, Callable<PreparedStart> preparation, Runnable tabsOpen) {
        started = launchPaths.isEmpty(); // tabs given on the command line are not this window's remembered set
        tasks.run(preparation, prepared -> {
            openTabs(prepared);
            tabsOpen.run();
            if (prepared.plan().folder() != null) {
                openFolder(prepared.plan().folder());
            }
            tasks.later(WORKSPACE_AFTER, this::openWorkspace);
        }, failure -> {
            notice.set("Could not open " + launchPaths + ": " + failure.getMessage());
            tabsOpen.run();
        });
    }

    private void openTabs(PreparedStart prepared) {
        if (prepared.tabs().isEmpty()) {
            return;
        }
        List<EditorViewModel> opened = prepared.tabs().stream().map(file -> EditorViewModel.of(tasks, file)).toList();
        editors.addAll(opened);
        selected.set(opened.get(Math.min(prepared.plan().selected(), opened.size() - 1)));
    }

    /**
     * Opens the application layer in the background; notices (a busy database) show in the status bar. Its runs go at
     * background priority, so that a flow busy on every core leaves the window the CPU it needs.
     */
    public void openWorkspace() {
        tasks.run(() -> {
            synchronized (lifecycle) { // a window closing waits for an opening under way, then closes what it opened
                if (stopped) {
                    return null;
                }
                Workspace open = Workspace.open(message -> tasks.onFxThread(() -> notice.set(message)));
                open.runAt(RunPriority.BACKGROUND);
                opened = open;
                return open;
            }
        }, open -> {
            if (open != null) {
                workspace.set(open);
            }
        }, failure -> notice.set("The history and the cache are not available: " + failure.getMessage()));
    }

    public void newFlow(String text) {
        EditorViewModel editor = EditorViewModel.untitled(tasks, text);
        editors.add(editor);
        selected.set(editor);
    }

    /** The tab a single click in the workspace opened: the next such click replaces it, until it is edited or kept. */
    public ReadOnlyObjectProperty<EditorViewModel> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    /**
     * Opens {@code file} in the preview tab (a single click in the workspace), replacing the flow previewed before
     * unless that one was edited; a file already open is selected.
     */
    public void preview(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Optional<EditorViewModel> open = editors.stream().filter(e -> absolute.equals(e.path())).findFirst();
        if (open.isPresent()) {
            selected.set(open.get());
            return;
        }
        EditorViewModel.open(tasks, absolute, editor -> {
            EditorViewModel before = preview.get();
            if (before != null && editors.contains(before) && !before.isDirty()) {
                editors.set(editors.indexOf(before), editor);
            } else {
                editors.add(editor);
            }
            preview.set(editor);
            editor.dirtyProperty().addListener((o, was, dirty) -> {
                if (dirty && preview.get() == editor) {
                    preview.set(null); // edited: kept
                }
            });
            selected.set(editor);
        });
    }

    /** Opens {@code file} in a tab (kept, not a preview), or selects its tab if it is open. */
    public void open(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Optional<EditorViewModel> open = editors.stream().filter(e -> absolute.equals(e.path())).findFirst();
        if (open.isPresent()) {
            if (preview.get() == open.get()) {
                preview.set(null);
            }
            selected.set(open.get());
            return;
        }
        EditorViewModel.open(tasks, absolute, editor -> {
            editors.add(editor);
            selected.set(editor);
            settings.opened(absolute);
            recentFiles.setAll(settings.recentFiles());
            persist();
        });
    }

    public void openFolder(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        folder.set(absolute);
        settings.setWorkspace(absolute);
        applyKestra(); // each workspace checks its flows for its own Kestra
        persist();
    }

    /** Closes a tab (the view has asked about unsaved changes). */
    public void close(EditorViewModel editor) {
        if (preview.get() == editor) {
            preview.set(null);
        }
        int index = editors.indexOf(editor);
        editors.remove(editor);
        if (selected.get() == editor) {
            selected.set(editors.isEmpty() ? null : editors.get(Math.max(0, Math.min(index, editors.size() - 1))));
        }
    }

    /** Saves the selected editor (to {@code target} when given: Save As); the editor says how it went. */
    public void save(EditorViewModel editor, Path target, Consumer<Boolean> done) {
        Consumer<Boolean> after = ok -> {
            if (ok && editor.path() != null) {
                settings.opened(editor.path());
                recentFiles.setAll(settings.recentFiles());
                persist();
            }
            done.accept(ok);
        };
        if (target != null) {
            editor.saveAs(target, after);
        } else {
            editor.save(after);
        }
    }

    /** Checks every flow for another Kestra (2, or the 1.3 LTS): the open ones again at once, and remembers it. */
    public void checkFor(KestraVersion kestra) {
        if (kestra == EditorViewModel.checkedFor() && kestra == settings.kestra()) {
            return;
        }
        settings.setKestra(kestra);
        applyKestra();
        persist();
    }

    /** The Kestra the workspace's flows are checked for, which the View menu's check mark follows. */
    public ReadOnlyObjectProperty<KestraVersion> kestraProperty() {
        return kestra.getReadOnlyProperty();
    }

    private void applyKestra() {
        KestraVersion chosen = settings.kestra();
        kestra.set(chosen);
        if (chosen != EditorViewModel.checkedFor()) {
            EditorViewModel.checkFor(chosen);
            editors.forEach(EditorViewModel::validateNow);
        }
    }

    public void setTheme(UiSettings.Theme chosen) {
        theme.set(chosen);
        settings.setTheme(chosen);
        persist();
    }

    /** Remembers the window's place and open tabs, and writes the settings (on closing). */
    public void rememberWindow(UiSettings.WindowPlace place) {
        settings.setWindow(place);
        started = true;
        rememberTabs();
    }

    /** Remembers the panes' sizes and which are shown (written with the next settings, or at the window's close). */
    public void rememberPanes(UiSettings.PaneLayout panes) {
        settings.setPanes(panes);
    }

    /** Writes the settings now, on the caller's thread (the window is closing: nothing else will run). */
    public void persistNow() {
        synchronized (lifecycle) {
            try {
                settings.save(settingsFile);
            } catch (IOException e) {
                // the next start uses defaults: nothing a user must act on
            }
        }
    }

    private void persist() {
        String text = settings.toText();
        tasks.run(() -> {
            synchronized (lifecycle) { // never after the window's last write, which would put older settings back
                if (!stopped) {
                    FlowFiles.writeAtomically(settingsFile, text);
                }
            }
            return null;
        }, done -> { }, failure -> notice.set("Could not save the window settings: " + failure.getMessage()));
    }

    /**
     * The window is closing: the settings are written a last time, and the workspace (history, cache) is closed,
     * once an opening or a write under way has ended; nothing touches FLOWBENCH_HOME after this returns.
     */
    public void stop() {
        synchronized (lifecycle) {
            persistNow();
            stopped = true;
            if (opened != null) {
                opened.close();
            }
        }
    }
}
