package dev.flowbench.ui.editor;

import dev.flowbench.app.FlowFiles;
import dev.flowbench.flow.LoadedFlow;
import dev.flowbench.flow.Problem;
import dev.flowbench.flow.KestraVersion;
import dev.flowbench.flow.check.FlowValidator;
import dev.flowbench.flow.migrate.Kestra2Migration;
import dev.flowbench.ui.app.Debouncer;
import dev.flowbench.ui.app.UiTasks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One open flow: its text, whether it is saved, and its problems, validated in the background a moment after
 * the last keystroke (a result for text that has changed since is dropped). Lives on the FX thread.
 */
public final class EditorViewModel {

    static final Duration VALIDATION_QUIET = Duration.ofMillis(40);
    private static final AtomicInteger UNTITLED = new AtomicInteger();

    // ---- properties ----
    private final ReadOnlyObjectWrapper<Path> path = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper readOnly = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper banner = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper changedOnDisk = new ReadOnlyBooleanWrapper();
    private final ObservableList<Problem> problems = FXCollections.observableArrayList();
    private final ObservableList<Problem> readOnlyProblems = FXCollections.unmodifiableObservableList(problems);
    private final ReadOnlyIntegerWrapper errors = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper warnings = new ReadOnlyIntegerWrapper();
    private final ReadOnlyObjectWrapper<LoadedFlow> validated = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<LoadedFlow> lastModel = new ReadOnlyObjectWrapper<>();

    private final UiTasks tasks;
    private final Debouncer validation;
    private final String untitledName;
    private String savedText;
    private FileTime savedModified;
    private FileTime diskModified;
    private long generation;

    private EditorViewModel(UiTasks tasks, Path file, String initialText, FileTime modified,
            CompletableFuture<LoadedFlow> validation) {
        this.tasks = tasks;
        this.validation = new Debouncer(tasks, VALIDATION_QUIET);
        this.untitledName = file == null ? "Untitled-" + UNTITLED.incrementAndGet() + ".yml" : null;
        this.path.set(file == null ? null : file.toAbsolutePath().normalize());
        this.savedText = initialText; // a new flow untouched since its template is nothing to lose
        this.savedModified = modified;
        this.text.set(initialText);
        updateDirtyAndTitle();
        path.addListener((o, a, b) -> updateDirtyAndTitle());
        if (validation == null) {
            validateNow();
        } else {
            adopt(validation);
        }
    }

    /** Takes the result of a validation of the initial text begun elsewhere; if it failed, validates again. */
    private void adopt(CompletableFuture<LoadedFlow> validation) {
        long mine = ++generation;
        Consumer<LoadedFlow> use = result -> {
            if (mine == generation) {
                apply(result);
            }
        };
        if (validation.isDone() && !validation.isCompletedExceptionally()) {
            use.accept(validation.join());
            return;
        }
        tasks.run(validation::join, use, failure -> {
            if (mine == generation) {
                validateNow();
            }
        });
    }

    /** A new flow that has no file yet. */
    public static EditorViewModel untitled(UiTasks tasks, String text) {
        return new EditorViewModel(tasks, null, text, null, null);
    }

    /** Reads {@code file} in the background; {@code opened} gets its editor (read-only, saying why, if unreadable). */
    public static void open(UiTasks tasks, Path file, Consumer<EditorViewModel> opened) {
        tasks.run(() -> OpenedFile.read(file), read -> opened.accept(of(tasks, read)),
                failure -> opened.accept(of(tasks, new OpenedFile(file, "", null, failure.getMessage(), null))));
    }

    /** The editor of a file already read (and perhaps validated) in the background. */
    public static EditorViewModel of(UiTasks tasks, OpenedFile read) {
        if (read.failure() == null) {
            return new EditorViewModel(tasks, read.path(), read.text(), read.modified(), read.validation());
        }
        EditorViewModel editor = new EditorViewModel(tasks, read.path(), "", null, null);
        editor.readOnly.set(true);
        editor.banner.set("This file cannot be opened for editing: " + read.failure());
        return editor;
    }

    /** Validates {@code text} for the Kestra the window checks flows for; call it off the FX thread. */
    public static LoadedFlow validate(String text) {
        LoadedFlow loaded = Validators.forTarget().validate(text);
        return Validators.target == KestraVersion.KESTRA_2 ? Kestra2Migration.withFixes(loaded) : loaded;
    }

    /** Which Kestra every editor checks flows for (a setting of the window); editors check again when told. */
    public static void checkFor(KestraVersion kestra) {
        Validators.target = kestra;
    }

    public static KestraVersion checkedFor() {
        return Validators.target;
    }

    /** Made on first use, by a background job: loading the schema never holds up the FX thread. */
    private static final class Validators {
        static volatile KestraVersion target = KestraVersion.KESTRA_2;
        static final Map<KestraVersion, FlowValidator> BY_TARGET = new java.util.concurrent.ConcurrentHashMap<>();

        static FlowValidator forTarget() {
            return BY_TARGET.computeIfAbsent(target, FlowValidator::new);
        }
    }

