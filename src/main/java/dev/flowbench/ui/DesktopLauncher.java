package dev.flowbench.ui;

import javafx.application.Application;

/** Starts the JavaFX app from a class that is not itself an Application (see stack.md: "runtime components are missing"). */
public final class DesktopLauncher {

    private DesktopLauncher() {
    }

    public static void launch(String[] args) {
        Application.launch(FlowbenchApp.class, args);
    }
}
