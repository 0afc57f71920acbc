package dev.flowbench.store;

import dev.flowbench.engine.ExecutionEvent;
import dev.flowbench.engine.ExecutionListener;
import dev.flowbench.engine.JsonValues;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Writes an execution's events into the history. The database keeps the first {@link #DEFAULT_LOG_CAP} log
 * lines for quick display (the complete log is the {@link ExecutionLogWriter}'s file), so this listener may
 * miss lines rather than slow the execution; lines past the cap or missed are counted with the execution.
 * While the execution runs, a heartbeat records that it still does, so that one ended by a crash keeps its
 * duration. A failure to write (a full disk, a database locked too long) does not stop the recording: the
 * final state is still written, with a message saying the record is incomplete and why.
 */
public final class HistoryRecorder implements ExecutionListener {

    public static final int DEFAULT_LOG_CAP = 20_000;
    private static final int BATCH = 500;
    private static final long HEARTBEAT_SECONDS = 2;
    private static final ScheduledExecutorService HEARTBEATS = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "flowbench-history-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    private final HistoryStore store;
    private final String flowPath;
    private final String source;
    private final int logCap;
    private final Map<String, Instant> taskStarts = new HashMap<>();
    /** Task runs whose end could not be written: written with the execution's end, which has space kept for it. */
    private final List<HistoryStore.TaskEnd> unwrittenEnds = new ArrayList<>();
    private final List<LogRecord> pending = new ArrayList<>();
    private ExecutionEvent.ExecutionStarted started;
    private volatile boolean startRecorded;
    private ScheduledFuture<?> heartbeat;
    private long seq;
    private long kept;
    private long dropped;
    private volatile String failure;
    private volatile boolean endRecorded;
    private final java.util.concurrent.CompletableFuture<Boolean> startWritten = new java.util.concurrent.CompletableFuture<>();

    public HistoryRecorder(HistoryStore store, String flowPath) {
        this(store, flowPath, DEFAULT_LOG_CAP);
    }

    public HistoryRecorder(HistoryStore store, String flowPath, int logCap) {
        this(store, flowPath, null, logCap);
    }

    /** Records the flow's {@code source} text with the execution, so that what ran can be run again as it was. */
    public HistoryRecorder(HistoryStore store, String flowPath, String source, int logCap) {
        this.store = store;
        this.flowPath = flowPath;
        this.source = source;
        this.logCap = logCap;
    }

    /** Why part of the history could not be written, if it could not (the first reason). */
    public String failure() {
        return failure;
    }

    /** Whether the execution reached the database at all. */
    public boolean startRecorded() {
        return startRecorded;
    }

    /**
     * Completes once the execution's start has been tried in the database: true when it is there (readers of the
     * history see it running), false when it could not be written.
     */
    public java.util.concurrent.CompletionStage<Boolean> startWritten() {
        return startWritten;
    }

    /** Whether the execution's final state reached the database. */
    public boolean endRecorded() {
        return endRecorded;
    }

    @Override
    public boolean mayDropLogs() {
        return true;
    }

    @Override
    public void onEvent(ExecutionEvent event) {
        try {
            record(event);
        } catch (SQLException e) {
            noteFailure(e);
        }
    }

    private void noteFailure(SQLException e) {
        if (failure == null) {
            failure = e.getMessage();
        }
    }

    private void record(ExecutionEvent event) throws SQLException {
        boolean logLine = event instanceof ExecutionEvent.LogLine || event instanceof ExecutionEvent.CacheEvent;
        if (failure != null && !(event instanceof ExecutionEvent.ExecutionFinished)) {
            // after a failure (a full disk, a database locked too long) each write would fail or wait in vain:
            // only the end is tried again, with the ends of the task runs
            dropped += logLine ? 1 : 0;
            if (event instanceof ExecutionEvent.TaskFinished task) {
                unwrittenEnds.add(new HistoryStore.TaskEnd(task.taskRunId(), task.state(), task.message(), task.time()));
            }
            return;
        }
        if (logLine) {
            if (kept >= logCap) {
                dropped++; // past the cap: the complete log file has it
            } else {
                LogRecord.of(event, seq + 1).ifPresent(this::keep);
            }
            return;
        }
        flush();
        if (event instanceof ExecutionEvent.ExecutionStarted start) {
            started = start;
            try {
                recordStart();
            } finally {
                startWritten.complete(startRecorded);
            }
            heartbeat = HEARTBEATS.scheduleAtFixedRate(this::beat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
        } else if (event instanceof ExecutionEvent.TaskStarted task) {
            taskStarts.put(task.taskRunId(), task.time());
            store.taskStarted(task.executionId(), task.taskId(), task.taskRunId(), task.parentTaskRunId(), task.taskType(),
                    task.value(), task.iteration(), task.time());
        } else if (event instanceof ExecutionEvent.TaskFinished task) {
            Instant start = taskStarts.getOrDefault(task.taskRunId(), task.time().minus(task.duration()));
            try {
                store.taskFinished(task.executionId(), task.taskId(), task.taskRunId(), task.taskType(), task.state(), task.message(),
                        start, task.time(), JsonValues.text(task.outputs()), task.definition(),
                        task.outputFileDigests().isEmpty() ? null : JsonValues.text(task.outputFileDigests()));
            } catch (SQLException e) {
                unwrittenEnds.add(new HistoryStore.TaskEnd(task.taskRunId(), task.state(), task.message(), task.time()));
                throw e;
            }
        } else if (event instanceof ExecutionEvent.TaskPaused paused) {
            store.taskPaused(paused.executionId(), paused.taskRunId());
        } else if (event instanceof ExecutionEvent.MetricRecorded metric) {
            store.metric(metric.executionId(), metric.taskId(), metric.taskRunId(), metric.name(), metric.type(), metric.value(),
                    JsonValues.text(metric.tags()), metric.time());
        } else if (event instanceof ExecutionEvent.LogsDropped missed) {
            dropped += missed.count();
        } else if (event instanceof ExecutionEvent.ExecutionFinished finished) {
            finish(finished);
        }
    }

    private void recordStart() throws SQLException {
        store.executionStarted(started.executionId(), started.namespace(), started.flowId(), flowPath,
                JsonValues.text(started.inputs()), source, started.time());
        if (parentExecutionId != null) {
            store.startedBy(started.executionId(), parentExecutionId, parentTaskRunId);
        }
        startRecorded = true;
    }

    private String parentExecutionId;
    private String parentTaskRunId;

    /** Records the execution as the child of a Subflow: {@code parentTaskRunId} of {@code parentExecutionId} started it. */
    public HistoryRecorder startedBy(String parentExecutionId, String parentTaskRunId) {
        this.parentExecutionId = parentExecutionId;
        this.parentTaskRunId = parentTaskRunId;
        return this;
    }

    private void finish(ExecutionEvent.ExecutionFinished finished) throws SQLException {
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        if (!startRecorded && started != null) {
            recordStart(); // once more: the end alone cannot be recorded without it
            flush();
        }
        String message = finished.message();
        if (failure != null) {
            message = (message == null ? "" : message + "; ") + "incomplete record: " + failure;
        }
        startWritten.complete(startRecorded); // an execution that never told its start
        store.executionFinished(finished.executionId(), finished.state(), message, finished.time(), kept, dropped, unwrittenEnds);
        endRecorded = true;
    }

    private void beat() {
        try {
            store.stillRunning(started.executionId(), Instant.now());
        } catch (SQLException e) {
            // the next beat, or the end, says more
        }
    }

    private void keep(LogRecord log) {
        kept++;
        seq++;
        pending.add(log);
        if (pending.size() >= BATCH) {
            try {
                flush();
            } catch (SQLException e) {
                noteFailure(e);
            }
        }
    }

    private void flush() throws SQLException {
        if (pending.isEmpty() || !startRecorded) {
            return;
        }
        try {
            store.appendLogs(started.executionId(), List.copyOf(pending));
        } catch (SQLException e) {
            kept -= pending.size();
            dropped += pending.size();
            throw e;
        } finally {
            pending.clear();
        }
    }
}
