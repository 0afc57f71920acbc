package dev.flowbench.ui.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javafx.collections.ObservableListBase;

/**
 * The newest lines of a run's log, at most {@code capacity}, in a ring: appending costs what the new lines cost, and
 * the oldest leave in one change however many there are (an ObservableList removes a range one element at a time,
 * each shifting all the others: dropping 10,000 of 100,000 lines took the FX thread 200 ms).
 */
final class LogBuffer extends ObservableListBase<LogRow> {

    private final int capacity;
    private LogRow[] ring = new LogRow[1024];
    private int head;
    private int size;

    LogBuffer(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public LogRow get(int index) {
        Objects.checkIndex(index, size);
        return ring[(head + index) % ring.length];
    }

    @Override
    public int size() {
        return size;
    }

    /** Appends {@code lines}; past the capacity the oldest go first. Returns how many lines left (or never came in). */
    int append(List<LogRow> lines) {
        if (lines.isEmpty()) {
            return 0;
        }
        List<LogRow> kept = lines.size() > capacity ? lines.subList(lines.size() - capacity, lines.size()) : lines;
        int overflow = Math.max(0, size + kept.size() - capacity);
        beginChange();
        try {
            if (overflow > 0) {
                dropOldest(overflow);
            }
            grow(size + kept.size());
            int from = size;
            for (LogRow line : kept) {
                ring[(head + size) % ring.length] = line;
                size++;
            }
            nextAdd(from, size);
        } finally {
            endChange();
        }
        return overflow + (lines.size() - kept.size());
    }

    @Override
    public void clear() {
        if (size == 0) {
            return;
        }
        beginChange();
        try {
            dropOldest(size);
        } finally {
            endChange();
        }
    }

    private void dropOldest(int count) {
        List<LogRow> gone = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int at = (head + i) % ring.length;
            gone.add(ring[at]);
            ring[at] = null;
        }
        head = (head + count) % ring.length;
        size -= count;
        nextRemove(0, gone);
    }

    private void grow(int needed) {
        if (needed <= ring.length) {
            return;
        }
        int length = ring.length;
        while (length < needed) {
            length = Math.min(Math.max(needed, length * 2), Math.max(capacity, needed));
        }
        LogRow[] bigger = new LogRow[length];
        for (int i = 0; i < size; i++) {
            bigger[i] = ring[(head + i) % ring.length];
        }
        Arrays.fill(ring, null);
        ring = bigger;
        head = 0;
    }
}
