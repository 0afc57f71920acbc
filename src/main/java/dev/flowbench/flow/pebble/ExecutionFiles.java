package dev.flowbench.flow.pebble;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/** The output files {@code read()}, {@code fileSize()}, {@code fileExists()} and {@code isFileEmpty()} may read. */
public interface ExecutionFiles {

    /** The variable under which a rendering finds it. */
    String VARIABLE = "__flowbench_files";

    /** The executions' folder: every output file an expression may read lies under it. */
    Path root();

    /**
     * The file an output file's uri names (its absolute path here, or a file: address) when it lies under
     * {@code root}; empty for anything else, a relative path or a Kestra server's kestra:// address among them.
     */
    static Optional<Path> resolve(Path root, String uri) {
        String path = uri.trim();
        path = path.startsWith("file://") ? path.substring("file://".length()) : path;
        try {
            Path given = Path.of(path);
            Path file = given.toAbsolutePath().normalize();
            return given.isAbsolute() && file.startsWith(root.toAbsolutePath().normalize()) ? Optional.of(file) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
