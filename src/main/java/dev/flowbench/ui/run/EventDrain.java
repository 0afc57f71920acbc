package dev.flowbench.ui.run;

import dev.flowbench.engine.ExecutionEvent;
import dev.flowbench.engine.ExecutionListener;
import dev.flowbench.ui.app.UiTasks;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Carries an execution's events to the FX thread in batches. The listener never blocks: it queues the event and, if
 * no hand-over is pending, schedules one; the hand-over gives the view-model everything queued so far. So however
 * fast a task prints, there is at most one pending hand-over, and the FX thread sees one batch per pulse or so.
 * Log lines beyond {@link #MAX_QUEUED_LINES} waiting at once are counted and dropped (the complete log file keeps
 * them), so a flood cannot fill the memory while the window is busy.
 */
final class EventDrain implements ExecutionListener {

    static final int MAX_QUEUED_LINES = 100_000;

    private final ConcurrentLinkedQueue<ExecutionEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queuedLines = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private final AtomicBoolean pending = new AtomicBoolean();
    private final UiTasks tasks;
    private final Consumer<Batch> receiver;

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

    private void handOver() {
        pending.set(false); // events queued from now on schedule the next hand-over
        List<ExecutionEvent> events = new ArrayList<>();
        ExecutionEvent event;
        int lines = 0;
        while ((event = queue.poll()) != null) {
            events.add(event);
            if (event instanceof ExecutionEvent.LogLine) {
                lines++;
            }
        }
        queuedLines.addAndGet(-lines);
        receiver.accept(new Batch(events, dropped.getAndSet(0)));
    }
}
