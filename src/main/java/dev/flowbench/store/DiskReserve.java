package dev.flowbench.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file of zeros kept beside the database, given up when the disk is full so that the few pages an
 * execution's final state needs can still be written. Whether that last write finds room would otherwise
 * depend on where the disk happened to fill. The file is made again the next time the database opens.
 */
final class DiskReserve {

    static final int BYTES = 256 * 1024;

    private final Path file;

    DiskReserve(Path database) {
        this.file = database.resolveSibling(database.getFileName() + "-reserve");
    }

    Path file() {
        return file;
    }

    /** Makes the reserve if it is missing or short; on a disk too full for it, leaves none rather than a part. */
    void ensure() {
        try {
            if (Files.isRegularFile(file) && Files.size(file) == BYTES) {
                return;
            }
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE, StandardOpenOption.SYNC)) {
                out.write(new byte[BYTES]); // real zeros: a sparse file would reserve nothing
            }
        } catch (IOException e) {
            release();
        }
    }

    /** Gives the space back to the file system; true when there was a reserve to give. */
    boolean release() {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            return false;
        }
    }
}
