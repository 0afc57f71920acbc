package dev.flowbench.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowbench.engine.State;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history of before task runs were keyed by their own id (schema 9: one row per task id) opens in a Flowbench
 * that keys them so, every row kept, and takes runs of one task twice in an execution from then on.
 */
class TaskRunsByRunMigrationTest {

    private static final int BEFORE = 9;

    @TempDir
    Path home;

    @Test
    void everyRowIsKeptAndATaskMayThenRunTwiceInAnExecution() throws Exception {
        Path file = home.resolve("flowbench.db");
        try (Connection old = DriverManager.getConnection("jdbc:sqlite:" + file); Statement sql = old.createStatement()) {
            for (List<String> step : Migrations.STEPS.subList(0, BEFORE)) {
                for (String statement : step) {
                    sql.execute(statement);
                }
            }
            sql.execute("PRAGMA user_version = " + BEFORE);
            sql.execute("INSERT INTO executions (id, namespace, flow_id, state, started_at, ended_at) VALUES"
                    + " ('old1', 'ns', 'f', 'SUCCESS', 1000, 3000), ('new1', 'ns', 'f', 'FAILED', 4000, 6000)");
            // before task runs had ids, then with them (schema 9 recorded both)
            sql.execute("INSERT INTO task_runs (execution_id, task_id, task_type, state, started_at, ended_at, outputs,"
                    + " definition) VALUES ('old1', 'b', 'shell', 'SUCCESS', 1000, 2000, '{\"n\":1}', 'def-b'),"
                    + " ('old1', 'a', 'shell', 'SUCCESS', 2000, 3000, '{}', NULL)");
            sql.execute("INSERT INTO task_runs (execution_id, task_id, task_type, state, started_at, ended_at, outputs,"
                    + " task_run_id, parent_task_run_id) VALUES ('new1', 'par', 'Parallel', 'FAILED', 4000, 6000, '{}', 'r1', NULL),"
                    + " ('new1', 'x', 'shell', 'FAILED', 4100, 5900, '{}', 'r2', 'r1')");
            sql.execute("INSERT INTO logs (execution_id, seq, at, task_id, level, stream, message)"
                    + " VALUES ('old1', 1, 1500, 'b', 'INFO', 'stdout', 'hello')");
        }

        try (Database database = Database.open(file)) {
            assertThat(database.schemaVersion()).isEqualTo(Migrations.STEPS.size());
            HistoryStore store = new HistoryStore(database);

            ExecutionDetail old = store.find("old1").orElseThrow();
            assertThat(old.tasks()).extracting(TaskRunRecord::taskId, TaskRunRecord::taskRunId, TaskRunRecord::outputsJson)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("b", "b", "{\"n\":1}"),
                            org.assertj.core.groups.Tuple.tuple("a", "a", "{}"));
            assertThat(old.logs()).extracting(LogRecord::message, LogRecord::taskRunId)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("hello", null));
            assertThat(store.latestSuccess("ns", "f", "b", "def-b")).get()
                    .extracting(HistoryStore.PastTaskRun::executionId).isEqualTo("old1");

            ExecutionDetail nested = store.find("new1").orElseThrow();
            assertThat(nested.tasks()).extracting(TaskRunRecord::taskRunId, TaskRunRecord::parentTaskRunId)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("r1", null), org.assertj.core.groups.Tuple.tuple("r2", "r1"));

            // the same task twice in one execution: two rows
            store.executionStarted("loop1", "ns", "f", null, "{}", null, Instant.ofEpochMilli(7000));
            for (String run : List.of("i0", "i1")) {
                store.taskStarted("loop1", "body", run, null, "shell", Instant.ofEpochMilli(7100));
                store.taskFinished("loop1", "body", run, "shell", State.SUCCESS, null, Instant.ofEpochMilli(7100),
                        Instant.ofEpochMilli(7200), "{\"run\":\"" + run + "\"}", null, null);
            }
            assertThat(store.find("loop1").orElseThrow().tasks()).extracting(TaskRunRecord::outputsJson)
                    .containsExactly("{\"run\":\"i0\"}", "{\"run\":\"i1\"}");
        }
    }
}
