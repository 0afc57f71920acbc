package dev.flowbench.ui.app;

import dev.flowbench.app.FlowFiles;
import dev.flowbench.flow.LoadedFlow;
import dev.flowbench.flow.edit.EditResult;
import dev.flowbench.flow.edit.FlowEdits;
import dev.flowbench.ui.editor.EditorView;
import dev.flowbench.ui.editor.EditorViewModel;
import dev.flowbench.ui.form.TaskFormView;
import dev.flowbench.ui.form.TaskFormViewModel;
import dev.flowbench.ui.run.RunViewModel;
import dev.flowbench.ui.run.RunsViewModel;
import dev.flowbench.ui.topology.TopologyLayout;
import dev.flowbench.ui.topology.TopologySvg;
import dev.flowbench.ui.topology.TopologyView;
import dev.flowbench.ui.topology.TopologyViewModel;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Path;
import java.util.function.Function;
import javafx.beans.InvalidationListener;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Rectangle2D;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.SplitPane;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Keeps the topology in step with the editor in front: the picture follows its flow as it is checked, the caret
 * selects its task and a click on a task selects its text, the picture's edits become text edits of the editor (one
 * undo step each), and the run of this flow in front of the run panel colours the tasks.
 */
final class TopologyPlace {

    /** The edge of the tiles a PNG export is drawn in: a flow of any size, without one texture of its whole size. */
    private static final int TILE = 2048;

    private final TopologyViewModel model = new TopologyViewModel();
    private final TopologyView view = new TopologyView(model);
    private final TaskFormViewModel form = new TaskFormViewModel();
    private final TaskFormView formView = new TaskFormView(form);
    private final SplitPane column = new SplitPane(view, formView);
    private final AppViewModel app;
    private final RunsViewModel runs;
    private final UiTasks tasks;
    private EditorViewModel editor;
    private EditorView editorView;
    private boolean followingCaret;
    private final java.util.Map<EditorViewModel, Double> zooms = new java.util.HashMap<>();
    private boolean drawing;
    /** A caret placed where the flow known is not the text's yet (it is being checked): selected once it is. */
    private boolean caretPending;
    /** The task ids before a task was added from the picture, until the new text has been checked. */
    private java.util.Set<String> addedAfter;
    private final ChangeListener<LoadedFlow> validated = (o, a, loaded) -> {
        if (drawing) {
            model.show(loaded);
        } else {
            model.know(loaded);
        }
        if (caretPending && editorView != null) {
            caretMoved(editorView.area().getCaretPosition());
        }
        selectAdded(loaded);
        form.show(loaded, model.selectedTaskProperty().get());
    };
    private final ChangeListener<Integer> caret = (o, a, at) -> caretMoved(at);
    private final InvalidationListener runChanged = o -> showRun();

    /** Where a box's "Run Up to Here" and "Run This Task" go. */
    void setOnRun(java.util.function.Consumer<dev.flowbench.engine.RunScope> onRun) {
        view.setOnRun(onRun);
    }

    TopologyPlace(AppViewModel app, RunsViewModel runs, UiTasks tasks) {
        this.app = app;
        this.runs = runs;
        this.tasks = tasks;
        model.selectedTaskProperty().addListener((o, a, task) -> {
            selectText();
            showForm();
        });
        form.connect(this::write, (from, to) -> model.selectedTaskProperty().set(to), (start, end) -> {
            if (editorView != null) {
                editorView.selectQuietly(start, end);
                editorView.area().requestFocus();
            }
        });
        column.setOrientation(javafx.geometry.Orientation.VERTICAL);
        KeptDividers.keep(column, 0.45);
        column.getStyleClass().add("topology-column");
        view.setOnEdit((edit, task) -> apply(edits -> switch (edit) {
            case DELETE -> edits.remove(task);
            case DUPLICATE -> edits.duplicate(task);
            case MOVE_UP -> edits.move(task, -1);
            case MOVE_DOWN -> edits.move(task, 1);
            case MOVE_OUT -> edits.moveOut(task);
        }), (entry, after) -> {
            java.util.Set<String> before = taskIds();
            if (write(text -> {
                FlowEdits edits = FlowEdits.of(text);
                return after == null ? edits.insert(null, "tasks", Integer.MAX_VALUE, entry.taskText()) : edits.insertAfter(after, entry.taskText());
            }).isEmpty()) {
                addedAfter = before; // the task added is selected once the new text is checked
            }
        }, (task, folder) -> apply(edits -> edits.moveInto(task, folder)));
        view.setCanEdit((edit, task) -> editor != null && model.editsOf(editor.text()).map(edits -> !(switch (edit) {
            case MOVE_UP -> edits.move(task, -1);
            case MOVE_DOWN -> edits.move(task, 1);
            case MOVE_OUT -> edits.moveOut(task);
            default -> edits.duplicate(task);
        } instanceof EditResult.Refused)).orElse(false));
        view.setExporter(this::export);
        runs.selectedProperty().addListener((o, before, now) -> {
            if (before != null) {
                before.rowsProperty().removeListener(runChanged);
            }
            if (now != null) {
                now.rowsProperty().addListener(runChanged);
            }
            showRun();
        });
        if (runs.selectedProperty().get() != null) {
            runs.selectedProperty().get().rowsProperty().addListener(runChanged);
        }
    }

