package dev.flowbench.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowbench.engine.Engine;
import dev.flowbench.engine.EngineSettings;
import dev.flowbench.engine.Execution;
import dev.flowbench.engine.ExecutionEvent;
import dev.flowbench.engine.ExecutionResult;
import dev.flowbench.engine.State;
import dev.flowbench.engine.TaskContext;
import dev.flowbench.engine.WorkingDirectoryHooks;
import dev.flowbench.flow.WorkingDirectoryTask;
import dev.flowbench.flow.check.FlowValidator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An engine that throws still ends its execution: told to every listener, recorded, completed. */
class EngineFailureRecordedTest {

    @TempDir
    Path home;

    /** Hooks that fail past every task's error handling (an Error is not a task's failure), as an engine bug would. */
    private static final WorkingDirectoryHooks THROWING = new WorkingDirectoryHooks() {
        @Override
        public void beforeChildren(WorkingDirectoryTask task, Path directory, TaskContext context) {
            throw new AssertionError("the hooks broke");
        }

        @Override
        public void afterChildren(WorkingDirectoryTask task, Path directory, State childrenState, TaskContext context) {
        }
    };

    @Test
    void anEngineFailureEndsTheExecutionFailedInEventsHistoryAndCompletion() throws Exception {
        try (Database database = Database.open(home.resolve("db"))) {
            HistoryStore store = new HistoryStore(database);
            HistoryRecorder recorder = new HistoryRecorder(store, "/flows/broken.yml", 100);
            List<ExecutionEvent> events = new ArrayList<>();
            Engine engine = new Engine(EngineSettings.of(home.resolve("executions"), home.resolve("work"), THROWING));
            Execution execution = engine.start(new FlowValidator().validate("""
                    id: broken
                    namespace: test
                    tasks:
                      - id: wd
                        type: io.kestra.plugin.core.flow.WorkingDirectory
                        tasks:
                          - id: hello
                            type: io.kestra.plugin.scripts.shell.Commands
                            commands: [echo hello]
                    """).flow(), Map.of(), List.of(recorder, event -> {
                        synchronized (events) {
                            events.add(event);
                        }
                    }));

            ExecutionResult result = execution.completion().toCompletableFuture().get(1, TimeUnit.MINUTES);

            assertThat(result.state()).isEqualTo(State.FAILED);
            assertThat(result.message()).contains("the hooks broke");
            synchronized (events) {
                assertThat(events.get(0)).isInstanceOf(ExecutionEvent.ExecutionStarted.class);
                ExecutionEvent last = events.get(events.size() - 1);
                assertThat(last).isInstanceOf(ExecutionEvent.ExecutionFinished.class);
                assertThat(((ExecutionEvent.ExecutionFinished) last).state()).isEqualTo(State.FAILED);
                assertThat(events).filteredOn(ExecutionEvent.ExecutionFinished.class::isInstance).hasSize(1);
            }
            assertThat(recorder.failure()).isNull();
            ExecutionSummary recorded = store.find(execution.id()).orElseThrow().summary();
            assertThat(recorded.state()).isEqualTo(State.FAILED);
            assertThat(recorded.message()).contains("the hooks broke");
            assertThat(store.runningIds()).doesNotContain(execution.id());
        }
    }

    @Test
    void historyIsReadWhileAnotherThreadRecords() throws Exception {
        try (Database database = Database.open(home.resolve("db"))) {
            HistoryStore store = new HistoryStore(database);
            List<Throwable> failures = new ArrayList<>();
            Thread reader = new Thread(() -> {
                try {
                    for (int i = 0; i < 300; i++) {
                        for (ExecutionSummary summary : store.recent(20)) {
                            store.find(summary.id()).orElseThrow();
                        }
                    }
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            });
            reader.start();
            for (int i = 0; i < 60; i++) {
                java.time.Instant now = java.time.Instant.now();
                store.executionStarted("e" + i, "test", "flow", "/f.yml", "{}", now);
                store.taskStarted("e" + i, "t", "r" + i, null, "type", now);
                store.taskFinished("e" + i, "t", "r" + i, "type", State.SUCCESS, null, now, now, "{}", null, null);
                store.executionFinished("e" + i, State.SUCCESS, null, now, 0, 0, java.util.List.of());
            }
            reader.join();
            assertThat(failures).isEmpty();
            assertThat(store.recent(100)).hasSize(60).allMatch(s -> s.state() == State.SUCCESS);
        }
    }
}
