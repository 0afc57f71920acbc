package dev.flowbench.ui.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowbench.app.Workspace;
import dev.flowbench.engine.CacheResult;
import dev.flowbench.engine.State;
import dev.flowbench.ui.app.UiTasks;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run panel's state without a toolkit: what starts a run, what stops one from starting, what a run leaves. */
class RunViewModelTest {

    @TempDir
    Path home;
    private Workspace workspace;
    private RunViewModel model;

    @BeforeEach
    void open() throws Exception {
        System.setProperty("flowbench.home", home.toString());
        workspace = Workspace.open(notice -> { });
        model = new RunViewModel(UiTasks.sameThread(), () -> workspace);
    }

    @AfterEach
    void close() {
        workspace.close();
        System.clearProperty("flowbench.home");
    }

    /** Until the run's end is recorded: every event has been handled by then (the drain runs on the bus's threads here). */
    private void awaitEnd() throws InterruptedException {
        for (int i = 0; i < 600 && model.recordedRunsProperty().get() == 0; i++) {
            Thread.sleep(50);
        }
        assertThat(model.recordedRunsProperty().get()).as("the run ended").isEqualTo(1L);
        assertThat(model.runningProperty().get()).isFalse();
    }

    @Test
    void aFlowWithErrorsDoesNotRunAndShowsItsProblems() {
        AtomicBoolean shown = new AtomicBoolean();
        model.run("id: x\nnamespace: n\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Nope\n", null, "x.yml",
                () -> shown.set(true));
        assertThat(shown).isTrue();
        assertThat(model.noticeProperty().get()).contains("x.yml has errors");
        assertThat(model.stateProperty().get()).isNull();
        assertThat(model.rowsProperty().get()).isEmpty();
    }

    @Test
    void aRequiredInputWithoutAValueIsNamedBeforeAnythingRuns() {
        model.run("""
                id: x
                namespace: n
                inputs:
                  - id: who
                    type: STRING
                tasks:
                  - id: a
                    type: io.kestra.plugin.core.log.Log
                    message: "{{ inputs.who }}"
                """, null, "x.yml", () -> { });
        assertThat(model.noticeProperty().get()).contains("Cannot run x.yml").contains("who");
        assertThat(model.stateProperty().get()).isNull();
    }

    @Test
    void aTaskFlowbenchCannotRunIsSaidBeforeTheInputsAreAskedFor() {
        AtomicBoolean asked = new AtomicBoolean();
        model.setInputsForm((flowName, inputs, last, check, go) -> asked.set(true));
        model.run("""
                id: x
                namespace: n
                inputs:
                  - id: who
                    type: STRING
                tasks:
                  - id: branch
                    type: io.kestra.plugin.jdbc.duckdb.Query
                    sql: "select '{{ inputs.who }}'"
                """, null, "x.yml", () -> { });
        assertThat(asked).as("no inputs form for a flow that cannot run").isFalse();
        assertThat(model.noticeProperty().get()).contains("Cannot run x.yml here: task 'branch'", "io.kestra.plugin.jdbc.duckdb.Query");
        assertThat(model.stateProperty().get()).isNull();
    }

    @Test
    void aPauseSaysHowToResumeAndALoopsFailedIterationIsNamedInTheLog() throws Exception {
        model.run("""
                id: waits
                namespace: n
                tasks:
                  - id: each
                    type: io.kestra.plugin.core.flow.Loop
                    values: ["a", "b"]
                    transmitFailed: false
                    tasks:
                      - id: check
                        type: io.kestra.plugin.core.execution.Fail
                        condition: "{{ item.value == 'b' }}"
                  - id: approve
                    type: io.kestra.plugin.core.flow.Pause
                """, null, "waits.yml", () -> { });
        for (int i = 0; i < 600 && !model.headlineProperty().get().startsWith("Paused"); i++) {
            Thread.sleep(50);
        }
        String id = model.executionIdProperty().get();
        assertThat(model.headlineProperty().get()).isEqualTo("Paused at 'approve' until resumed: flowbench resume " + id);
        assertThat(model.rowsProperty().get()).filteredOn(row -> row.taskId().equals("approve")).singleElement()
                .satisfies(row -> assertThat(row.stateProperty().get()).isEqualTo(State.PAUSED));
        assertThat(model.rowsProperty().get()).filteredOn(row -> row.taskId().equals("each")).singleElement()
                .satisfies(row -> assertThat(row.stateProperty().get()).isEqualTo(State.SUCCESS));
        assertThat(model.logs()).extracting(LogRow::taskId, LogRow::message)
                .contains(org.assertj.core.groups.Tuple.tuple("each #1 'b'", "FAILED: a task in it failed"));
        TaskRunRow each = model.rowsProperty().get().stream().filter(row -> row.taskId().equals("each")).findFirst().orElseThrow();
        assertThat(each.iterations()).extracting(TaskRunRow::label, row -> row.stateProperty().get())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("#0 a", State.SUCCESS),
                        org.assertj.core.groups.Tuple.tuple("#1 b", State.FAILED));
        assertThat(each.iterations()).allSatisfy(row -> assertThat(row.durationProperty().get()).isNotNull());
        assertThat(model.pausedProperty().get()).isTrue();
        model.resume(); // as flowbench resume ID does
        awaitEnd();
        assertThat(model.stateProperty().get()).isEqualTo(State.SUCCESS);
        assertThat(model.pausedProperty().get()).isFalse();

