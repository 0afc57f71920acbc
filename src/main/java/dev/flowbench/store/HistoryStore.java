package dev.flowbench.store;

import dev.flowbench.engine.CacheResult;
import dev.flowbench.engine.State;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Executions, task runs, logs and metrics in the database: written by the recorder, read by `runs` and the UI. */
public final class HistoryStore {

    private final Database database;

    public HistoryStore(Database database) {
        this.database = database;
    }

    public Database database() {
        return database;
    }

    public void executionStarted(String id, String namespace, String flowId, String flowPath, String inputsJson,
                                 Instant at) throws SQLException {
        executionStarted(id, namespace, flowId, flowPath, inputsJson, null, at);
    }

    /** An execution started; {@code source} is the flow's text as it runs (null when not known). */
    public void executionStarted(String id, String namespace, String flowId, String flowPath, String inputsJson,
                                 String source, Instant at) throws SQLException {
        database.transaction(c -> update(c, "INSERT INTO executions (id, namespace, flow_id, flow_path, state, inputs,"
                + " started_at, last_seen_at, pid, source) VALUES (?, ?, ?, ?, 'RUNNING', ?, ?, ?, ?, ?)", id, namespace, flowId,
                flowPath, inputsJson, at.toEpochMilli(), at.toEpochMilli(), ProcessHandle.current().pid(), source));
    }

