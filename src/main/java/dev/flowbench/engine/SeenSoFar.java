package dev.flowbench.engine;

import dev.flowbench.flow.pebble.ExecutionView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an execution has told so far that Kestra's {@code errorLogs()} and {@code tasksWithState()} read: its ERROR
 * lines, with the failure of each runnable task (Kestra logs it at ERROR, even when allowFailure then makes it a
 * warning: kestra-oracle), and the end of each task run. Bounded: past {@value #MOST_ERRORS} error lines only the
 * first are kept.
 */
final class SeenSoFar implements ExecutionView {

    static final int MOST_ERRORS = 1_000;

    private final List<Map<String, Object>> errors = new ArrayList<>();
    /** Each task run's end as (task id, state): not the event, whose outputs may be large. */
    private final List<Map.Entry<String, State>> ends = new ArrayList<>();

    /** Called for every event the execution publishes, log lines included: it locks only for those it keeps. */
    void record(ExecutionEvent event) {
        if (event instanceof ExecutionEvent.LogLine line && line.level() == LogLevel.ERROR) {
            failed(line.taskId(), line.message(), line.time());
        } else if (event instanceof ExecutionEvent.TaskFinished end) {
            synchronized (this) {
                ends.add(Map.entry(end.taskId(), end.state()));
            }
        }
    }

    /** A runnable task's attempt failed with {@code message}. */
    void failed(String taskId, String message) {
        failed(taskId, message, java.time.Instant.now());
    }

    private synchronized void failed(String taskId, String message, java.time.Instant at) {
        if (errors.size() < MOST_ERRORS) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("taskId", taskId);
            entry.put("message", message);
            entry.put("level", "ERROR");
            entry.put("timestamp", at.toString());
            errors.add(entry);
        }
    }

    @Override
    public synchronized List<Map<String, Object>> errorLogs() {
        return List.copyOf(errors);
    }

    @Override
    public synchronized List<Map<String, Object>> tasksWithState(String state) {
        List<Map<String, Object>> found = new ArrayList<>();
        for (Map.Entry<String, State> end : ends) {
            if (end.getValue().name().equalsIgnoreCase(state)) {
                found.add(Map.of("taskId", end.getKey(), "state", end.getValue().name()));
            }
        }
        return found;
    }
}
