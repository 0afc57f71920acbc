package dev.flowbench.ui.workspace;

import dev.flowbench.flow.Problem;
import dev.flowbench.ui.app.Debouncer;
import dev.flowbench.ui.app.UiTasks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Collection;
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

    /** How long a newly shown folder's files wait to be validated: the flow the user opened goes first. */
    static final Duration FIRST_CHECKS_AFTER = Duration.ofMillis(1500);

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
        refresh(FIRST_CHECKS_AFTER);
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
        refresh(Duration.ZERO);
    }

    /**
     * Lists the folder at once; validating the files that changed waits {@code checksAfter} (at start, the flow in
     * front of the user is checked first, without the whole folder's files competing for the processor).
     */
    private void refresh(Duration checksAfter) {
        Path folder = root.get();
        if (folder == null) {
            return;
        }
        long mine = ++generation;
        Map<Path, FileTime> known = Map.copyOf(checked);
        tasks.run(() -> list(folder, known), listed -> {
            if (mine != generation) {
                return;
            }
            if (!files.equals(listed.files())) {
                files.setAll(listed.files());
            }
            checked.keySet().retainAll(listed.files());
            health.keySet().retainAll(listed.files());
            scans.set(scans.get() + 1);
            if (!listed.changed().isEmpty()) {
                tasks.later(checksAfter, () -> check(mine, listed.changed()));
            }
        }, failure -> { });
    }

    private void check(long mine, Map<Path, FileTime> changed) {
        if (mine != generation) {
            return;
        }
        tasks.run(() -> healthOf(changed.keySet()), found -> {
            if (mine != generation) {
                return;
            }
            checked.putAll(changed);
            found.forEach((file, state) -> {
                FlowFolder.Health shown = fromEditors.getOrDefault(file, state);
                if (health.get(file) != shown) {
                    health.put(file, shown);
                }
            });
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

    /** The folder's flow files, and those changed since {@code known} with their times. */
    private record Listing(List<Path> files, Map<Path, FileTime> changed) {
    }

    private static Listing list(Path folder, Map<Path, FileTime> known) throws IOException {
        List<Path> found = FlowFolder.list(folder);
        Map<Path, FileTime> changed = new HashMap<>();
        for (Path file : found) {
            try {
                FileTime modified = Files.getLastModifiedTime(file);
                if (!modified.equals(known.get(file))) {
                    changed.put(file, modified);
                }
            } catch (IOException e) {
                // gone since it was listed: the next look drops it
            }
        }
        return new Listing(found, changed);
    }

    private static Map<Path, FlowFolder.Health> healthOf(Collection<Path> files) {
        Map<Path, FlowFolder.Health> states = new HashMap<>();
        for (Path file : files) {
            states.put(file, FlowFolder.health(file));
        }
        return states;
    }

    public void close() {
        if (watcher != null) {
            watcher.close();
        }
    }
}
