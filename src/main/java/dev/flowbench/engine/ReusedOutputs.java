package dev.flowbench.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outputs of an earlier execution's task, made this execution's: its output files copied from the earlier
 * execution's storage into this one's (at the same place under it), their paths in the outputs changed to match, so
 * that a later run of this execution's tasks can be reused in turn, nothing this execution does reaches the earlier
 * one's files, and removing the earlier execution loses nothing. Each file is checked, as it is copied, against the
 * SHA-256 its task left it with: a file changed since (edited, appended to) cannot stand in for the task's output.
 */
final class ReusedOutputs {

    private static final String OUTPUT_FILES = "outputFiles";

    private ReusedOutputs() {
    }

    /**
     * {@code outputs} of execution {@code from} with their files copied into {@code storage}; an IOException says which
     * file is gone or not as recorded ({@code digests}: name to SHA-256, null when the run was recorded without them).
     */
    static Map<String, Object> copy(Map<String, Object> outputs, Map<String, String> digests, Path executions, String from,
                                    Path storage) throws IOException {
        if (!(outputs.get(OUTPUT_FILES) instanceof Map<?, ?> files) || files.isEmpty()) {
            return outputs;
        }
        if (digests == null) {
            throw new IOException("its output files were recorded without their SHA-256 (by an earlier Flowbench), so they"
                    + " cannot be checked");
        }
        Path earlier = executions.resolve(from).toAbsolutePath().normalize();
        Path root = storage.toAbsolutePath().normalize();
        Map<String, Object> copied = new LinkedHashMap<>();
        for (Map.Entry<?, ?> file : files.entrySet()) {
            String name = String.valueOf(file.getKey());
            Path source = Path.of(String.valueOf(file.getValue())).toAbsolutePath().normalize();
            if (!source.startsWith(earlier)) {
                throw new IOException("its output file '" + name + "' is not in that execution's storage");
            }
            Path target = root.resolve(earlier.relativize(source)).normalize();
            Files.createDirectories(target.getParent());
            copyChecked(name, source, target, digests.get(name));
            copied.put(name, target.toString());
        }
        Map<String, Object> result = new LinkedHashMap<>(outputs);
        result.put(OUTPUT_FILES, copied);
        return result;
    }

    private static void copyChecked(String name, Path source, Path target, String expected) throws IOException {
        MessageDigest digest = StoragePaths.sha256();
        try (InputStream in = new DigestInputStream(RegularFiles.open(source), digest)) {
            Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchFileException e) {
            throw new IOException("its output file '" + name + "' is gone (" + source + ")", e);
        }
        if (!HexFormat.of().formatHex(digest.digest()).equals(expected)) {
            Files.deleteIfExists(target);
            throw new IOException("its output file '" + name + "' changed after that run recorded it (" + source
                    + ": its SHA-256 differs)");
        }
    }
}
