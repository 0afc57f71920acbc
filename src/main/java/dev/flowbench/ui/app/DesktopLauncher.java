package dev.flowbench.ui.app;

import java.util.Optional;
import java.util.logging.Logger;
import javafx.application.Application;

/**
 * Starts the desktop app from a class that is not itself an Application (see stack.md: "runtime components are
 * missing"). What a Linux desktop needs is checked first, so that a missing display or GTK gets one clear line
 * rather than JavaFX's stack trace.
 */
public final class DesktopLauncher {

    /** Held here: a logger nobody holds may be collected, and its filter with it. */
    private static final Logger JAVAFX_LOG = Logger.getLogger("javafx");

    private DesktopLauncher() {
    }

    /**
     * JavaFX warns at every start that its classes come from the class path rather than from modules: the app is one
     * jar on purpose, and the warning would only puzzle whoever started it from a terminal. Its other messages stay.
     */
    private static void quietTheClassPathWarning() {
        JAVAFX_LOG.setFilter(record -> record.getMessage() == null || !record.getMessage().startsWith("Unsupported JavaFX configuration"));
    }

    /**
     * Loads the flow validator (its schema compiled, half a second on a fresh JVM) while the toolkit starts, so that
     * the first tab's problems follow its text sooner; the first check waits for it rather than loading it again.
     */
    private static void loadTheValidatorMeanwhile() {
        Thread loader = new Thread(() -> dev.flowbench.ui.editor.EditorViewModel.validate(""), "flowbench-validator-load");
        loader.setDaemon(true);
        loader.start();
    }

    /** Opens the window with {@code paths} (files in tabs, a folder as the workspace); returns only if it cannot. */
    public static void launch(String[] paths) {
        Optional<String> missing = DesktopCheck.missing();
        if (missing.isPresent()) {
            System.err.println("flowbench: " + missing.get());
            System.exit(1);
        }
        loadTheValidatorMeanwhile();
        quietTheClassPathWarning();
        try {
            Application.launch(FlowbenchApp.class, paths);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            System.err.println("flowbench: the window could not open: " + e.getMessage()
                    + " (the command line works without a display: flowbench --help)");
            System.exit(1);
        }
    }
}
