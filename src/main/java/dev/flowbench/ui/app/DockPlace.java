package dev.flowbench.ui.app;

import java.util.function.Supplier;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/**
 * A place of the dock (Run, Cache, History) whose panel is made when first needed: when its tab comes to the front,
 * or while the window is idle after it starts. Styling and laying out the hidden panels with the rest of the window
 * took a third of the time to the first usable window. The place itself, with its id, is there from the start.
 */
final class DockPlace extends StackPane {

    private final Supplier<? extends Region> make;
    private Region panel;

    DockPlace(String id, Supplier<? extends Region> make) {
        this.make = make;
        setId(id);
        getStyleClass().add("dock-place");
    }

    /** The panel, made now if it is not yet. */
    Region panel() {
        if (panel == null) {
            panel = make.get();
            getChildren().setAll(panel);
        }
        return panel;
    }

    boolean isMade() {
        return panel != null;
    }
}