    /** The flow's text as the execution ran it, if it was recorded. */
    /** The inputs (JSON) of the latest execution of a flow, by this window or the command line: what a form proposes. */
    public Optional<String> latestInputs(String namespace, String flowId) throws SQLException {
        return database.read(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT inputs FROM executions WHERE namespace = ? AND flow_id = ?"
                    + " ORDER BY started_at DESC LIMIT 1")) {
                query.setString(1, namespace);
                query.setString(2, flowId);
                try (ResultSet rs = query.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    public Optional<String> sourceOf(String id) throws SQLException {
        return database.read(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT source FROM executions WHERE id = ?")) {
                query.setString(1, id);
                try (ResultSet rs = query.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /** The execution is still running at {@code at}: if its process dies, this is when it ended. */
    /** {@code id} was started by the Subflow task run {@code parentTaskRunId} of {@code parentExecutionId}. */
    public void startedBy(String id, String parentExecutionId, String parentTaskRunId) throws SQLException {
        database.transaction(c -> update(c, "UPDATE executions SET parent_execution_id = ?, parent_task_run_id = ? WHERE id = ?",
                parentExecutionId, parentTaskRunId, id));
    }

    /** The execution that started {@code id} through a Subflow, and the task run that did, if one did. */
    public Optional<String[]> parentOf(String id) throws SQLException {
        return database.read(c -> {
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT parent_execution_id, parent_task_run_id FROM executions WHERE id = ? AND parent_execution_id IS NOT NULL")) {
                query.setString(1, id);
                try (ResultSet rs = query.executeQuery()) {
                    return rs.next() ? Optional.of(new String[] {rs.getString(1), rs.getString(2)}) : Optional.<String[]>empty();
                }
            }
        });
    }

    /** The executions {@code id}'s Subflows started, oldest first. */
    public List<ExecutionSummary> childrenOf(String id) throws SQLException {
        return database.read(c -> {
            List<ExecutionSummary> found = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement("SELECT " + SUMMARY_COLUMNS
                    + " FROM executions WHERE parent_execution_id = ? ORDER BY started_at, id")) {
                query.setString(1, id);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        found.add(summary(rs));
                    }
                }
            }
            return found;
        });
    }

    public void stillRunning(String id, Instant at) throws SQLException {
        database.transaction(c -> update(c, "UPDATE executions SET last_seen_at = ? WHERE id = ? AND state = 'RUNNING'",
                at.toEpochMilli(), id));
    }

    public void taskStarted(String executionId, String taskId, String taskRunId, String parentTaskRunId, String taskType,
                            Instant at) throws SQLException {
        taskStarted(executionId, taskId, taskRunId, parentTaskRunId, taskType, null, null, at);
    }

    /** A task run began; a Loop's iteration has its {@code value} and {@code iteration} (both null otherwise). */
    public void taskStarted(String executionId, String taskId, String taskRunId, String parentTaskRunId, String taskType,
                            String value, Integer iteration, Instant at) throws SQLException {
        database.transaction(c -> update(c, "INSERT OR REPLACE INTO task_runs (execution_id, task_id, task_run_id,"
                + " parent_task_run_id, task_type, value, iteration, state, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'RUNNING', ?)",
                executionId, taskId, taskRunId, parentTaskRunId, taskType, value, iteration, at.toEpochMilli()));
    }

    /** A task run (a Pause) waits. */
    public void taskPaused(String executionId, String taskRunId) throws SQLException {
        database.transaction(c -> update(c, "UPDATE task_runs SET state = 'PAUSED' WHERE execution_id = ? AND task_run_id = ?",
                executionId, taskRunId));
    }

    /**
     * A task run ended; {@code definition} fingerprints its rendered definition (null when not rendered), {@code
     * digestsJson} names each of its output files' SHA-256 (null without output files).
     */
    public void taskFinished(String executionId, String taskId, String taskRunId, String taskType, State state, String message,
                             Instant startedAt, Instant endedAt, String outputsJson, String definition, String digestsJson)
            throws SQLException {
        database.transaction(c -> update(c, "INSERT INTO task_runs (execution_id, task_id, task_run_id, task_type, state,"
                + " message, started_at, ended_at, outputs, definition, output_file_digests) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (execution_id, task_run_id) DO UPDATE SET state = excluded.state, message = excluded.message,"
                + " ended_at = excluded.ended_at, outputs = excluded.outputs, definition = excluded.definition,"
                + " output_file_digests = excluded.output_file_digests", executionId,
                taskId, taskRunId, taskType, state.name(), message, startedAt.toEpochMilli(), endedAt.toEpochMilli(),
                outputsJson, definition, digestsJson));
    }

    /** A task run of an earlier execution, as recorded; {@code digestsJson} is null for a run recorded without them. */
    public record PastTaskRun(String executionId, String taskId, String taskType, State state, String message,
                              String outputsJson, String definition, Instant endedAt, String digestsJson) {
    }

    /**
     * The latest successful run of {@code taskId} in the flow; with {@code definition} not null, the latest whose
     * rendered definition was that one.
     */
    public Optional<PastTaskRun> latestSuccess(String namespace, String flowId, String taskId, String definition)
            throws SQLException {
        return database.read(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT " + PAST_RUN_COLUMNS + " FROM task_runs t"
                    + " JOIN executions e ON e.id = t.execution_id WHERE e.namespace = ? AND e.flow_id = ? AND t.task_id = ?"
                    + " AND t.state = 'SUCCESS' AND t.definition IS NOT NULL" + (definition == null ? "" : " AND t.definition = ?")
                    + " ORDER BY t.ended_at DESC LIMIT 1")) {
                if (definition == null) {
                    bind(query, namespace, flowId, taskId);
                } else {
                    bind(query, namespace, flowId, taskId, definition);
                }
                try (ResultSet rs = query.executeQuery()) {
                    return rs.next() ? Optional.of(pastRun(rs)) : Optional.<PastTaskRun>empty();
                }
            }
        });
    }

    /** The runs of {@code taskIds} in one execution, in the order they ended. */
    public List<PastTaskRun> taskRuns(String executionId, List<String> taskIds) throws SQLException {
        if (taskIds.isEmpty()) {
            return List.of();
        }
        return database.read(c -> {
            String marks = String.join(", ", java.util.Collections.nCopies(taskIds.size(), "?"));
            try (PreparedStatement query = c.prepareStatement("SELECT " + PAST_RUN_COLUMNS + " FROM task_runs t"
                    + " WHERE t.execution_id = ? AND t.task_id IN (" + marks + ") ORDER BY t.ended_at, t.started_at")) {
                List<Object> values = new ArrayList<>();
                values.add(executionId);
                values.addAll(taskIds);
                bind(query, values.toArray());
                List<PastTaskRun> runs = new ArrayList<>();
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        runs.add(pastRun(rs));
                    }
                }
                return runs;
            }
        });
    }

    private static final String PAST_RUN_COLUMNS = "t.execution_id, t.task_id, t.task_type, t.state, t.message, t.outputs,"
            + " t.definition, t.ended_at, t.output_file_digests";

    private static PastTaskRun pastRun(ResultSet rs) throws SQLException {
        return new PastTaskRun(rs.getString(1), rs.getString(2), rs.getString(3), State.parse(rs.getString(4)), rs.getString(5),
                rs.getString(6), rs.getString(7), instant(rs, 8), rs.getString(9));
    }

    /** Appends logs in one transaction. */
    public void appendLogs(String executionId, List<LogRecord> logs) throws SQLException {
        if (logs.isEmpty()) {
            return;
        }
        database.transaction(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO logs (execution_id, seq, at, task_id, task_run_id,"
                    + " level, stream, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (LogRecord log : logs) {
                    bind(insert, executionId, log.seq(), log.at().toEpochMilli(), log.taskId(), log.taskRunId(), log.level(),
                            log.stream(), log.message());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    public void metric(String executionId, String taskId, String taskRunId, String name, String type, double value,
                       String tagsJson, Instant at) throws SQLException {
        database.transaction(c -> update(c, "INSERT INTO metrics (execution_id, task_id, task_run_id, name, type, value, tags,"
                + " at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", executionId, taskId, taskRunId, name, type, value, tagsJson,
                at.toEpochMilli()));
    }

    /** How a task run ended, for a run whose end could not be written when it happened. */
    public record TaskEnd(String taskRunId, State state, String message, Instant at) {
    }

    /**
     * The execution's end, with the ends of its task runs that could not be written before ({@code unwritten}); a task
     * run still RUNNING after them (its end never told) takes the execution's state: no row stays RUNNING.
     */
    public void executionFinished(String id, State state, String message, Instant at, long logCount, long logsDropped,
                                  List<TaskEnd> unwritten) throws SQLException {
        database.transactionFromReserve(c -> {
            for (TaskEnd end : unwritten) {
                update(c, "UPDATE task_runs SET state = ?, message = ?, ended_at = ? WHERE execution_id = ? AND task_run_id = ?"
                        + " AND state IN ('RUNNING', 'PAUSED')", end.state().name(), end.message(), end.at().toEpochMilli(), id,
                        end.taskRunId());
            }
            update(c, "UPDATE task_runs SET state = ?, ended_at = ? WHERE execution_id = ? AND state IN ('RUNNING', 'PAUSED')",
                    state == State.SUCCESS || state == State.WARNING ? State.KILLED.name() : state.name(), at.toEpochMilli(), id);
            return update(c, "UPDATE executions SET state = ?, message = ?, ended_at = ?, log_count = ?, logs_dropped = ?"
                    + " WHERE id = ?", state.name(), message, at.toEpochMilli(), logCount, logsDropped, id);
        });
    }

    /**
     * Marks as KILLED the executions still RUNNING whose process is gone (a crash, a kill -9, a disk too full to
     * record the end), so that the history does not show them running forever. Each keeps the duration it had
     * run, and says that its record is incomplete. Returns their ids.
     */
    public List<String> closeAbandoned() throws SQLException {
        List<String> abandoned = new ArrayList<>();
        for (String id : runningIds()) {
            if (!ownerAlive(id)) {
                abandoned.add(id);
            }
        }
        for (String id : abandoned) {
            database.transaction(c -> {
                update(c, "UPDATE executions SET state = 'KILLED', message = ?, ended_at = MAX(started_at,"
                        + " COALESCE(last_seen_at, 0), COALESCE((SELECT MAX(COALESCE(ended_at, started_at)) FROM task_runs"
                        + " WHERE execution_id = executions.id), 0)) WHERE id = ? AND state = 'RUNNING'", ABANDONED, id);
                return update(c, "UPDATE task_runs SET state = 'KILLED', ended_at = (SELECT ended_at FROM executions"
                        + " WHERE id = task_runs.execution_id) WHERE execution_id = ? AND state IN ('RUNNING', 'PAUSED')", id);
            });
        }
        return abandoned;
    }

    /** What an execution closed by {@link #closeAbandoned()} says. */
    public static final String ABANDONED = "incomplete record: Flowbench stopped before recording how this execution ended"
            + " (it was killed, crashed, or could not write to its disk)";

    /** The executions recorded as running (by this process or another). */
    public Set<String> runningIds() throws SQLException {
        return database.read(c -> {
            Set<String> ids = new HashSet<>();
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT id FROM executions WHERE state = 'RUNNING'"); ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        });
    }

    private boolean ownerAlive(String id) throws SQLException {
        return database.read(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT pid FROM executions WHERE id = ?")) {
                query.setString(1, id);
                try (ResultSet rs = query.executeQuery()) {
                    return rs.next() && ProcessHandle.of(rs.getLong(1)).map(ProcessHandle::isAlive).orElse(false);
                }
            }
        });
    }

    /** The complete log files of these executions were removed (see {@link ExecutionLogs#removeOldest}). */
    public void logsRemoved(List<String> ids, Instant at) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        database.transaction(c -> {
            for (String id : ids) {
                update(c, "UPDATE executions SET log_removed_at = ? WHERE id = ?", at.toEpochMilli(), id);
            }
            return null;
        });
    }

    /**
     * Every cache HIT and MISS since {@code since}, oldest first, each with the duration of its WorkingDirectory in
     * that execution: the cache's events and the history are in one database, joined on the execution and on the
     * key's task (namespace/flow/task).
     */
    public List<CacheDecision> cacheDecisions(Instant since) throws SQLException {
        return database.read(c -> {
            List<CacheDecision> found = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement("SELECT ce.at, ce.cache_key, ce.event, tr.ended_at - tr.started_at"
                    + " FROM cache_events ce LEFT JOIN executions e ON e.id = ce.execution_id"
                    + " LEFT JOIN task_runs tr ON tr.execution_id = ce.execution_id"
                    + " AND e.namespace || '/' || e.flow_id || '/' || tr.task_id = ce.cache_key"
                    + " WHERE ce.event IN ('HIT', 'MISS') AND ce.at >= ? ORDER BY ce.at, ce.id")) {
                query.setLong(1, since.toEpochMilli());
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        long took = rs.getLong(4);
                        Duration duration = rs.wasNull() ? null : Duration.ofMillis(took);
                        CacheResult result = CacheResult.parse(rs.getString(3)).orElseThrow();
                        found.add(new CacheDecision(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2), result, duration));
                    }
                }
            }
            return found;
        });
    }

    public List<ExecutionSummary> recent(int limit) throws SQLException {
        return database.read(c -> {
            List<ExecutionSummary> found = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT " + SUMMARY_COLUMNS + " FROM executions ORDER BY started_at DESC, id LIMIT ?")) {
                query.setInt(1, limit);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        found.add(summary(rs));
                    }
                }
            }
            return found;
        });
    }

    /** The execution whose id is {@code idOrPrefix}, or the only one starting with it. */
    public Optional<ExecutionDetail> find(String idOrPrefix) throws SQLException {
        return database.read(c -> find(c, idOrPrefix));
    }

    private Optional<ExecutionDetail> find(Connection c, String idOrPrefix) throws SQLException {
        List<ExecutionSummary> matches = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement("SELECT " + SUMMARY_COLUMNS
                + " FROM executions WHERE id = ? OR substr(id, 1, ?) = ? ORDER BY (id = ?) DESC LIMIT 2")) {
            bind(query, idOrPrefix, idOrPrefix.length(), idOrPrefix, idOrPrefix);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    matches.add(summary(rs));
                }
            }
        }
        if (matches.isEmpty() || (matches.size() > 1 && !matches.get(0).id().equals(idOrPrefix))) {
            return Optional.empty();
        }
        ExecutionSummary summary = matches.get(0);
        return Optional.of(new ExecutionDetail(summary, tasks(c, summary.id()), logs(c, summary.id())));
    }

    private static List<TaskRunRecord> tasks(Connection c, String executionId) throws SQLException {
        List<TaskRunRecord> tasks = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement("SELECT task_id, task_type, state, message, started_at, ended_at,"
                + " outputs, task_run_id, parent_task_run_id, value, iteration FROM task_runs WHERE execution_id = ?"
                + " ORDER BY started_at, rowid")) {
            query.setString(1, executionId);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    int iteration = rs.getInt(11);
                    tasks.add(new TaskRunRecord(rs.getString(1), rs.getString(2), State.parse(rs.getString(3)), rs.getString(4),
                            instant(rs, 5), instant(rs, 6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                            rs.wasNull() ? null : iteration));
                }
            }
        }
        return tasks;
    }

    private static List<LogRecord> logs(Connection c, String executionId) throws SQLException {
        List<LogRecord> logs = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement("SELECT seq, at, task_id, task_run_id, level, stream,"
                + " message FROM logs WHERE execution_id = ? ORDER BY seq")) {
            query.setString(1, executionId);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    logs.add(new LogRecord(rs.getLong(1), instant(rs, 2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7)));
                }
            }
        }
        return logs;
    }

    private static final String SUMMARY_COLUMNS = "id, namespace, flow_id, flow_path, state, message, inputs,"
            + " started_at, ended_at, log_count, logs_dropped, log_removed_at,"
            + " (SELECT COUNT(*) FROM cache_events ce WHERE ce.execution_id = executions.id AND ce.event = 'HIT'),"
            + " (SELECT COUNT(*) FROM cache_events ce WHERE ce.execution_id = executions.id AND ce.event = 'MISS')";

    private static ExecutionSummary summary(ResultSet rs) throws SQLException {
        return new ExecutionSummary(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), State.parse(rs.getString(5)),
                rs.getString(6), rs.getString(7), instant(rs, 8), instant(rs, 9), rs.getLong(10), rs.getLong(11), instant(rs, 12),
                rs.getLong(13), rs.getLong(14));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    private static Void update(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, values);
            statement.executeUpdate();
        }
        return null;
    }

    private static void bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
    }
}