    TopologyView view() {
        return view;
    }

    /** The picture above the selected task's form: the column beside the editor. */
    SplitPane column() {
        return column;
    }

    TopologyViewModel model() {
        return model;
    }

    /** Follows the editor in front (null: none); each flow keeps its own zoom. */
    void follow(EditorViewModel nextEditor, EditorView nextView) {
        if (editor != null) {
            zooms.put(editor, view.zoom());
        }
        view.setZoom(nextEditor == null ? 1 : zooms.getOrDefault(nextEditor, 1.0));
        zooms.keySet().removeIf(kept -> !app.editors().contains(kept)); // closed tabs
        if (editor != null) {
            editor.validatedProperty().removeListener(validated);
            editor.pathProperty().removeListener(runChanged);
        }
        if (editorView != null) {
            editorView.area().caretPositionProperty().removeListener(caret);
        }
        editor = nextEditor;
        editorView = nextView;
        model.selectedTaskProperty().set(null);
        model.show(null);
        if (editor != null) {
            if (drawing) {
                model.show(editor.validatedProperty().get());
            } else {
                model.know(editor.validatedProperty().get());
            }
        }
        if (editor != null) {
            editor.validatedProperty().addListener(validated);
            editor.pathProperty().addListener(runChanged);
        }
        if (editorView != null) {
            editorView.area().caretPositionProperty().addListener(caret);
        }
        showRun();
    }

    /**
     * Starts drawing: the first picture waits for the window to be idle after its start (a flow of hundreds of tasks
     * makes as many boxes), then the picture follows every check of the text.
     */
    void startDrawing() {
        drawing = true;
        if (editor != null) {
            model.show(editor.validatedProperty().get());
        }
    }

    private void caretMoved(int at) {
        if (editor == null || followingCaret) {
            return;
        }
        followingCaret = true;
        try {
            if (editorView != null) {
                editorView.unmarkTask(); // the caret moved by the user: the task it is in is what counts now
            }
            caretPending = !model.selectAt(editor.text(), at);
        } finally {
            followingCaret = false;
        }
    }

    /** The task ids of the flow known now (the last checked text). */
    private java.util.Set<String> taskIds() {
        LoadedFlow loaded = editor == null ? null : editor.validatedProperty().get();
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        if (loaded != null && loaded.flow() != null) {
            loaded.flow().allTasks().forEach(task -> ids.addAll(task.ids()));
        }
        return ids;
    }

    /** After a task was added from the picture: the first task the new text has that the old did not is selected. */
    private void selectAdded(LoadedFlow loaded) {
        if (addedAfter == null || loaded == null || loaded.flow() == null) {
            return;
        }
        java.util.Set<String> before = addedAfter;
        addedAfter = null;
        loaded.flow().allTasks().stream().flatMap(task -> task.ids().stream()).filter(id -> !before.contains(id)).findFirst()
                .ifPresent(model.selectedTaskProperty()::set);
    }

    /** A task selected in the picture selects its text (not when the caret's move selected it). */
    private void selectText() {
        if (followingCaret || editor == null || editorView == null) {
            return;
        }
        // the caret ends inside the task's last child: that move must not select the child instead
        followingCaret = true;
        try {
            model.selectedSpan(editor.text()).ifPresent(span -> editorView.markTask(span[0], span[1]));
        } finally {
            followingCaret = false;
        }
    }

