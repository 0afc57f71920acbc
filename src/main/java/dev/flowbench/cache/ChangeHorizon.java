package dev.flowbench.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import dev.flowbench.runner.PidPrefix;
import java.util.Optional;
import java.util.UUID;

/**
 * A moment that divides changes of files in two: every change made before it has a change time (ctime) at or before
 * it, every change made after it a later one. The kernel stamps ctimes from a clock that moves in ticks of a few
 * milliseconds, so the horizon is the ctime of a file made now, and it is returned only once the clock has moved past
 * it (a file made then has a later ctime). On a filesystem whose clock does not move within {@link #WAIT_NANOS} (one
 * keeping whole seconds) there is none.
 */
final class ChangeHorizon {

    static final long WAIT_NANOS = 50_000_000L;

    private ChangeHorizon() {
    }

    /** The horizon, marked with scratch files in {@code folder} (on the filesystem of the files it is for). */
    static Optional<FileTime> mark(Path folder) throws IOException {
        FileTime horizon = touch(folder);
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (System.nanoTime() < deadline) {
            if (touch(folder).compareTo(horizon) > 0) {
                return Optional.of(horizon);
            }
            Thread.onSpinWait();
        }
        return Optional.empty();
    }

    private static FileTime touch(Path folder) throws IOException {
        Path scratch = folder.resolve(PidPrefix.name("horizon-" + UUID.randomUUID()));
        Files.createFile(scratch);
        try {
            return StatAttributes.of(scratch).changeTime();
        } finally {
            Files.deleteIfExists(scratch);
        }
    }
}
