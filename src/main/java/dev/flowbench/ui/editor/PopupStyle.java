package dev.flowbench.ui.editor;

import javafx.scene.Parent;
import javafx.scene.Scene;

/**
 * A popup lives in a scene of its own: its content takes the window's stylesheets and theme class, and the
 * "root" class that carries the theme's colours, so it looks like the window in light and dark alike.
 */
final class PopupStyle {

    private PopupStyle() {
    }

    static void follow(Parent content, Scene window) {
        if (window == null) {
            return;
        }
        content.getStylesheets().setAll(window.getStylesheets());
        content.getStyleClass().removeAll("root", "theme-light", "theme-dark");
        content.getStyleClass().add("root");
        content.getStyleClass().addAll(window.getRoot().getStyleClass().filtered(c -> c.startsWith("theme-")));
    }
}
