package dev.flowbench.ui.run;

import dev.flowbench.engine.ExecutionEvent;
import dev.flowbench.engine.ExecutionListener;
import dev.flowbench.ui.app.UiTasks;
import java.time.Duration;
import java.util.ArrayDeque;
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
 * Log lines wait {@linkplain PackedLines packed} (as objects, the lines waiting under a flood were what the garbage
 * collector copied at each pause); beyond {@link #MAX_QUEUED_LINES} waiting at once they are counted and dropped (the
 * complete log file keeps them), so a flood cannot fill the memory while the window is busy. An event other than a
 * line is handed over once every line queued before it has been.
 */
final class EventDrain implements ExecutionListener {

    static final int MAX_QUEUED_LINES = 100_000;
    /** Lines handed to the FX thread at once: a few milliseconds of work, so a flood never holds it for long. */
    static final int LINES_PER_HAND_OVER = 10_000;
    /** The pause between two hand-overs while a flood goes on: the window draws a frame or two meanwhile. */
    static final Duration HAND_OVER_GAP = Duration.ofMillis(40);

    private final Object lock = new Object();
    /** Guarded by {@link #lock}, as are the three below. */
    private final PackedLines lines = new PackedLines(MAX_QUEUED_LINES);
    /** Events other than lines, each with the number of lines queued before it. */
    private final ArrayDeque<Waiting> others = new ArrayDeque<>();
    private long linesIn;
    private long linesOut;
    /** The lines waiting, read without the lock: counted as they come in, and once taken after they have left. */
    private final AtomicInteger queuedLines = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    /** The lines of a hand-over, on the FX thread; the receiver takes them, and it is used again for the next. */
    private final PackedLines handed = new PackedLines(LINES_PER_HAND_OVER);
    private final AtomicBoolean pending = new AtomicBoolean();
    private final UiTasks tasks;
    private final Consumer<Batch> receiver;
    private final ConcurrentLinkedQueue<Runnable> afterLast = new ConcurrentLinkedQueue<>();

    /**
     * What one hand-over brings: the events other than lines in order, the lines in order (no event in the batch came
     * after a line that is not in it), and how many lines were dropped before them. The receiver moves the lines out
     * during the call (what it leaves is dropped): their container serves the next hand-over.
     */
    record Batch(List<ExecutionEvent> events, PackedLines lines, int droppedLines) {
    }

    private record Waiting(ExecutionEvent event, long afterLines) {
    }

    /** The Loop iterations under way, by run, as their lines name them; only the execution's thread uses it. */
    private final java.util.Map<String, String> iterations = new java.util.HashMap<>();

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
        if (event instanceof ExecutionEvent.LogLine log) {
            queue(log);
        } else {
            if (event instanceof ExecutionEvent.TaskStarted started && started.isIteration()) {
                iterations.put(started.taskRunId(), dev.flowbench.app.RunLabels.of(started.taskId(), started.iteration(),
                        started.value()));
            }
            String iteration = event instanceof ExecutionEvent.TaskFinished finished ? iterations.remove(finished.taskRunId()) : null;
            // before the event: its line comes first in the log; an iteration's end names the iteration, not its Loop
            OutcomeLines.of(event).map(line -> iteration == null ? line : new ExecutionEvent.LogLine(line.executionId(),
                    line.time(), iteration, line.taskRunId(), line.level(), line.stream(), line.message())).ifPresent(this::queue);
            synchronized (lock) {
                others.add(new Waiting(event, linesIn));
            }
        }
        if (pending.compareAndSet(false, true)) {
            tasks.onFxThread(this::handOver);
        }
    }

    private void queue(ExecutionEvent.LogLine log) {
        if (queuedLines.get() >= MAX_QUEUED_LINES) { // one thread adds, the FX thread only takes: it stays under
            dropped.incrementAndGet();
            return;
        }
        // the text made before the lock: this thread runs at a lower priority than the FX thread waiting for it
        byte[] text = PackedLines.text(log.message());
        synchronized (lock) {
            lines.add(log.time(), log.taskId(), log.level(), log.stream(), text);
            linesIn++;
            queuedLines.incrementAndGet();
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
        PackedLines batchLines = handed;
        List<ExecutionEvent> events = new ArrayList<>();
        int droppedLines;
        synchronized (lock) {
            while (true) {
                while (!others.isEmpty() && others.peek().afterLines() <= linesOut) {
                    events.add(others.poll().event());
                }
                long until = others.isEmpty() ? linesIn : others.peek().afterLines();
                int take = (int) Math.min(LINES_PER_HAND_OVER - batchLines.size(), until - linesOut);
                if (take <= 0) {
                    break;
                }
                lines.moveOldestTo(batchLines, take);
                linesOut += take;
            }
            droppedLines = dropped.getAndSet(0);
        }
        queuedLines.addAndGet(-batchLines.size());
        receiver.accept(new Batch(events, batchLines, droppedLines));
        batchLines.dropOldest(batchLines.size());
        if (waiting()) {
            tasks.later(HAND_OVER_GAP, this::handOver); // the rest in the next hand-over: one stays pending, and the FX thread breathes
            return;
        }
        pending.set(false);
        if (waiting() && pending.compareAndSet(false, true)) {
            tasks.onFxThread(this::handOver); // queued between the last look and now
            return;
        }
        for (Runnable action; (action = afterLast.poll()) != null; ) {
            action.run();
        }
    }

    private boolean waiting() {
        synchronized (lock) {
            return lines.size() > 0 || !others.isEmpty();
        }
    }
}
