package dev.flowbench.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivers events to each listener through a queue and a thread of its own. Memory stays bounded either way:
 * a listener that receives every event has at most {@link #QUEUE_CAPACITY} of them waiting, beyond which
 * publishing waits for it (and so does the process writing the lines); one that {@linkplain
 * ExecutionListener#mayDropLogs() may drop logs} holds at most {@link #MAX_QUEUED_LOGS} lines, further lines
 * are counted and it is told how many with a {@link ExecutionEvent.LogsDropped} before its next event.
 */
public final class EventBus implements AutoCloseable {

    public static final int QUEUE_CAPACITY = 8_192;
    public static final int MAX_QUEUED_LOGS = 50_000;
    private static final int BATCH = 1_024;
    /**
     * How long a listener's thread waits after a log line before it takes what is queued: under a flood it then
     * wakes once per batch of lines, not once per line (a wake-up per line cost more CPU than the lines themselves,
     * taken from the window on two cores). A state event is delivered at once.
     */
    private static final long LINGER_NANOS = 1_000_000;
    private static final Object END = new Object();

    private final List<Subscriber> subscribers = new ArrayList<>();
    private final String executionId;
    private volatile boolean started;
    private volatile boolean finished;

    public EventBus(String executionId, List<ExecutionListener> listeners) {
        this.executionId = executionId;
        for (ExecutionListener listener : listeners) {
            Subscriber subscriber = new Subscriber(listener);
            subscribers.add(subscriber);
            subscriber.thread.start();
        }
    }

    public void publish(ExecutionEvent event) {
        if (event instanceof ExecutionEvent.ExecutionStarted) {
            started = true;
        } else if (event instanceof ExecutionEvent.ExecutionFinished) {
            finished = true;
        }
        for (int i = 0; i < subscribers.size(); i++) { // indexed: called per log line, no iterator
            subscribers.get(i).offer(event);
        }
    }

    /** Whether the execution's start, and its end, have been told. */
    boolean toldStart() {
        return started;
    }

    boolean toldEnd() {
        return finished;
    }

    /** Delivers what is queued, then stops the listeners' threads. */
    @Override
    public void close() {
        for (Subscriber subscriber : subscribers) {
            subscriber.enqueue(END);
        }
        for (Subscriber subscriber : subscribers) {
            try {
                subscriber.thread.join(TimeUnit.MINUTES.toMillis(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private final class Subscriber implements Runnable {
        private final ExecutionListener listener;
        private final boolean mayDrop;
        private final BlockingQueue<Object> queue;
        private final AtomicInteger queuedLogs = new AtomicInteger();
        private final AtomicLong dropped = new AtomicLong();
        private final Thread thread;

        Subscriber(ExecutionListener listener) {
            this.listener = listener;
            this.mayDrop = listener.mayDropLogs();
            this.queue = mayDrop ? new LinkedBlockingQueue<>() : new ArrayBlockingQueue<>(QUEUE_CAPACITY);
            this.thread = new Thread(this, "flowbench-listener-" + listener.getClass().getSimpleName());
            this.thread.setDaemon(true);
        }

        void offer(ExecutionEvent event) {
            if (mayDrop && event instanceof ExecutionEvent.LogLine) {
                if (queuedLogs.incrementAndGet() > MAX_QUEUED_LOGS) {
                    queuedLogs.decrementAndGet();
                    dropped.incrementAndGet();
                    return;
                }
            }
            if (!enqueue(event)) {
                dropped.incrementAndGet(); // the publisher was interrupted while waiting: counted, never silent
            }
        }

        boolean enqueue(Object item) {
            try {
                queue.put(item);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        @Override
        public void run() {
            List<Object> batch = new ArrayList<>(BATCH);
            while (true) {
                try {
                    Object first = queue.take();
                    batch.add(first);
                    if (first instanceof ExecutionEvent.LogLine && queue.size() < BATCH) {
                        java.util.concurrent.locks.LockSupport.parkNanos(LINGER_NANOS);
                    }
                } catch (InterruptedException e) {
                    return;
                }
                queue.drainTo(batch, BATCH - 1);
                for (int i = 0; i < batch.size(); i++) {
                    Object next = batch.get(i);
                    if (next == END) {
                        reportDropped();
                        caughtUp();
                        return;
                    }
                    if (mayDrop && next instanceof ExecutionEvent.LogLine) {
                        queuedLogs.decrementAndGet();
                    }
                    reportDropped();
                    deliver((ExecutionEvent) next);
                }
                batch.clear();
                if (queue.isEmpty()) {
                    caughtUp();
                }
            }
        }

        private void reportDropped() {
            long count = dropped.getAndSet(0);
            if (count > 0) {
                deliver(new ExecutionEvent.LogsDropped(executionId, Instant.now(), count));
            }
        }

        private void deliver(ExecutionEvent event) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                // a failing listener must not stop the others nor the execution
            }
        }

        private void caughtUp() {
            try {
                listener.caughtUp();
            } catch (RuntimeException e) {
                // as above
            }
        }
    }
}
