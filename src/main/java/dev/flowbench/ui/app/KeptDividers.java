package dev.flowbench.ui.app;

import javafx.application.Platform;
import javafx.scene.control.SplitPane;
import javafx.scene.input.MouseEvent;

/**
 * A split pane whose dividers stay where the user put them (or where they were first set): a window made small
 * squeezes one side against its least size and moves the divider, and JavaFX keeps the divider there when the window
 * grows again. Here the positions chosen are applied again after each resize.
 */
public final class KeptDividers {

    private final SplitPane split;
    private double[] chosen;
    private boolean pending;

    private KeptDividers(SplitPane split, double... positions) {
        this.split = split;
        this.chosen = positions.clone();
        split.setDividerPositions(positions);
        split.widthProperty().addListener(o -> applySoon());
        split.heightProperty().addListener(o -> applySoon());
        split.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> chosen = split.getDividerPositions()); // the user's drag
    }

    /** Keeps {@code split}'s dividers at {@code positions} (shares of its size) until the user drags them. */
    public static void keep(SplitPane split, double... positions) {
        new KeptDividers(split, positions);
    }

    private void applySoon() {
        if (!pending) {
            pending = true;
            Platform.runLater(() -> { // after the split pane's own layout at its new size
                pending = false;
                if (chosen.length == split.getDividers().size()) {
                    split.setDividerPositions(chosen);
                }
            });
        }
    }
}