        model.showPast(workspace.history().find(id).orElseThrow()); // from the history: the iterations under their Loop
        TaskRunRow past = model.rowsProperty().get().stream().filter(row -> row.taskId().equals("each")).findFirst().orElseThrow();
        assertThat(model.rowsProperty().get()).filteredOn(row -> row.taskId().equals("each")).hasSize(1);
        assertThat(past.iterations()).extracting(TaskRunRow::label, row -> row.stateProperty().get())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("#0 a", State.SUCCESS),
                        org.assertj.core.groups.Tuple.tuple("#1 b", State.FAILED));
    }

    @Test
    void aRunFillsItsRowsCacheDecisionsAndLog() throws Exception {
        String flow = """
                id: cached
                namespace: n
                tasks:
                  - id: wd
                    type: io.kestra.plugin.core.flow.WorkingDirectory
                    cache:
                      patterns: [out/**]
                      ttl: PT1H
                    tasks:
                      - id: make
                        type: io.kestra.plugin.scripts.shell.Commands
                        taskRunner:
                          type: io.kestra.plugin.core.runner.Process
                        commands:
                          - mkdir -p out && echo made > out/a.txt
                          - echo hello from make
                """;
        model.run(flow, null, "cached.yml", () -> { });
        awaitEnd();

        assertThat(model.stateProperty().get()).isEqualTo(State.SUCCESS);
        assertThat(model.headlineProperty().get()).startsWith("cached.yml: SUCCESS in ");
        assertThat(model.rowsProperty().get()).extracting(TaskRunRow::taskId, TaskRunRow::parentId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("wd", null), org.assertj.core.groups.Tuple.tuple("make", "wd"));
        TaskRunRow wd = model.rowsProperty().get().get(0);
        assertThat(wd.restoreResultProperty().get()).isEqualTo(CacheResult.MISS);
        assertThat(wd.saveResultProperty().get()).isEqualTo(CacheResult.SAVED);
        assertThat(wd.cacheReasonProperty().get()).startsWith("MISS: no entry yet\nSAVED: ");
        assertThat(model.rowsProperty().get().get(1).stateProperty().get()).isEqualTo(State.SUCCESS);
        assertThat(model.logs()).extracting(LogRow::message).contains("hello from make");
        assertThat(model.rowsProperty().get().get(1).outputsProperty().get()).contains("exitCode = 0");
        assertThat(model.executionIdProperty().get()).isNotNull();
        assertThat(workspace.history().find(model.executionIdProperty().get()).orElseThrow().summary().state())
                .isEqualTo(State.SUCCESS);
        assertThat(workspace.history().sourceOf(model.executionIdProperty().get())).contains(flow); // what ran, unsaved

        model.rerun(workspace.history().recent(1).get(0), () -> { }); // no file: the kept text runs again
        for (int i = 0; i < 600 && model.recordedRunsProperty().get() < 2; i++) {
            Thread.sleep(50);
        }
        assertThat(workspace.history().recent(10)).hasSize(2).allMatch(run -> run.state() == State.SUCCESS);
        assertThat(model.rowsProperty().get().get(0).restoreResultProperty().get()).isEqualTo(CacheResult.HIT);
    }
}
