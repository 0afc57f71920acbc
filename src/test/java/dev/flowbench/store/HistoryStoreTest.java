package dev.flowbench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowbench.engine.Engine;
import dev.flowbench.engine.EngineSettings;
import dev.flowbench.engine.ExecutionResult;
import dev.flowbench.engine.State;
import dev.flowbench.engine.WorkingDirectoryHooks;
import dev.flowbench.flow.Flow;
import dev.flowbench.flow.check.FlowValidator;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryStoreTest {

    @TempDir
    Path home;

    private static Flow flow(String yaml) {
        return new FlowValidator().validate(yaml).flow();
    }

    private ExecutionResult runRecorded(HistoryStore store, String yaml, int logCap) throws Exception {
        HistoryRecorder recorder = new HistoryRecorder(store, "/flows/test.yml", logCap);
        Engine engine = new Engine(EngineSettings.of(home.resolve("executions"), home.resolve("work"), WorkingDirectoryHooks.NONE));
        ExecutionResult result = engine.start(flow(yaml), Map.of("who", "me"), List.of(recorder)).await(Duration.ofMinutes(1));
        assertThat(recorder.failure()).isNull();
        return result;
    }

    @Test
    void anExecutionIsRecordedWithTasksStatesOutputsAndLogs() throws Exception {
        try (Database database = Database.open(home.resolve("db"))) {
            HistoryStore store = new HistoryStore(database);
            ExecutionResult result = runRecorded(store, """
                    id: recorded
                    namespace: test
                    tasks:
                      - id: out
                        type: io.kestra.plugin.scripts.shell.Commands
                        commands:
                          - echo hello
                          - echo '::{"outputs":{"n":3},"metrics":[{"name":"rows","type":"counter","value":3}]}::'
                      - id: bad
                        type: io.kestra.plugin.scripts.shell.Commands
                        commands: [exit 2]
                    """, 100);

            ExecutionDetail detail = store.find(result.id()).orElseThrow();
            assertThat(detail.summary().state()).isEqualTo(State.FAILED);
            assertThat(detail.summary().flowId()).isEqualTo("recorded");
            assertThat(detail.summary().flowPath()).isEqualTo("/flows/test.yml");
            assertThat(detail.summary().inputsJson()).isEqualTo("{\"who\":\"me\"}");
            assertThat(detail.summary().duration()).isNotNull();
            assertThat(detail.tasks()).extracting(TaskRunRecord::taskId, TaskRunRecord::state)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("out", State.SUCCESS),
                            org.assertj.core.groups.Tuple.tuple("bad", State.FAILED));
            assertThat(detail.tasks().get(0).outputsJson()).contains("\"vars\":{\"n\":3}");
            assertThat(detail.tasks().get(1).message()).isEqualTo("exited with code 2");
            assertThat(detail.logs()).extracting(LogRecord::message).containsExactly("hello");
            String outRun = detail.tasks().get(0).taskRunId();
            assertThat(outRun).isNotBlank().isNotEqualTo(detail.tasks().get(1).taskRunId());
            assertThat(detail.logs()).extracting(LogRecord::taskRunId).containsExactly(outRun);
            try (Statement statement = database.connection().createStatement();
                 var rs = statement.executeQuery("SELECT name, value, task_run_id FROM metrics WHERE execution_id = '" + result.id() + "'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("rows");
                assertThat(rs.getDouble(2)).isEqualTo(3.0);
                assertThat(rs.getString(3)).isEqualTo(outRun);
            }
            assertThat(store.find(result.id().substring(0, 8))).map(d -> d.summary().id()).hasValue(result.id());
            assertThat(store.recent(10)).extracting(ExecutionSummary::id).containsExactly(result.id());
        }
    }

    @Test
    void logsAreCappedPerExecutionAndTheCapIsReported() throws Exception {
        try (Database database = Database.open(home.resolve("db"))) {
            HistoryStore store = new HistoryStore(database);
            ExecutionResult result = runRecorded(store, """
                    id: chatty
                    namespace: test
                    tasks:
                      - id: chatter
                        type: io.kestra.plugin.scripts.shell.Commands
                        commands: [seq 1 5000]
                    """, 1_000);
            ExecutionDetail detail = store.find(result.id()).orElseThrow();
            assertThat(detail.logs()).hasSize(1_000);
            assertThat(detail.logs().get(999).message()).isEqualTo("1000");
            assertThat(detail.summary().logCount()).isEqualTo(1_000);
            assertThat(detail.summary().logsDropped()).isEqualTo(4_000);
        }
    }

    @Test
    void theSchemaIsMigratedOnOpenAndANewerOneIsRefusedClearly() throws Exception {
        Path file = home.resolve("db");
        try (Database database = Database.open(file)) {
            assertThat(database.schemaVersion()).isEqualTo(Migrations.STEPS.size());
        }
        try (Database again = Database.open(file)) {
            assertThat(again.schemaVersion()).isEqualTo(Migrations.STEPS.size());
            try (Statement statement = again.connection().createStatement()) {
                statement.execute("PRAGMA user_version = 99");
            }
        }
        assertThatThrownBy(() -> Database.open(file)).isInstanceOf(SQLException.class).hasMessageContaining("newer Flowbench");
    }

    @Test
    void executionsLeftRunningByADeadProcessAreClosedAsKilled() throws Exception {
        try (Database database = Database.open(home.resolve("db"))) {
            HistoryStore store = new HistoryStore(database);
            store.executionStarted("abandoned", "test", "flow", null, "{}", Instant.now());
            try (Statement statement = database.connection().createStatement()) {
                statement.execute("UPDATE executions SET pid = 2147483646 WHERE id = 'abandoned'");
            }
            store.executionStarted("mine", "test", "flow", null, "{}", Instant.now());
            assertThat(store.closeAbandoned()).hasSize(1);
            assertThat(store.find("abandoned").orElseThrow().summary().state()).isEqualTo(State.KILLED);
            assertThat(store.find("mine").orElseThrow().summary().state()).isEqualTo(State.RUNNING);
        }
    }
}
