package dev.flowbench.store;

import dev.flowbench.engine.ExecutionEvent;
import dev.flowbench.engine.ExecutionListener;
import dev.flowbench.engine.JsonValues;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an execution's events into the history. Logs are written in batches and capped per execution
 * ({@link #DEFAULT_LOG_CAP}): lines past the cap are counted, and the count is kept with the execution.
 */
public final class HistoryRecorder implements ExecutionListener {

    public static final int DEFAULT_LOG_CAP = 20_000;
    private static final int BATCH = 500;

    private final HistoryStore store;
    private final String flowPath;
    private final int logCap;
    private final Map<String, java.time.Instant> taskStarts = new HashMap<>();
    private final List<LogRecord> pending = new ArrayList<>();
    private long seq;
    private long kept;
    private long dropped;
    private String executionId;
    private volatile String failure;

    public HistoryRecorder(HistoryStore store, String flowPath) {
        this(store, flowPath, DEFAULT_LOG_CAP);
    }

    public HistoryRecorder(HistoryStore store, String flowPath, int logCap) {
        this.store = store;
        this.flowPath = flowPath;
        this.logCap = logCap;
    }

    /** Why the history could not be written, if it could not. */
    public String failure() {
        return failure;
    }

    @Override
    public void onEvent(ExecutionEvent event) {
        if (failure != null) {
            return;
        }
        try {
            record(event);
        } catch (SQLException e) {
            failure = e.getMessage();
        }
    }

    private void record(ExecutionEvent event) throws SQLException {
        if (event instanceof ExecutionEvent.LogLine log) {
            keep(new LogRecord(0, log.time(), log.taskId(), log.level().name(), log.stream(), log.message()));
            return;
        }
        if (event instanceof ExecutionEvent.CacheEvent cache) { // kept with the logs, so `runs show` tells hits and misses
            keep(new LogRecord(0, cache.time(), cache.taskId(), "INFO", "cache",
                    "cache " + cache.result() + (cache.reason() == null ? "" : ": " + cache.reason())));
            return;
        }
        flush();
        if (event instanceof ExecutionEvent.ExecutionStarted started) {
            executionId = started.executionId();
            store.executionStarted(started.executionId(), started.namespace(), started.flowId(), flowPath,
                    JsonValues.text(started.inputs()), started.time());
        } else if (event instanceof ExecutionEvent.TaskStarted task) {
            taskStarts.put(task.taskId(), task.time());
            store.taskStarted(task.executionId(), task.taskId(), task.taskType(), task.time());
        } else if (event instanceof ExecutionEvent.TaskFinished task) {
            java.time.Instant started = taskStarts.getOrDefault(task.taskId(), task.time().minus(task.duration()));
            store.taskFinished(task.executionId(), task.taskId(), task.taskType(), task.state().name(), task.message(),
                    started, task.time(), JsonValues.text(task.outputs()));
        } else if (event instanceof ExecutionEvent.MetricRecorded metric) {
            store.metric(metric.executionId(), metric.taskId(), metric.name(), metric.type(), metric.value(),
                    JsonValues.text(metric.tags()), metric.time());
        } else if (event instanceof ExecutionEvent.LogsDropped missed) {
            dropped += missed.count();
        } else if (event instanceof ExecutionEvent.ExecutionFinished finished) {
            store.executionFinished(finished.executionId(), finished.state().name(), finished.message(), finished.time(),
                    kept, dropped);
        }
    }

    private void keep(LogRecord log) throws SQLException {
        if (kept >= logCap) {
            dropped++;
            return;
        }
        kept++;
        pending.add(new LogRecord(++seq, log.at(), log.taskId(), log.level(), log.stream(), log.message()));
        if (pending.size() >= BATCH) {
            flush();
        }
    }

    private void flush() throws SQLException {
        if (!pending.isEmpty() && executionId != null) {
            store.appendLogs(executionId, List.copyOf(pending));
            pending.clear();
        }
    }
}
