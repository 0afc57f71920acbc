package dev.flowbench.ui.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What a Linux desktop needs for the window (a display, GTK 3), checked without loading JavaFX. */
final class DesktopCheck {

    private static final List<String> LIBRARY_FOLDERS = List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
            "/usr/lib64", "/usr/lib", "/lib/x86_64-linux-gnu", "/lib64");

    private DesktopCheck() {
    }

    /** Why the window cannot open here, if something it needs is missing. */
    static Optional<String> missing() {
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
