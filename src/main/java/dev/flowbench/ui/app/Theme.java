package dev.flowbench.ui.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Scene;

/** AtlantaFX's Primer themes, light and dark, with the app's own stylesheets on top. */
final class Theme {

    private static final String[] STYLESHEETS = {
        "/dev/flowbench/ui/app/app.css",
        "/dev/flowbench/ui/editor/editor.css",
    };

    private Theme() {
    }

    static void apply(Scene scene, UiSettings.Theme theme) {
        Application.setUserAgentStylesheet(theme == UiSettings.Theme.DARK
                ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
        scene.getRoot().getStyleClass().removeAll("theme-light", "theme-dark");
        scene.getRoot().getStyleClass().add(theme == UiSettings.Theme.DARK ? "theme-dark" : "theme-light");
        if (scene.getStylesheets().isEmpty()) {
            for (String sheet : STYLESHEETS) {
                scene.getStylesheets().add(Theme.class.getResource(sheet).toExternalForm());
            }
        }
    }
}
