package dev.flowbench.store;

import dev.flowbench.engine.RegularFiles;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Executions' complete logs: one file per execution, {@code executions/ID/log.jsonl.zst}, a JSON object per
 * line (zstd-compressed), ending with {@code {"end": LINES}} when the execution ended normally. The database
 * keeps the first lines for quick display; these files keep all of them, within a size limit
 * ({@value #MAX_SIZE_SETTING} in settings.properties) that removes the oldest first.
 */
public final class ExecutionLogs {

    public static final String MAX_SIZE_SETTING = "logs.maxSize";
    public static final long DEFAULT_MAX_BYTES = 2L * 1024 * 1024 * 1024;
    static final String END_FIELD = "end";
    private static final String FILE_NAME = "log.jsonl.zst";
    private static final Pattern EXECUTION_ID = Pattern.compile("[0-9A-Za-z]{1,64}");
    private static final JsonFactory JSON = new JsonFactory();

    /** How reading a log went: how many lines, and whether the file was complete (else it was cut short). */
    public record Read(long lines, boolean complete) {
    }

    private ExecutionLogs() {
    }

    /** The log file of an execution; the id is checked to be one Flowbench gives, so it cannot name another path. */
    public static Path file(Path executionsDirectory, String executionId) {
        if (executionId == null || !EXECUTION_ID.matcher(executionId).matches()) {
            throw new IllegalArgumentException("'" + executionId + "' is not an execution id");
        }
        return executionsDirectory.resolve(executionId).resolve(FILE_NAME);
    }

    /**
     * Hands every line of the file to {@code each}, streaming. A file cut short (the process was killed, the disk
     * filled up) gives the lines before the cut and {@code complete == false}; a missing file throws
     * {@link NoSuchFileException}.
     */
    public static Read read(Path file, Consumer<LogRecord> each) throws IOException {
        long lines = 0;
        try (InputStream in = new ZstdInputStream(new BufferedInputStream(RegularFiles.open(file), 1 << 16));
             JsonParser parser = JSON.createParser(in)) {
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                Long end = null;
                long seq = 0;
                long at = 0;
                String task = null;
                String taskRun = null;
                String level = null;
                String stream = null;
                String message = null;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    parser.nextToken();
                    switch (field) {
                        case END_FIELD -> end = parser.getLongValue();
                        case "seq" -> seq = parser.getLongValue();
                        case "at" -> at = parser.getLongValue();
                        case "task" -> task = parser.getText();
                        case "taskRun" -> taskRun = parser.getText();
                        case "level" -> level = parser.getText();
                        case "stream" -> stream = parser.getText();
                        case "message" -> message = parser.getText();
                        default -> parser.skipChildren();
                    }
                }
                if (end != null) {
                    return new Read(lines, true);
                }
                each.accept(new LogRecord(seq, Instant.ofEpochMilli(at), task, taskRun, level, stream, message));
                lines++;
            }
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            return new Read(lines, false); // cut short: what came before the cut was handed over
        }
        return new Read(lines, false);
    }

    /**
     * Removes the log files of finished executions, oldest first, until those left take at most {@code maxBytes};
     * the logs of {@code running} executions are kept. Returns the ids whose log was removed.
     */
    public static List<String> removeOldest(Path executionsDirectory, long maxBytes, Set<String> running) throws IOException {
        record Found(String id, Path file, long bytes, long modified) {
        }
        List<Found> found = new ArrayList<>();
        if (!Files.isDirectory(executionsDirectory)) {
            return List.of();
        }
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(executionsDirectory)) {
            for (Path folder : folders) {
                String id = folder.getFileName().toString();
                Path file = folder.resolve(FILE_NAME);
                if (EXECUTION_ID.matcher(id).matches() && Files.isRegularFile(file)) {
                    found.add(new Found(id, file, Files.size(file), Files.getLastModifiedTime(file).toMillis()));
                }
            }
        }
        long total = found.stream().mapToLong(Found::bytes).sum();
        found.sort(Comparator.comparingLong(Found::modified));
        List<String> removed = new ArrayList<>();
        for (Found log : found) {
            if (total <= maxBytes) {
                break;
            }
            if (running.contains(log.id())) {
                continue;
            }
            Files.deleteIfExists(log.file());
            total -= log.bytes();
            removed.add(log.id());
        }
        return removed;
    }

    /** A message for a failure to write: a full disk said as such. */
    static String describe(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.contains("No space left on device") ? "the disk is full (" + message + ")" : message;
    }
}
