package dev.flowbench.cache;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A selection walked on a thread of its own while the archive is being written, so that walking the tree
 * and archiving it overlap as they do in {@code tar}. The queue between them is bounded.
 */
final class StreamedSelection implements Iterable<SelectedPath>, AutoCloseable {

    private static final int QUEUE = 4096;
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Thread walker;
    private volatile List<String> unmatched = List.of();
    private volatile TreeSelection.Rest rest;
    private volatile IOException failure;
    private volatile boolean abandoned;

    StreamedSelection(Path root, List<String> patterns) {
        walker = new Thread(() -> {
            try {
                TreeSelection.Walk walk = new TreeSelection.Walk(root, patterns, this::put);
                walk.run();
                unmatched = walk.unmatchedPatterns();
                rest = walk.rest();
            } catch (IOException e) {
                failure = e;
            } catch (Abandoned e) {
                return;
            }
            put(END);
        }, "flowbench-cache-walk");
        walker.setDaemon(true);
        walker.start();
    }

    /** The patterns that matched nothing; known once the iteration has ended. */
    List<String> unmatchedPatterns() throws IOException {
        if (failure != null) {
            throw failure;
        }
        return unmatched;
    }

    /** What else the walk saw; known once the iteration has ended. */
    TreeSelection.Rest rest() throws IOException {
        if (failure != null) {
            throw failure;
        }
        return rest;
    }

    @Override
    public Iterator<SelectedPath> iterator() {
        return new Iterator<>() {
            private Object next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    next = take();
                }
                return next != END;
            }

            @Override
            public SelectedPath next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                SelectedPath path = (SelectedPath) next;
                next = null;
                return path;
            }
        };
    }

    @Override
    public void close() {
        abandoned = true;
        queue.clear();
        walker.interrupt();
    }

    private void put(Object item) {
        try {
            while (!abandoned && !queue.offer(item, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                // the writer is busy: wait for room
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (abandoned) {
            throw new Abandoned();
        }
    }

    private Object take() {
        try {
            Object item = queue.take();
            if (item == END && failure != null) {
                throw new java.io.UncheckedIOException(failure);
            }
            return item;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while archiving", e);
        }
    }

    /** Stops the walker when the writer gave up. */
    private static final class Abandoned extends RuntimeException {
        Abandoned() {
            super(null, null, false, false);
        }
    }
}
