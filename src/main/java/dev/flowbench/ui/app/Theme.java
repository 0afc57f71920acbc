package dev.flowbench.ui.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.paint.Color;

/** AtlantaFX's Primer themes, light and dark, with the app's own stylesheets on top. */
final class Theme {

    private static final String[] STYLESHEETS = {
        "/dev/flowbench/ui/app/app.css",
        "/dev/flowbench/ui/editor/editor.css",
        "/dev/flowbench/ui/run/run.css",
        "/dev/flowbench/ui/cache/cache.css",
        "/dev/flowbench/ui/history/history.css",
        "/dev/flowbench/ui/topology/topology.css",
        "/dev/flowbench/ui/form/form.css",
    };

    private Theme() {
    }

    /**
     * Makes {@code theme}'s stylesheet the application's. Called before the first control is made, it also spares
     * loading JavaFX's own (Modena) for nothing. The binary form loads faster than the CSS text.
     */
    static void useStylesheet(UiSettings.Theme theme) {
        String sheet = theme == UiSettings.Theme.DARK
                ? new PrimerDark().getUserAgentStylesheetBSS() : new PrimerLight().getUserAgentStylesheetBSS();
        if (!sheet.equals(Application.getUserAgentStylesheet())) {
            Application.setUserAgentStylesheet(sheet);
        }
    }

    /** What the window shows before its first frame is styled: the theme's background, not JavaFX's white. */
    static final Color DARK_BACKGROUND = Color.web("#0d1117");
    static final Color LIGHT_BACKGROUND = Color.WHITE;

    static void apply(Scene scene, UiSettings.Theme theme) {
        useStylesheet(theme);
        scene.setFill(theme == UiSettings.Theme.DARK ? DARK_BACKGROUND : LIGHT_BACKGROUND);
        scene.getRoot().getStyleClass().removeAll("theme-light", "theme-dark");
        scene.getRoot().getStyleClass().add(theme == UiSettings.Theme.DARK ? "theme-dark" : "theme-light");
        if (scene.getStylesheets().isEmpty()) {
            for (String sheet : STYLESHEETS) {
                scene.getStylesheets().add(Theme.class.getResource(sheet).toExternalForm());
            }
        }
    }
}
