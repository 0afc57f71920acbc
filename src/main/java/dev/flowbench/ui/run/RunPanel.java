package dev.flowbench.ui.run;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The dock's Run place (id {@code run-panel}): the tasks and logs of the running flow go here. */
public final class RunPanel extends VBox {

    public RunPanel() {
        setId("run-panel");
        getStyleClass().addAll("dock-pane", "run-panel");
        setAlignment(Pos.CENTER);
        setSpacing(8);
        FontIcon icon = new FontIcon(Feather.PLAY_CIRCLE);
        icon.getStyleClass().add("empty-icon");
        Label note = new Label("No run yet. Runs of the flow in the current tab will show their tasks and logs here.");
        note.getStyleClass().add("empty-note");
        note.setWrapText(true);
        getChildren().addAll(icon, note);
    }
}
