package dev.flowbench.ui.workspace;

import dev.flowbench.flow.Problem;
import dev.flowbench.ui.app.Debouncer;
import dev.flowbench.ui.app.UiTasks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

/**
 * The workspace folder's flow files, kept in step with the disk (files created, renamed or deleted are seen within
 * a moment), and the health of each: errors, warnings, fine. An open editor's problems win over the file's.
 */
public final class WorkspaceViewModel {

    private final ReadOnlyObjectWrapper<Path> root = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Path> files = FXCollections.observableArrayList();
    private final ObservableMap<Path, FlowFolder.Health> health = FXCollections.observableHashMap();
    private final ReadOnlyLongWrapper scans = new ReadOnlyLongWrapper();
    private final Map<Path, FileTime> checked = new HashMap<>();
    private final Map<Path, FlowFolder.Health> fromEditors = new HashMap<>();
    private final UiTasks tasks;
    private final Debouncer rescan;
    private FolderWatcher watcher;
    private long generation;

    public WorkspaceViewModel(UiTasks tasks) {
        this.tasks = tasks;
        this.rescan = new Debouncer(tasks, Duration.ofMillis(250));
    }

    public ReadOnlyObjectProperty<Path> rootProperty() {
        return root.getReadOnlyProperty();
    }

    /** The flow files under the root, sorted. */
    public ObservableList<Path> files() {
        return files;
    }

    public ObservableMap<Path, FlowFolder.Health> health() {
        return health;
    }

    /** Counts the looks at the folder: it changes after each one (something changed on disk, or a refresh). */
    public ReadOnlyLongProperty scansProperty() {
        return scans.getReadOnlyProperty();
    }

    /** Shows {@code folder}: lists its flows, validates them, and watches it for changes. */
    public void setRoot(Path folder) {
        if (watcher != null) {
            watcher.close();
            watcher = null;
        }
        root.set(folder);
        files.clear();
        health.clear();
        checked.clear();
        if (folder == null) {
            return;
        }
        refresh();
        tasks.run(() -> new FolderWatcher(folder, () -> tasks.onFxThread(() -> rescan.request(this::refresh))),
                started -> {
                    if (folder.equals(root.get())) {
                        watcher = started;
                    } else {
                        started.close();
                    }
                }, failure -> { });
    }

    /** Lists the folder again and validates the files that changed since they were last looked at. */
    public void refresh() {
        Path folder = root.get();
        if (folder == null) {
            return;
        }
        long mine = ++generation;
        Map<Path, FileTime> known = Map.copyOf(checked);
        tasks.run(() -> scan(folder, known), scan -> {
            if (mine != generation) {
                return;
            }
            if (!files.equals(scan.files())) {
                files.setAll(scan.files());
            }
            checked.keySet().retainAll(scan.files());
            checked.putAll(scan.times());
            health.keySet().retainAll(scan.files());
            scan.health().forEach((file, state) -> {
                FlowFolder.Health shown = fromEditors.getOrDefault(file, state);
                if (health.get(file) != shown) {
                    health.put(file, shown);
                }
            });
            scans.set(scans.get() + 1);
        }, failure -> { });
    }

    /** An open editor's problems for its file (they win over the saved file's until the tab closes). */
    public void editorProblems(Path file, List<Problem> problems) {
        if (file == null) {
            return;
        }
        FlowFolder.Health state = FlowFolder.of(problems);
        fromEditors.put(file, state);
        if (files.contains(file) && health.get(file) != state) {
            health.put(file, state);
        }
    }

    public void editorClosed(Path file) {
        if (file != null && fromEditors.remove(file) != null) {
            checked.remove(file);
            refresh();
        }
    }

    private record Scan(List<Path> files, Map<Path, FileTime> times, Map<Path, FlowFolder.Health> health) {
    }

    private static Scan scan(Path folder, Map<Path, FileTime> known) throws IOException {
        List<Path> found = FlowFolder.list(folder);
        Map<Path, FileTime> times = new HashMap<>();
        Map<Path, FlowFolder.Health> states = new HashMap<>();
        for (Path file : found) {
            FileTime modified;
            try {
                modified = Files.getLastModifiedTime(file);
            } catch (IOException e) {
                continue;
            }
            if (!modified.equals(known.get(file))) {
                times.put(file, modified);
                states.put(file, FlowFolder.health(file));
            }
        }
        return new Scan(found, times, states);
    }

    public void close() {
        if (watcher != null) {
            watcher.close();
        }
    }
}
