package dev.flowbench.ui.run;

import dev.flowbench.ui.app.TimeText;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.InvalidationListener;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;

/**
 * The run's tasks on a time line (id {@code timeline}): a bar per task from its start to its end, coloured by its
 * state, nested tasks indented under their WorkingDirectory. A bar is never narrower than {@link #MIN_BAR} pixels,
 * so a task of a millisecond can still be hovered and clicked; a click selects the task.
 */
final class TimelineView extends ScrollPane {

    static final double MIN_BAR = 8;
    private static final double ROW = 22;
    private static final double NAMES = 150;
    private static final double GAP = 4;

    private final Pane canvas = new Pane();
    /** A change asks for one drawing at the next turn of the FX thread: a batch of events changes rows thousands of times. */
    private final InvalidationListener redraw = o -> drawSoon();
    private boolean drawPending;
    private Consumer<TaskRunRow> select = row -> { };
    private List<TaskRunRow> rows = List.of();

    TimelineView() {
        setId("timeline");
        getStyleClass().add("timeline");
        setContent(canvas);
        setFitToWidth(true);
        canvas.getStyleClass().add("timeline-canvas");
        widthProperty().addListener(redraw);
    }

    /** What a click on a bar does. */
    void setSelect(Consumer<TaskRunRow> select) {
        this.select = select;
    }

    void show(List<TaskRunRow> shown) {
        rows.forEach(row -> {
            row.stateProperty().removeListener(redraw);
            row.durationProperty().removeListener(redraw);
        });
        rows = shown;
        rows.forEach(row -> {
            row.stateProperty().addListener(redraw);
            row.durationProperty().addListener(redraw);
        });
        draw();
    }

    private void drawSoon() {
        if (!drawPending) {
            drawPending = true;
            javafx.application.Platform.runLater(() -> {
                drawPending = false;
                draw();
            });
        }
    }

    private void draw() {
        canvas.getChildren().clear();
        Instant first = rows.stream().map(r -> r.startedProperty().get()).filter(t -> t != null).min(Instant::compareTo).orElse(null);
        if (first == null) {
            Label empty = new Label(rows.isEmpty() ? "Run the flow (F5) to see its tasks on a time line." : "Waiting for the first task...");
            empty.getStyleClass().add("empty-note");
            empty.relocate(12, 12);
            canvas.getChildren().add(empty);
            return;
        }
        Instant last = rows.stream().map(TimelineView::end).filter(t -> t != null).max(Instant::compareTo).orElse(first);
        double span = Math.max(1, Duration.between(first, last).toMillis());
        double width = Math.max(200, getWidth() - NAMES - 24);
        for (int i = 0; i < rows.size(); i++) {
            TaskRunRow row = rows.get(i);
            double y = GAP + i * ROW;
            Label name = new Label(row.taskId());
            name.getStyleClass().add("timeline-name");
            name.relocate(row.parentId() == null ? 8 : 22, y + 2);
            name.setMaxWidth(NAMES - 24);
            canvas.getChildren().add(name);
            Instant start = row.startedProperty().get();
            if (start == null) {
                continue;
            }
            Instant end = end(row);
            double x = NAMES + width * Duration.between(first, start).toMillis() / span;
            double w = Math.max(MIN_BAR, width * Duration.between(start, end == null ? last : end).toMillis() / span);
            Region bar = new Region();
            bar.getStyleClass().add("timeline-bar");
            StateLook.mark(bar, row.stateProperty().get());
            bar.setPrefSize(w, ROW - 8); // a Pane sizes its children to their preferred size
            bar.setMinSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
            bar.relocate(Math.min(x, NAMES + width - MIN_BAR), y + 3);
            String tip = row.taskId() + "  " + StateLook.text(row.stateProperty().get()) + "\nstarted " + TimeText.clock(start)
                    + (row.durationProperty().get() == null ? "" : ", took " + TimeText.duration(row.durationProperty().get()));
            bar.setOnMouseEntered(event -> { // made on the first hover: a tooltip is a window of its own, costly to make
                if (bar.getProperties().putIfAbsent("tip", tip) == null) {
                    Tooltip.install(bar, new Tooltip(tip));
                }
            });
            bar.setOnMouseClicked(event -> select.accept(row));
            canvas.getChildren().add(bar);
        }
        canvas.setPrefHeight(GAP * 2 + rows.size() * ROW);
    }

    private static Instant end(TaskRunRow row) {
        Instant start = row.startedProperty().get();
        Duration took = row.durationProperty().get();
        return start == null ? null : took == null ? start : start.plus(took);
    }
}
