package dev.flowbench.engine;

import dev.flowbench.flow.Input;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * FILE inputs made the execution's own, as Kestra puts them in its internal storage: each file given is copied into
 * the execution's storage ({@code inputs/ID/NAME}, read-only) and the input's value is the copy. What the flow reads is
 * then what it was given when it started, whatever happens to the user's file after, and the copy is known by its
 * content wherever a task's definition names it (see {@link StoragePaths}): the task cache and "run up to here" key on
 * what the file holds, not on where it was.
 */
final class InputFiles {

    private InputFiles() {
    }

    /** {@code values} with each FILE input's file copied under {@code storage}; an IOException names the input and why. */
    static Map<String, Object> copyInto(List<Input> inputs, Map<String, Object> values, Path storage) throws IOException {
        Map<String, Object> own = new LinkedHashMap<>(values);
        for (Input input : inputs) {
            if (!"FILE".equalsIgnoreCase(input.type()) || !(values.get(input.id()) instanceof String given)) {
                continue;
            }
            Path source = Path.of(given);
            Path target = storage.resolve("inputs").resolve(input.id()).resolve(source.getFileName().toString());
            try {
                Files.createDirectories(target.getParent());
                try (InputStream in = Files.isSymbolicLink(source) ? RegularFiles.open(source.toRealPath()) : RegularFiles.open(source)) {
                    Files.copy(in, target);
                }
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("r--r--r--"));
            } catch (IOException e) {
                throw new IOException("input '" + input.id() + "': cannot read " + given + ": " + describe(e), e);
            }
            own.put(input.id(), target.toString());
        }
        return own;
    }

    private static String describe(IOException e) {
        return e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
