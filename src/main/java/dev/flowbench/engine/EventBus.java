package dev.flowbench.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivers events to each listener through a queue and a thread of its own, so that publishing never
 * waits for a listener. Memory stays bounded: a listener may hold at most {@link #MAX_QUEUED_LOGS} log
 * lines in its queue; further lines are counted as dropped for that listener only, and it is told how
 * many with a {@link ExecutionEvent.LogsDropped} before the next event it receives. Lifecycle events are
 * never dropped (there are few of them).
 */
public final class EventBus implements AutoCloseable {

    public static final int MAX_QUEUED_LOGS = 50_000;
    private static final Object END = new Object();

    private final List<Subscriber> subscribers = new ArrayList<>();
    private final String executionId;

    public EventBus(String executionId, List<ExecutionListener> listeners) {
        this.executionId = executionId;
        for (ExecutionListener listener : listeners) {
            Subscriber subscriber = new Subscriber(listener);
            subscribers.add(subscriber);
            subscriber.thread.start();
        }
    }

    public void publish(ExecutionEvent event) {
        for (Subscriber subscriber : subscribers) {
            subscriber.offer(event);
        }
    }

    /** Delivers what is queued, then stops the listeners' threads. */
    @Override
    public void close() {
        subscribers.forEach(s -> s.queue.add(END));
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
        private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        private final AtomicInteger queuedLogs = new AtomicInteger();
        private final AtomicLong dropped = new AtomicLong();
        private final Thread thread;

        Subscriber(ExecutionListener listener) {
            this.listener = listener;
            this.thread = new Thread(this, "flowbench-listener-" + listener.getClass().getSimpleName());
            this.thread.setDaemon(true);
        }

        void offer(ExecutionEvent event) {
            if (event instanceof ExecutionEvent.LogLine) {
                if (queuedLogs.incrementAndGet() > MAX_QUEUED_LOGS) {
                    queuedLogs.decrementAndGet();
                    dropped.incrementAndGet();
                    return;
                }
            }
            queue.add(event);
        }

        @Override
        public void run() {
            while (true) {
                Object next;
                try {
                    next = queue.take();
                } catch (InterruptedException e) {
                    return;
                }
                if (next == END) {
                    reportDropped();
                    return;
                }
                if (next instanceof ExecutionEvent.LogLine) {
                    queuedLogs.decrementAndGet();
                }
                reportDropped();
                deliver((ExecutionEvent) next);
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
    }
}
