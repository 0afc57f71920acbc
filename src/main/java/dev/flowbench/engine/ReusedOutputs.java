package dev.flowbench.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outputs of an earlier execution's task, made this execution's: its output files copied from the earlier
 * execution's storage into this one's (at the same place under it), their paths in the outputs changed to match, so
 * that a later run of this execution's tasks can be reused in turn, and removing the earlier execution loses nothing.
 */
final class ReusedOutputs {

    private static final String OUTPUT_FILES = "outputFiles";

    private ReusedOutputs() {
    }

    /** {@code outputs} of execution {@code from} with their files copied into {@code storage}; an IOException names a file gone. */
    static Map<String, Object> copy(Map<String, Object> outputs, Path executions, String from, Path storage) throws IOException {
        if (!(outputs.get(OUTPUT_FILES) instanceof Map<?, ?> files) || files.isEmpty()) {
            return outputs;
        }
        Path earlier = executions.resolve(from).toAbsolutePath().normalize();
        Path root = storage.toAbsolutePath().normalize();
        Map<String, Object> copied = new LinkedHashMap<>();
        for (Map.Entry<?, ?> file : files.entrySet()) {
            Path source = Path.of(String.valueOf(file.getValue())).toAbsolutePath().normalize();
            if (!source.startsWith(earlier)) {
                throw new IOException("its output file '" + file.getKey() + "' is not in that execution's storage");
            }
            Path target = root.resolve(earlier.relativize(source)).normalize();
            Files.createDirectories(target.getParent());
            try {
                Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            } catch (NoSuchFileException e) {
                throw new IOException("its output file '" + file.getKey() + "' is gone (" + source + ")", e);
            }
            copied.put(String.valueOf(file.getKey()), target.toString());
        }
        Map<String, Object> result = new LinkedHashMap<>(outputs);
        result.put(OUTPUT_FILES, copied);
        return result;
    }
}
