package dev.flowbench.store;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The schema's history, oldest first; {@code PRAGMA user_version} says how many are applied. Never edit
 * a released step: add a new one.
 */
final class Migrations {

    static final List<List<String>> STEPS = List.of(
            List.of(
                    """
                    CREATE TABLE executions (
                        id TEXT PRIMARY KEY,
                        namespace TEXT NOT NULL,
                        flow_id TEXT NOT NULL,
                        flow_path TEXT,
                        state TEXT NOT NULL,
                        message TEXT,
                        inputs TEXT NOT NULL DEFAULT '{}',
                        started_at INTEGER NOT NULL,
                        ended_at INTEGER,
                        pid INTEGER,
                        log_count INTEGER NOT NULL DEFAULT 0,
                        logs_dropped INTEGER NOT NULL DEFAULT 0
                    )""",
                    "CREATE INDEX executions_by_start ON executions (started_at DESC)",
                    """
                    CREATE TABLE task_runs (
                        execution_id TEXT NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
                        task_id TEXT NOT NULL,
                        task_type TEXT NOT NULL,
                        state TEXT NOT NULL,
                        message TEXT,
                        started_at INTEGER NOT NULL,
                        ended_at INTEGER,
                        outputs TEXT NOT NULL DEFAULT '{}',
                        PRIMARY KEY (execution_id, task_id)
                    )""",
                    """
                    CREATE TABLE logs (
                        execution_id TEXT NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
                        seq INTEGER NOT NULL,
                        at INTEGER NOT NULL,
                        task_id TEXT,
                        level TEXT NOT NULL,
                        stream TEXT NOT NULL,
                        message TEXT NOT NULL,
                        PRIMARY KEY (execution_id, seq)
                    )""",
                    """
                    CREATE TABLE metrics (
                        execution_id TEXT NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
                        task_id TEXT NOT NULL,
                        name TEXT NOT NULL,
                        type TEXT NOT NULL,
                        value REAL NOT NULL,
                        tags TEXT NOT NULL DEFAULT '{}',
                        at INTEGER NOT NULL
                    )""",
                    "CREATE INDEX metrics_by_execution ON metrics (execution_id)"),
            List.of(
                    """
                    CREATE TABLE cache_entries (
                        cache_key TEXT PRIMARY KEY,
                        namespace TEXT NOT NULL,
                        flow_id TEXT NOT NULL,
                        task_id TEXT NOT NULL,
                        patterns TEXT NOT NULL,
                        ttl TEXT,
                        blob TEXT NOT NULL,
                        sha256 TEXT NOT NULL,
                        created_at INTEGER NOT NULL,
                        last_used_at INTEGER NOT NULL,
                        last_execution_at INTEGER NOT NULL,
                        size_bytes INTEGER NOT NULL,
                        compressed_bytes INTEGER NOT NULL,
                        file_count INTEGER NOT NULL
                    )""",
                    """
                    CREATE TABLE cache_stats (
                        cache_key TEXT PRIMARY KEY,
                        hits INTEGER NOT NULL DEFAULT 0,
                        misses INTEGER NOT NULL DEFAULT 0,
                        invalidated_at INTEGER
                    )""",
                    """
                    CREATE TABLE cache_events (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        at INTEGER NOT NULL,
                        cache_key TEXT NOT NULL,
                        execution_id TEXT,
                        event TEXT NOT NULL,
                        reason TEXT,
                        duration_ms INTEGER,
                        files INTEGER,
                        bytes INTEGER
                    )""",
                    "CREATE INDEX cache_events_by_key ON cache_events (cache_key, at)"),
            List.of(
                    // a running execution's heartbeat: how long it had run when a crash or kill -9 ended it
                    "ALTER TABLE executions ADD COLUMN last_seen_at INTEGER",
                    // when the log-size limit removed the execution's complete log file
                    "ALTER TABLE executions ADD COLUMN log_removed_at INTEGER"),
            List.of(
                    // the flow's text as it ran (the window runs unsaved text; a file may change after)
                    "ALTER TABLE executions ADD COLUMN source TEXT"),
            List.of(
                    // the history lists each execution's cache hits and misses
                    "CREATE INDEX cache_events_by_execution ON cache_events (execution_id)"),
            List.of(
                    // Kestra's taskCache: a task's successful outcome, reused by a run of the same rendered definition
                    """
                    CREATE TABLE task_cache_entries (
                        cache_key TEXT PRIMARY KEY,
                        namespace TEXT NOT NULL,
                        flow_id TEXT NOT NULL,
                        task_id TEXT NOT NULL,
                        definition TEXT NOT NULL,
                        state TEXT NOT NULL,
                        outputs TEXT NOT NULL,
                        output_files TEXT NOT NULL,
                        execution_id TEXT,
                        created_at INTEGER NOT NULL,
                        ttl TEXT
                    )"""),
            List.of(
                    // each task run's rendered definition: "run up to here" reuses an earlier run of the same one
                    "ALTER TABLE task_runs ADD COLUMN definition TEXT",
                    "CREATE INDEX task_runs_by_definition ON task_runs (task_id, definition)"),
            List.of(
                    // the SHA-256 of each output file as its task left it: a run reused later is checked against them
                    "ALTER TABLE task_runs ADD COLUMN output_file_digests TEXT"),
            List.of(
                    // task runs as Kestra has them: each its own id and the task run it is nested in (rows of before
                    // keep theirs null: their task id names them, one run per task)
                    "ALTER TABLE task_runs ADD COLUMN task_run_id TEXT",
                    "ALTER TABLE task_runs ADD COLUMN parent_task_run_id TEXT"),
            List.of(
                    // a task runs more than once in an execution (in a Loop, each iteration): its runs are keyed by
                    // task run id; a row of before takes its task id as its task run id (one run per task then).
                    // SQLite cannot change a primary key: the table is made anew and every row copied, in order.
                    """
                    CREATE TABLE task_runs_by_run (
                        execution_id TEXT NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
                        task_run_id TEXT NOT NULL,
                        parent_task_run_id TEXT,
                        task_id TEXT NOT NULL,
                        task_type TEXT NOT NULL,
                        value TEXT,
                        iteration INTEGER,
                        state TEXT NOT NULL,
                        message TEXT,
                        started_at INTEGER NOT NULL,
                        ended_at INTEGER,
                        outputs TEXT NOT NULL DEFAULT '{}',
                        definition TEXT,
                        output_file_digests TEXT,
                        PRIMARY KEY (execution_id, task_run_id)
                    )""",
                    """
                    INSERT INTO task_runs_by_run (execution_id, task_run_id, parent_task_run_id, task_id, task_type, state,
                        message, started_at, ended_at, outputs, definition, output_file_digests)
                    SELECT execution_id, COALESCE(task_run_id, task_id), parent_task_run_id, task_id, task_type, state,
                        message, started_at, ended_at, outputs, definition, output_file_digests
                    FROM task_runs ORDER BY rowid""",
                    "DROP TABLE task_runs",
                    "ALTER TABLE task_runs_by_run RENAME TO task_runs",
                    "CREATE INDEX task_runs_by_definition ON task_runs (task_id, definition)",
                    // an iteration's log and metrics are told apart by their task run
                    "ALTER TABLE logs ADD COLUMN task_run_id TEXT",
                    "ALTER TABLE metrics ADD COLUMN task_run_id TEXT"),
            List.of(
                    // a Subflow's child execution and the execution and task run that started it
                    "ALTER TABLE executions ADD COLUMN parent_execution_id TEXT",
                    "ALTER TABLE executions ADD COLUMN parent_task_run_id TEXT",
                    "CREATE INDEX executions_by_parent ON executions (parent_execution_id)"),
            List.of(
                    // Kestra's key-value store, per namespace (kv.Set, kv(), flowbench kv)
                    """
                    CREATE TABLE kv (
                        namespace TEXT NOT NULL,
                        key TEXT NOT NULL,
                        value TEXT NOT NULL,
                        updated_at INTEGER NOT NULL,
                        expires_at INTEGER,
                        PRIMARY KEY (namespace, key)
                    )"""),
            List.of(
                    // a KV value's kvType (STRING, NUMBER, JSON...); NULL for those kept before, which are texts
                    "ALTER TABLE kv ADD COLUMN type TEXT"));

    private Migrations() {
    }

    static void apply(Database database) throws SQLException {
        int found = database.schemaVersion();
        if (found > STEPS.size()) {
            throw newerSchema(found);
        }
        if (found == STEPS.size()) {
            return;
        }
        database.transaction(connection -> {
            int version = database.schemaVersion(); // again, inside the lock: another process may have migrated
            if (version > STEPS.size()) {
                throw newerSchema(version);
            }
            try (Statement statement = connection.createStatement()) {
                for (int step = version; step < STEPS.size(); step++) {
                    for (String sql : STEPS.get(step)) {
                        statement.execute(sql);
                    }
                }
                statement.execute("PRAGMA user_version = " + STEPS.size());
            }
            return null;
        });
    }

    private static SQLException newerSchema(int version) {
        return new SQLException("the database was written by a newer Flowbench (schema " + version
                + "; this one knows " + STEPS.size() + "): use the newer version, or another FLOWBENCH_HOME");
    }
}
