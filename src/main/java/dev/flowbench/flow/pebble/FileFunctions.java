package dev.flowbench.flow.pebble;

import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kestra's functions over output files, within an execution: {@code read(uri)} (the file as text), {@code fileSize(uri)},
 * {@code fileExists(uri)} and {@code isFileEmpty(uri)}. An output file's uri is its path here; a path outside the
 * executions' folder is refused, as Kestra refuses a file of another execution. Namespace files are not kept here.
 */
final class FileFunctions extends AbstractExtension {

    /** The most {@code read()} brings into a rendered text. */
    static final long READ_LIMIT = 32L << 20;

    private interface Body {
        Object call(Path file, String name, int line) throws IOException;
    }

    @Override
    public Map<String, Function> getFunctions() {
        return Map.of(
                "read", function("read", (file, name, line) -> read(file, name, line)),
                "fileSize", function("fileSize", (file, name, line) -> Files.size(existing(file, name, line))),
                "fileExists", function("fileExists", (file, name, line) -> Files.isRegularFile(file)),
                "isFileEmpty", function("isFileEmpty", (file, name, line) -> Files.size(existing(file, name, line)) == 0));
    }

    private static Function function(String function, Body body) {
        return new Function() {
            @Override
            public List<String> getArgumentNames() {
                return List.of("path");
            }

            @Override
            public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int line) {
                Object given = args.get("path");
                String name = given == null ? "" : String.valueOf(given).trim();
                Path file = resolve(function, name, context, line);
                try {
                    return body.call(file, name, line);
                } catch (IOException e) {
                    throw new PebbleException(e, function + "() cannot read '" + name + "': " + e.getMessage(), line, null);
                }
            }
        };
    }

    private static Path resolve(String function, String name, EvaluationContext context, int line) {
        if (!(context.getVariable(ExecutionFiles.VARIABLE) instanceof ExecutionFiles files)) {
            throw new PebbleException(null, function + "() reads an execution's files: it renders only while a flow runs", line, null);
        }
        Optional<Path> file = ExecutionFiles.resolve(files.root(), name);
        if (file.isPresent()) {
            return file.get();
        }
        throw new PebbleException(null, function + "() reads an execution's output file (a task's uri or outputFiles),"
                + " not '" + name + "'" + (name.startsWith("kestra://") ? ": a kestra:// address is a Kestra server's" : ""),
                line, null);
    }

    private static Path existing(Path file, String name, int line) {
        if (!Files.isRegularFile(file)) {
            throw new PebbleException(null, "no such file: '" + name + "'", line, null);
        }
        return file;
    }

    private static String read(Path file, String name, int line) throws IOException {
        long size = Files.size(existing(file, name, line));
        if (size > READ_LIMIT) {
            throw new PebbleException(null, "read() brings at most " + (READ_LIMIT >> 20) + " MiB into an expression; '"
                    + name + "' has " + size + " bytes", line, null);
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
