package dev.flowbench.ui.run;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.ObservableListBase;

/**
 * The newest lines of a run's log, at most {@code capacity}, in a ring: appending costs what the new lines cost, and
 * the oldest leave in one change however many there are (an ObservableList removes a range one element at a time,
 * each shifting all the others: dropping 10,000 of 100,000 lines took the FX thread 200 ms). The lines are kept
 * {@linkplain PackedLines packed}; a row is made when asked for, and a view asks for the few it shows.
 */
final class LogBuffer extends ObservableListBase<LogRow> {

    private final PackedLines lines;

    LogBuffer(int capacity) {
        this.lines = new PackedLines(capacity);
    }

    @Override
    public LogRow get(int index) {
        return lines.get(index);
    }

    @Override
    public int size() {
        return lines.size();
    }

    /** Appends {@code rows}; past the capacity the oldest go first. Returns how many lines left (or never came in). */
    int append(List<LogRow> rows) {
        List<LogRow> kept = rows.size() > lines.capacity() ? rows.subList(rows.size() - lines.capacity(), rows.size()) : rows;
        return change(kept.size(), () -> kept.forEach(lines::add)) + (rows.size() - kept.size());
    }

    /** Moves every line of {@code source} here; past the capacity the oldest go first. Returns how many lines left. */
    int append(PackedLines source) {
        int never = Math.max(0, source.size() - lines.capacity());
        source.dropOldest(never);
        int count = source.size();
        return change(count, () -> source.moveOldestTo(lines, count)) + never;
    }

    @Override
    public void clear() {
        if (!isEmpty()) {
            change(0, () -> dropOldest(size()));
        }
    }

    /** Makes room for {@code adding} lines, has them added, and tells the views in one change; returns how many left. */
    private int change(int adding, Runnable add) {
        int overflow = Math.max(0, size() + adding - lines.capacity());
        beginChange();
        try {
            if (overflow > 0) {
                dropOldest(overflow);
            }
            int from = size();
            add.run();
            if (size() > from) {
                nextAdd(from, size());
            }
        } finally {
            endChange();
        }
        return overflow;
    }

    private void dropOldest(int count) {
        List<LogRow> gone = new ArrayList<>(count); // the change carries them: a filtered view looks at each
        for (int i = 0; i < count; i++) {
            gone.add(lines.get(i));
        }
        lines.dropOldest(count);
        nextRemove(0, gone);
    }

    /** Arrays of text held, for tests. */
    int textChunks() {
        return lines.textChunks();
    }
}
