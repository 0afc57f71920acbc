package dev.flowbench.engine.tasks;

import dev.flowbench.engine.JsonValues;
import dev.flowbench.engine.TaskContext;
import dev.flowbench.engine.TaskOutcome;
import dev.flowbench.engine.storage.FileSplit;
import dev.flowbench.flow.StorageTask;
import dev.flowbench.flow.pebble.ExecutionFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * storage.Write ({@code {uri}}), Concat ({@code {uri}}, the separator after each file), Split ({@code {uris}}), Size
 * ({@code {size}}) and Delete ({@code {uri, deleted}}) as Kestra 2.0 runs them (kestra-oracle, see StorageTasksTest),
 * over output files: a uri is the file's path here. Reads are allowed from any execution's files (a Subflow's are its
 * child's), a Delete only within this execution's.
 */
public final class StorageHandler implements TaskHandler<StorageTask> {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(KB|MB|GB|TB)", Pattern.CASE_INSENSITIVE);

    @Override
    public TaskOutcome run(StorageTask task, TaskContext context) {
        try {
            return switch (task.operation()) {
                case WRITE -> write(task, context);
                case SIZE -> TaskOutcome.success(Map.of("size", Files.size(existing(text(task, "uri", context), context))));
                case CONCAT -> concat(task, context);
                case SPLIT -> split(task, context);
                case DELETE -> delete(task, context);
            };
        } catch (IllegalArgumentException e) {
            return TaskOutcome.failed(e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            return TaskOutcome.failed("cannot " + task.operation().name().toLowerCase(Locale.ROOT) + " the file: " + e.getMessage());
        }
    }

    private static TaskOutcome write(StorageTask task, TaskContext context) throws IOException {
        Object content = rendered(task, "content", context);
        String text = content == null ? "" : content instanceof String t ? t : JsonValues.text(content);
        Path file = newFile(context, optional(task, "extension", context).orElse(".tmp"));
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return TaskOutcome.success(Map.of("uri", file.toString()));
    }

    private static TaskOutcome concat(StorageTask task, TaskContext context) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String uri : uris(rendered(task, "files", context))) {
            files.add(existing(uri, context));
        }
        byte[] separator = optional(task, "separator", context).orElse("").getBytes(StandardCharsets.UTF_8);
        Path file = newFile(context, optional(task, "extension", context).orElse(".tmp"));
        try (OutputStream out = Files.newOutputStream(file)) {
            for (Path each : files) {
                try (InputStream in = Files.newInputStream(each)) {
                    in.transferTo(out);
                }
                out.write(separator);
            }
        }
        return TaskOutcome.success(Map.of("uri", file.toString()));
    }

    private static TaskOutcome split(StorageTask task, TaskContext context) throws IOException {
        Path from = existing(text(task, "from", context), context);
        String separator = optional(task, "separator", context).orElse("\n");
        if (separator.isEmpty()) {
            throw new IllegalArgumentException("`separator` cannot be empty");
        }
        FileSplit.Strategy strategy = strategy(task, context);
        String name = from.getFileName().toString();
        String extension = name.lastIndexOf('.') > 0 ? name.substring(name.lastIndexOf('.')) : "";
        Path folder = folder(context);
        List<Path> parts = FileSplit.split(from, strategy, separator, index -> folder.resolve(String.format("part-%05d%s", index, extension)));
        return TaskOutcome.success(Map.of("uris", parts.stream().map(Path::toString).toList()));
    }

    private static FileSplit.Strategy strategy(StorageTask task, TaskContext context) {
        List<FileSplit.Strategy> asked = new ArrayList<>();
        optional(task, "rows", context).ifPresent(rows -> asked.add(new FileSplit.Rows(positive("rows", rows))));
        optional(task, "partitions", context).ifPresent(parts -> asked.add(new FileSplit.Partitions((int) Math.min(
                positive("partitions", parts), FileSplit.MAX_PARTS))));
        optional(task, "bytes", context).ifPresent(bytes -> asked.add(new FileSplit.Bytes(bytes(bytes))));
        optional(task, "regexPattern", context).ifPresent(regex -> {
            try {
                asked.add(new FileSplit.Regex(Pattern.compile(regex)));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("`regexPattern` is not a regular expression: " + e.getDescription());
            }
        });
        if (asked.size() != 1) {
            throw new IllegalArgumentException("Split needs exactly one of `rows`, `bytes`, `partitions` or `regexPattern`"
                    + (asked.isEmpty() ? ", and has none" : ", and has " + asked.size()));
        }
        return asked.get(0);
    }

    private static long bytes(String written) {
        Matcher matcher = SIZE.matcher(written.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Invalid size with value '" + written + "': `bytes` is a size such as 200KB or 10MB");
        }
        int power = List.of("KB", "MB", "GB", "TB").indexOf(matcher.group(2).toUpperCase(Locale.ROOT)) + 1;
        return Long.parseLong(matcher.group(1)) << (10 * power);
    }

    private static long positive(String property, String written) {
        try {
            long value = Long.parseLong(written.trim());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("`" + property + "` must be a whole number above 0, not '" + written + "'");
    }

    private static TaskOutcome delete(StorageTask task, TaskContext context) throws IOException {
        String uri = text(task, "uri", context);
        Path file = ExecutionFiles.resolve(context.executionStorage(), uri).orElseThrow(() -> new IllegalArgumentException(
                "Delete removes a file of this execution (a task's uri or outputFiles), not '" + uri + "'"));
        boolean deleted = Files.isRegularFile(file) && Files.deleteIfExists(file);
        boolean errorOnMissing = optional(task, "errorOnMissing", context).map("true"::equalsIgnoreCase).orElse(false);
        if (!deleted && errorOnMissing) {
            throw new IllegalArgumentException("Unable to find file '" + uri + "'");
        }
        return TaskOutcome.success(Map.of("uri", uri, "deleted", deleted));
    }

    private static Path existing(String uri, TaskContext context) {
        Path file = ExecutionFiles.resolve(context.executionsRoot(), uri).orElseThrow(() -> new IllegalArgumentException(
                "'" + uri + "' is not an output file of an execution (a task's uri or outputFiles)"));
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("Unable to find file '" + uri + "'");
        }
        return file;
    }

    /** Concat's {@code files}: a list of uris, or a text that is a JSON list of them. */
    private static List<String> uris(Object files) {
        Object list = files;
        if (files instanceof String text && text.trim().startsWith("[")) {
            try {
                list = JsonValues.mapper().readValue(text.trim(), List.class);
            } catch (IOException e) {
                throw new IllegalArgumentException("`files` is a text that is not a JSON list: " + e.getMessage());
            }
        }
        if (list instanceof List<?> uris) {
            return uris.stream().map(String::valueOf).toList();
        }
        if (list instanceof String one && !one.isBlank()) {
            return List.of(one);
        }
        throw new IllegalArgumentException("`files` must be a list of output files to concatenate");
    }

    private static Path folder(TaskContext context) throws IOException {
        return Files.createDirectories(context.storage());
    }

    private static Path newFile(TaskContext context, String extension) throws IOException {
        String suffix = extension.isEmpty() || extension.startsWith(".") ? extension : "." + extension;
        if (suffix.contains("/") || suffix.contains("\\")) {
            throw new IllegalArgumentException("`extension` must be a file extension such as .csv, not '" + extension + "'");
        }
        return Files.createTempFile(folder(context), context.task().id() + "-", suffix);
    }

    private static Object rendered(StorageTask task, String property, TaskContext context) {
        return Rendered.property(task, property, context).orElse(null);
    }

    private static Optional<String> optional(StorageTask task, String property, TaskContext context) {
        return Optional.ofNullable(rendered(task, property, context)).map(String::valueOf);
    }

    private static String text(StorageTask task, String property, TaskContext context) {
        return optional(task, property, context).map(String::trim)
                .orElseThrow(() -> new IllegalArgumentException("`" + property + "` is required"));
    }
}
