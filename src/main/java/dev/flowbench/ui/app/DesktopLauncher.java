package dev.flowbench.ui.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.application.Application;

/**
 * Starts the desktop app from a class that is not itself an Application (see stack.md: "runtime components are
 * missing"). What a Linux desktop needs is checked first, so that a missing display or GTK gets one clear line
 * rather than JavaFX's stack trace.
 */
public final class DesktopLauncher {

    private static final List<String> LIBRARY_FOLDERS = List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
            "/usr/lib64", "/usr/lib", "/lib/x86_64-linux-gnu", "/lib64");

    private DesktopLauncher() {
    }

    /** Opens the window with {@code paths} (files in tabs, a folder as the workspace); returns only if it cannot. */
    public static void launch(String[] paths) {
        Optional<String> missing = missingDesktop();
        if (missing.isPresent()) {
            System.err.println("flowbench: " + missing.get());
            System.exit(1);
        }
        try {
            Application.launch(FlowbenchApp.class, paths);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            System.err.println("flowbench: the window could not open: " + e.getMessage()
                    + " (the command line works without a display: flowbench --help)");
            System.exit(1);
        }
    }

    /** Why the window cannot open here, if something it needs is missing. */
    static Optional<String> missingDesktop() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
                || "Monocle".equals(System.getProperty("glass.platform"))) {
            return Optional.empty();
        }
        if (blank(System.getenv("DISPLAY")) && blank(System.getenv("WAYLAND_DISPLAY"))) {
            return Optional.of("no display to open the window on (DISPLAY is not set): start it from a desktop session,"
                    + " or use the command line, which needs none (flowbench --help)");
        }
        boolean gtk = LIBRARY_FOLDERS.stream().anyMatch(folder -> Files.exists(Path.of(folder, "libgtk-3.so.0")));
        if (!gtk) {
            return Optional.of("JavaFX needs GTK 3, which is not installed (on Debian or Ubuntu: sudo apt-get install libgtk-3-0)");
        }
        return Optional.empty();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
