package dev.flowbench.ui.run;

import dev.flowbench.engine.LogLevel;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Log lines in a ring, oldest first, packed: arrays of numbers, shared names and a {@link TextArena}, not an object
 * each, and a {@link LogRow} made again when one is asked for. Kept as objects, the 100,000 lines a flood leaves
 * waiting and on view were copied by the garbage collector at every pause while they were young, and the window
 * stalled for as long (30 to 60 ms on two cores). Not thread-safe.
 */
final class PackedLines {

    /** A message whose text does not fit one of the arena's arrays is cut to this many characters (the log file has it all). */
    static final int LONGEST_KEPT_CHARS = TextArena.CHUNK_BYTES / 4;
    private static final int FIRST_SIZE = 1024;
    private static final LogLevel[] LEVELS = LogLevel.values();

    private final int capacity;
    private final TextArena text = new TextArena();
    /** Task ids and stream names, one String each however many lines name them. */
    private final Map<String, String> names = new HashMap<>();
    // one slot per line, in a ring from head
    private long[] seconds = new long[FIRST_SIZE];
    private int[] nanos = new int[FIRST_SIZE];
    private String[] task = new String[FIRST_SIZE];
    private String[] stream = new String[FIRST_SIZE];
    private byte[] level = new byte[FIRST_SIZE];
    private long[] textAt = new long[FIRST_SIZE];
    private int[] textLength = new int[FIRST_SIZE];
    private int head;
    private int size;

    PackedLines(int capacity) {
        this.capacity = capacity;
    }

    int size() {
        return size;
    }

    int capacity() {
        return capacity;
    }

    LogRow get(int index) {
        Objects.checkIndex(index, size);
        int at = slot(index);
        return new LogRow(Instant.ofEpochSecond(seconds[at], nanos[at]), task[at], LEVELS[level[at]], stream[at],
                text.read(textAt[at], textLength[at]));
    }

    /** A message as this keeps it (UTF-8; cut if too long to keep), made before {@link #add}, outside any lock. */
    static byte[] text(String message) {
        byte[] bytes = TextArena.encode(message);
        return bytes.length <= TextArena.CHUNK_BYTES ? bytes : TextArena.encode(cut(message));
    }

    /** Adds a line at the end, its message {@link #text made} already; the caller keeps to the capacity (drop the oldest first). */
    void add(Instant time, String taskId, LogLevel lineLevel, String lineStream, byte[] message) {
        append(time.getEpochSecond(), time.getNano(), taskId, lineStream, (byte) lineLevel.ordinal(), text.append(message),
                message.length);
    }

    void add(LogRow row) {
        add(row.time(), row.taskId(), row.level(), row.stream(), text(row.message()));
    }

    /** Moves the oldest {@code count} lines to the end of {@code target}, in order, their text copied as it is kept. */
    void moveOldestTo(PackedLines target, int count) {
        if (target.size + count > target.capacity) {
            throw new IllegalStateException("no room for " + count + " lines");
        }
        target.grow(target.size + count);
        for (int i = 0; i < count; i++) {
            int from = slot(i);
            target.append(seconds[from], nanos[from], task[from], stream[from], level[from],
                    target.text.appendCopy(text, textAt[from], textLength[from]), textLength[from]);
        }
        dropOldest(count);
    }

    /** Fills the slot after the last line; its text is in the arena already. */
    private void append(long second, int nano, String taskId, String lineStream, byte lineLevel, long at, int length) {
        if (size == capacity) {
            throw new IllegalStateException("full: " + capacity + " lines");
        }
        grow(size + 1);
        int slot = slot(size);
        seconds[slot] = second;
        nanos[slot] = nano;
        task[slot] = shared(taskId);
        stream[slot] = shared(lineStream);
        level[slot] = lineLevel;
        textAt[slot] = at;
        textLength[slot] = length;
        size++;
    }

    void dropOldest(int count) {
        for (int i = 0; i < count; i++) {
            int at = slot(i);
            task[at] = null;
            stream[at] = null;
        }
        head = (head + count) % seconds.length;
        size -= count;
        text.releaseBefore(size > 0 ? textAt[slot(0)] : Long.MAX_VALUE);
    }

    /** Arrays of text held, for tests. */
    int textChunks() {
        return text.chunkCount();
    }

    private String shared(String name) {
        return name == null ? null : names.computeIfAbsent(name, n -> n);
    }

    private static String cut(String message) {
        return message.substring(0, LONGEST_KEPT_CHARS) + String.format(Locale.ROOT,
                " ... (%,d more characters in the run's log file)", message.length() - LONGEST_KEPT_CHARS);
    }

    private int slot(int index) {
        return (head + index) % seconds.length;
    }

    private void grow(int needed) {
        if (needed <= seconds.length) {
            return;
        }
        int length = Math.min(Math.max(needed, seconds.length * 2), capacity);
        seconds = unrolled(seconds, new long[length]);
        nanos = unrolled(nanos, new int[length]);
        task = unrolled(task, new String[length]);
        stream = unrolled(stream, new String[length]);
        level = unrolled(level, new byte[length]);
        textAt = unrolled(textAt, new long[length]);
        textLength = unrolled(textLength, new int[length]);
        head = 0;
    }

    /** The ring's slots copied into {@code bigger} from its start, oldest first. */
    private <A> A unrolled(A ring, A bigger) {
        int length = java.lang.reflect.Array.getLength(ring);
        int first = Math.min(size, length - head);
        System.arraycopy(ring, head, bigger, 0, first);
        System.arraycopy(ring, 0, bigger, first, size - first);
        return bigger;
    }
}