    // ---- read-only views ----
    public ReadOnlyObjectProperty<Path> pathProperty() {
        return path.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty readOnlyProperty() {
        return readOnly.getReadOnlyProperty();
    }

    /** A message above the text: why it is read-only, that it changed on disk, that it could not be saved; "" for none. */
    public ReadOnlyStringProperty bannerProperty() {
        return banner.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty changedOnDiskProperty() {
        return changedOnDisk.getReadOnlyProperty();
    }

    /** The problems of the text last validated, in document order. */
    public ObservableList<Problem> problems() {
        return readOnlyProblems;
    }

    public ReadOnlyIntegerProperty errorCountProperty() {
        return errors.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty warningCountProperty() {
        return warnings.getReadOnlyProperty();
    }

    /** The last validation result, for the text it was made from (squiggles must match that text). */
    public ReadOnlyObjectProperty<LoadedFlow> validatedProperty() {
        return validated.getReadOnlyProperty();
    }

    /** The last result that had a flow model (kept while the text is broken: completion still knows the tasks). */
    public ReadOnlyObjectProperty<LoadedFlow> lastModelProperty() {
        return lastModel.getReadOnlyProperty();
    }

    public Path path() {
        return path.get();
    }

    public String text() {
        return text.get();
    }

    public boolean isDirty() {
        return dirty.get();
    }

    // ---- commands ----

    /** The user changed the text: it is validated a moment after the last change. */
    public void edit(String newText) {
        if (readOnly.get() || newText.equals(text.get())) {
            return;
        }
        text.set(newText);
        generation++;
        updateDirtyAndTitle();
        validation.request(this::validateNow);
    }

    /** Validates the current text in the background at once. */
    public void validateNow() {
        long mine = ++generation;
        String snapshot = text.get();
        tasks.run(() -> validate(snapshot), result -> {
            if (mine == generation) {
                apply(result);
            }
        }, failure -> { });
    }

    private void apply(LoadedFlow result) {
        validated.set(result);
        if (result.flow() != null) {
            lastModel.set(result);
        }
        List<Problem> found = result.problems();
        if (!problems.equals(found)) {
            problems.setAll(found); // only when they changed: every listener (list, tree, gutter) redraws
        }
        errors.set((int) found.stream().filter(Problem::isError).count());
        warnings.set(found.size() - errors.get());
    }

    /** Saves to the file it came from (an untitled flow needs {@link #saveAs}); {@code done} says whether it worked. */
    public void save(Consumer<Boolean> done) {
        if (path.get() == null || readOnly.get()) {
            done.accept(false);
            return;
        }
        saveAs(path.get(), done);
    }

    public void saveAs(Path file, Consumer<Boolean> done) {
        String snapshot = text.get();
        Path target = file.toAbsolutePath().normalize();
        tasks.run(() -> {
            FlowFiles.writeAtomically(target, snapshot);
            return Files.getLastModifiedTime(target);
        }, modified -> {
            savedText = snapshot;
            savedModified = modified;
            path.set(target);
            changedOnDisk.set(false);
            banner.set("");
            updateDirtyAndTitle();
            done.accept(true);
        }, failure -> {
            banner.set("Could not save " + target.getFileName() + ": " + failure.getMessage());
            done.accept(false);
        });
    }

    /** Looks at the file on disk (the window got focus, the folder changed): a change by someone else is offered for reload. */
    public void checkDisk() {
        Path file = path.get();
        if (file == null || readOnly.get()) {
            return;
        }
        FileTime known = savedModified;
        tasks.run(() -> Files.exists(file) ? Files.getLastModifiedTime(file) : null, modified -> {
            if (modified == null || known == null || modified.equals(known) || changedOnDisk.get()) {
                return;
            }
            tasks.run(() -> FlowFiles.read(file), onDisk -> {
                if (onDisk.equals(savedText)) {
                    savedModified = modified; // touched, not changed
                    return;
                }
                diskModified = modified;
                changedOnDisk.set(true);
                banner.set(file.getFileName() + " changed on disk." + (dirty.get() ? " Your changes here are not saved." : ""));
            }, failure -> { });
        }, failure -> { });
    }

    /** Replaces the text with the file's (after a change on disk). */
    public void reload() {
        Path file = path.get();
        if (file == null) {
            return;
        }
        tasks.run(() -> OpenedFile.read(file), read -> {
            if (read.failure() != null) {
                banner.set("Could not reload " + file.getFileName() + ": " + read.failure());
                return;
            }
            savedText = read.text();
            savedModified = read.modified();
            text.set(read.text());
            changedOnDisk.set(false);
            banner.set("");
            generation++;
            updateDirtyAndTitle();
            validateNow();
        }, failure -> banner.set("Could not reload " + file.getFileName() + ": " + failure.getMessage()));
    }

    /** Keeps the text here after a change on disk: the next save overwrites the file. */
    public void keepMine() {
        changedOnDisk.set(false);
        banner.set("");
        savedText = null; // differs from any text: dirty until saved
        savedModified = diskModified;
        updateDirtyAndTitle();
    }

    /** The name Save As proposes: the flow's id (as Kestra names its flows), else the tab's title. */
    public String suggestedFileName() {
        LoadedFlow loaded = validatedProperty().get();
        String id = loaded == null || loaded.flow() == null ? null : loaded.flow().id();
        return id != null && id.matches("[a-zA-Z0-9][a-zA-Z0-9._-]*") ? id + ".yml" : title.get();
    }

    private void updateDirtyAndTitle() {
        dirty.set(!text.get().equals(savedText) && !readOnly.get());
        Path file = path.get();
        title.set(file == null ? untitledName : file.getFileName().toString());
    }
}