    private void apply(Function<FlowEdits, EditResult> edit) {
        write(text -> edit.apply(FlowEdits.of(text)));
    }

    /** Applies an edit of the editor's text as one undo step; else says why not (to the user, and returns it). */
    private java.util.Optional<String> write(Function<String, EditResult> edit) {
        if (editor == null || editorView == null) {
            return java.util.Optional.of("no flow is open");
        }
        EditResult result = edit.apply(editor.text());
        String trouble = null;
        if (result instanceof EditResult.Applied applied) {
            if (!editorView.applyVisualEdit(applied.edit())) {
                trouble = "This flow is open read-only: it cannot be edited.";
            }
        } else if (result instanceof EditResult.Refused refused) {
            trouble = refused.reason();
        }
        if (trouble != null) {
            app.tell(trouble);
        }
        return java.util.Optional.ofNullable(trouble);
    }

    /** The selected task's form, once the flow's last check has read the text as it is now (else at that check). */
    private void showForm() {
        LoadedFlow loaded = editor == null ? null : editor.validatedProperty().get();
        if (loaded == null || loaded.source().text().equals(editor.text())) {
            form.show(loaded, model.selectedTaskProperty().get());
        }
    }

    private void showRun() {
        RunViewModel front = runs.selectedProperty().get();
        boolean ours = front != null && editor != null && front.isAbout(editor.path(), editor.titleProperty().get());
        model.showRun(ours ? front.rowsProperty().get() : null);
    }

    // ---- export ----

    private void export(String format) {
        TopologyLayout.Picture picture = model.pictureProperty().get();
        Window window = view.getScene() == null ? null : view.getScene().getWindow();
        if (picture == null || editor == null) {
            app.tell("There is no picture to export yet.");
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the topology");
        String name = editor.titleProperty().get().replaceAll("\\.ya?ml$", "");
        chooser.setInitialFileName(name + "." + format);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(format.toUpperCase() + " image", "*." + format));
        File chosen = chooser.showSaveDialog(window);
        if (chosen != null) {
            export(format, chosen.toPath(), picture);
        }
    }

    /** Writes the picture to {@code file} as "png" or "svg", in the background; the status bar says how it went. */
    void export(String format, Path file, TopologyLayout.Picture picture) {
        if ("svg".equals(format)) {
            String svg = TopologySvg.of(picture);
            tasks.run(() -> {
                FlowFiles.writeAtomically(file, svg);
                return file;
            }, done -> app.tell("Exported the topology to " + done), failure -> app.tell("Could not export: " + failure.getMessage()));
            return;
        }
        BufferedImage image = snapshot(picture);
        tasks.run(() -> {
            java.nio.file.Path part = file.resolveSibling(file.getFileName() + ".part");
            if (!javax.imageio.ImageIO.write(image, "png", part.toFile())) {
                throw new java.io.IOException("no PNG writer");
            }
            java.nio.file.Files.move(part, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return file;
        }, done -> app.tell("Exported the topology to " + done), failure -> app.tell("Could not export: " + failure.getMessage()));
    }

    /** The whole picture at its own size, drawn tile by tile (on the FX thread: only drawing; the file is written after). */
    private BufferedImage snapshot(TopologyLayout.Picture picture) {
        double zoom = view.zoom();
        view.setZoom(1);
        try {
            int width = (int) Math.ceil(picture.width());
            int height = (int) Math.ceil(picture.height());
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
            for (int y = 0; y < height; y += TILE) {
                for (int x = 0; x < width; x += TILE) {
                    int w = Math.min(TILE, width - x);
                    int h = Math.min(TILE, height - y);
                    SnapshotParameters parameters = new SnapshotParameters();
                    parameters.setFill(Color.WHITE);
                    parameters.setViewport(new Rectangle2D(x, y, w, h));
                    WritableImage tile = view.canvas().snapshot(parameters, new WritableImage(w, h));
                    int[] pixels = new int[w * h];
                    PixelReader reader = tile.getPixelReader();
                    reader.getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), pixels, 0, w);
                    image.setRGB(x, y, w, h, pixels, 0, w);
                }
            }
            return image;
        } finally {
            view.setZoom(zoom);
        }
    }
}
