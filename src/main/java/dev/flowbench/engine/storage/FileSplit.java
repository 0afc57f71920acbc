package dev.flowbench.engine.storage;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Scanner;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * storage.Split as Kestra 2.0 splits (kestra-oracle, see StorageTasksTest): the file is read as records ended by
 * {@code separator} and written to parts, each record followed by the separator; by {@code rows} per part, by
 * {@code bytes} (a part is closed once it holds that many bytes or more), in {@code partitions} dealt round-robin,
 * or grouped by the first capture group of {@code regexPattern} (parts in the order their key first appears; records
 * it does not match are left out). Parts are streamed: a large file is never held in memory.
 */
public final class FileSplit {

    /** The way of splitting a task asked for; exactly one. */
    public sealed interface Strategy permits Rows, Bytes, Partitions, Regex {
    }

    public record Rows(long rows) implements Strategy {
    }

    public record Bytes(long bytes) implements Strategy {
    }

    public record Partitions(int partitions) implements Strategy {
    }

    public record Regex(Pattern pattern) implements Strategy {
    }

    /** The most parts one Split may write: each is a file, and a pattern of many keys could make millions. */
    public static final int MAX_PARTS = 10_000;

    private FileSplit() {
    }

    /** The parts of {@code from}, made by {@code newPart} (which names a new empty file), in order. */
    public static List<Path> split(Path from, Strategy strategy, String separator, Function<Integer, Path> newPart)
            throws IOException {
        Parts parts = new Parts(newPart, separator);
        try (Scanner records = new Scanner(Files.newBufferedReader(from, StandardCharsets.UTF_8))
                .useDelimiter(Pattern.quote(separator))) {
            if (strategy instanceof Rows rows) {
                byRows(records, rows.rows(), parts);
            } else if (strategy instanceof Bytes bytes) {
                byBytes(records, bytes.bytes(), parts);
            } else if (strategy instanceof Partitions partitions) {
                byPartitions(records, partitions.partitions(), parts);
            } else if (strategy instanceof Regex regex) {
                byKey(records, regex.pattern(), parts);
            }
        } finally {
            parts.close();
        }
        return parts.files;
    }

    private static void byRows(Scanner records, long rows, Parts parts) throws IOException {
        long inPart = 0;
        Part part = null;
        while (records.hasNext()) {
            if (part == null || inPart == rows) {
                part = parts.next();
                inPart = 0;
            }
            part.write(records.next());
            inPart++;
        }
    }

    private static void byBytes(Scanner records, long bytes, Parts parts) throws IOException {
        Part part = null;
        while (records.hasNext()) {
            if (part == null || part.size >= bytes) {
                part = parts.next();
            }
            part.write(records.next());
        }
    }

    private static void byPartitions(Scanner records, int partitions, Parts parts) throws IOException {
        List<Part> open = new ArrayList<>();
        for (int i = 0; i < partitions; i++) {
            open.add(parts.next());
        }
        long index = 0;
        while (records.hasNext()) {
            open.get((int) (index++ % partitions)).write(records.next());
        }
    }

    private static void byKey(Scanner records, Pattern pattern, Parts parts) throws IOException {
        Map<String, Part> byKey = new LinkedHashMap<>();
        while (records.hasNext()) {
            String record = records.next();
            Matcher matcher = pattern.matcher(record);
            if (matcher.find() && matcher.groupCount() > 0 && matcher.group(1) != null) {
                Part part = byKey.get(matcher.group(1));
                if (part == null) {
                    part = parts.next();
                    byKey.put(matcher.group(1), part);
                }
                part.write(record);
            }
        }
    }

    /** The parts written so far, all kept open until the split ends (partitions and keys write to several at once). */
    private static final class Parts {
        private final Function<Integer, Path> newPart;
        private final String separator;
        private final List<Path> files = new ArrayList<>();
        private final List<Part> open = new ArrayList<>();

        Parts(Function<Integer, Path> newPart, String separator) {
            this.newPart = newPart;
            this.separator = separator;
        }

        Part next() throws IOException {
            if (files.size() == MAX_PARTS) {
                throw new IOException("the split would make more than " + MAX_PARTS + " files");
            }
            Path file = newPart.apply(files.size());
            files.add(file);
            Part part = new Part(Files.newBufferedWriter(file, StandardCharsets.UTF_8), separator);
            open.add(part);
            return part;
        }

        void close() throws IOException {
            IOException first = null;
            for (Part part : open) {
                try {
                    part.out.close();
                } catch (IOException e) {
                    first = first == null ? e : first;
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }

    private static final class Part {
        private final BufferedWriter out;
        private final String separator;
        private long size;

        Part(BufferedWriter out, String separator) {
            this.out = out;
            this.separator = separator;
        }

        void write(String record) throws IOException {
            out.write(record);
            out.write(separator);
            size += (record + separator).getBytes(StandardCharsets.UTF_8).length;
        }
    }
}
