package dev.flowbench.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * Resuming an execution's Pauses: its folder's resume file written now (see {@link PauseRun}), by this process or
 * another ({@code flowbench resume}). The file's time says when: a Pause that began later does not take it for itself.
 */
public final class Resumes {

    private Resumes() {
    }

    /** The file that resumes execution {@code executionId}. */
    public static Path file(Path executionsDirectory, String executionId) {
        return executionsDirectory.resolve(executionId).resolve(PauseRun.RESUME_FILE);
    }

    /** Writes {@code file} now; false when its execution's folder is not there (it never ran here, or was removed). */
    public static boolean request(Path file) {
        if (!Files.isDirectory(file.getParent())) {
            return false;
        }
        try {
            Files.writeString(file, Instant.now().toString());
            Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
