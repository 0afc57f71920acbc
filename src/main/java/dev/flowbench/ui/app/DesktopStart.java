package dev.flowbench.ui.app;

import dev.flowbench.runner.PidPrefix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The command that starts the desktop app's JVM on its class archive, one argument per line, written by the launcher
 * for the {@code flowbench} script: the script then starts that JVM itself and the launcher's JVM (a quarter of a
 * second) is not started at all. The script takes the file only if it is newer than the jar, the JVM and the archive,
 * and moves it aside to {@code PID-desktop-start} while the JVM starts; the app moves it back once it runs ({@link #confirm}). A
 * JVM that crashed on its archive leaves it aside: the next start goes through the launcher, which drops the archive
 * that crashes and writes this file again for the next one.
 */
final class DesktopStart {

    static final String FILE_NAME = "desktop-start";
    /** Set by the script in the app's environment: where it moved the file aside. */
    static final String TRIAL_VARIABLE = "FLOWBENCH_DESKTOP_START";

    private final Path file;

    DesktopStart(Path cdsFolder) {
        this.file = cdsFolder.resolve(FILE_NAME);
    }

    Path file() {
        return file;
    }

    /** Writes {@code command} (the app's JVM up to its main class) in full or not at all; removes what crashed starts left. */
    void write(List<String> command) {
        Path part = file.resolveSibling(PidPrefix.name(FILE_NAME + ".part"));
        try {
            Files.writeString(part, String.join("\n", command) + "\n", StandardCharsets.UTF_8);
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            removeLeftovers();
        } catch (IOException e) {
            remove(part); // the next start goes through the launcher, as before
        }
    }

    /** The archive went away: the script must not start a JVM on it. */
    void remove() {
        remove(file);
    }

    /** In the app started by the script: puts the file back for the next start (unless a launcher wrote a newer one). */
    static void confirm(String trial) {
        if (trial == null || trial.isBlank()) {
            return;
        }
        Path aside = Path.of(trial);
        Path file = aside.resolveSibling(FILE_NAME);
        try {
            Files.move(aside, file); // a rename, which fails rather than replace a file written meanwhile
        } catch (FileAlreadyExistsException e) {
            remove(aside);
        } catch (IOException | RuntimeException e) {
            // the next start goes through the launcher, which writes the file again
        }
    }

    private void removeLeftovers() throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(file.getParent(), "*-" + FILE_NAME + "*")) {
            for (Path entry : entries) {
                if (!PidPrefix.ownerAlive(entry.getFileName().toString())) {
                    remove(entry);
                }
            }
        }
    }

    private static void remove(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // left for the next write's clean-up
        }
    }
}
