package dev.flowbench.ui.run;

import dev.flowbench.engine.ExecutionEvent;
import dev.flowbench.engine.ExecutionListener;
import dev.flowbench.ui.app.UiTasks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Carries an execution's events to the FX thread in batches. The listener never blocks: it queues the event and, if
 * no hand-over is pending, schedules one; a hand-over gives the view-model what is queued, at most
 * {@link #LINES_PER_HAND_OVER} lines, and schedules the next {@link #HAND_OVER_GAP} later if more is waiting. So
 * however fast a task prints, there is at most one pending hand-over, each holds the FX thread for a few
 * milliseconds, and a flood leaves the FX thread most of every frame.
 * Log lines beyond {@link #MAX_QUEUED_LINES} waiting at once are counted and dropped (the complete log file keeps
 * them), so a flood cannot fill the memory while the window is busy.
 */
final class EventDrain implements ExecutionListener {

    static final int MAX_QUEUED_LINES = 100_000;
    /** Lines handed to the FX thread at once: a few milliseconds of work, so a flood never holds it for long. */
    static final int LINES_PER_HAND_OVER = 10_000;
    /** The pause between two hand-overs while a flood goes on: the window draws a frame or two meanwhile. */
    static final Duration HAND_OVER_GAP = Duration.ofMillis(40);

    private final ConcurrentLinkedQueue<ExecutionEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queuedLines = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private final AtomicBoolean pending = new AtomicBoolean();
    private final UiTasks tasks;
    private final Consumer<Batch> receiver;
    private final ConcurrentLinkedQueue<Runnable> afterLast = new ConcurrentLinkedQueue<>();

    /** What one hand-over brings: the events in order, and how many log lines were dropped before them. */
    record Batch(List<ExecutionEvent> events, int droppedLines) {
    }

    EventDrain(UiTasks tasks, Consumer<Batch> receiver) {
        this.tasks = tasks;
        this.receiver = receiver;
    }

    /** The window may miss lines rather than slow a task: the complete log file and the history keep them. */
    @Override
    public boolean mayDropLogs() {
        return true;
    }

    @Override
    public void onEvent(ExecutionEvent event) {
        if (event instanceof ExecutionEvent.LogLine) {
            if (queuedLines.get() >= MAX_QUEUED_LINES) {
                dropped.incrementAndGet();
                return;
            }
            queuedLines.incrementAndGet();
        }
        queue.add(event);
        if (pending.compareAndSet(false, true)) {
            tasks.onFxThread(this::handOver);
        }
    }

    /**
     * Calls {@code action} on the FX thread once every event queued so far has been handed over (the execution has
     * ended: no more come), so that what follows the end is never seen before the end's last events.
     */
    void afterLast(Runnable action) {
        afterLast.add(action);
        if (pending.compareAndSet(false, true)) {
            tasks.onFxThread(this::handOver);
        }
    }

    private void handOver() {
        List<ExecutionEvent> events = new ArrayList<>();
        ExecutionEvent event;
        int lines = 0;
        while (lines < LINES_PER_HAND_OVER && (event = queue.poll()) != null) {
            events.add(event);
            if (event instanceof ExecutionEvent.LogLine) {
                lines++;
            }
        }
        queuedLines.addAndGet(-lines);
        receiver.accept(new Batch(events, dropped.getAndSet(0)));
        if (!queue.isEmpty()) {
            tasks.later(HAND_OVER_GAP, this::handOver); // the rest in the next hand-over: one stays pending, and the FX thread breathes
            return;
        }
        pending.set(false);
        if (!queue.isEmpty() && pending.compareAndSet(false, true)) {
            tasks.onFxThread(this::handOver); // queued between the last poll and now
            return;
        }
        for (Runnable action; (action = afterLast.poll()) != null; ) {
            action.run();
        }
    }
}
