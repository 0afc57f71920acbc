package dev.flowbench.ui.cache;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The dock's Cache place (id {@code cache-panel}): the WorkingDirectory cache's entries go here. */
public final class CachePanel extends VBox {

    public CachePanel() {
        setId("cache-panel");
        getStyleClass().addAll("dock-pane", "cache-panel");
        setAlignment(Pos.CENTER);
        setSpacing(8);
        FontIcon icon = new FontIcon(Feather.DATABASE);
        icon.getStyleClass().add("empty-icon");
        Label note = new Label("The WorkingDirectory cache's entries, their expiry, hits and misses will show here.\n"
                + "Meanwhile: flowbench cache ls");
        note.getStyleClass().add("empty-note");
        note.setWrapText(true);
        getChildren().addAll(icon, note);
    }
}
