package dev.flowbench.engine;

import dev.flowbench.runner.PidPrefix;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The temporary folders tasks run in, under one root ({@code FLOWBENCH_HOME/work}) and named after the process
 * that made them, so that those a killed process could not remove are removed at the next start.
 */
public final class WorkDirectories {

    private WorkDirectories() {
    }

    /** A new empty folder for {@code purpose} (e.g. "wd-build"). */
    public static Path create(Path root, String purpose) throws IOException {
        Files.createDirectories(root);
        return Files.createTempDirectory(root, PidPrefix.name(purpose + "-"));
    }

    /** Removes the folders of processes that are gone; returns how many. */
    public static int removeAbandoned(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(root)) {
            for (Path folder : folders) {
                if (!PidPrefix.ownerAlive(folder.getFileName().toString())) {
                    WorkFiles.deleteTree(folder);
                    removed++;
                }
            }
        }
        return removed;
    }
}
