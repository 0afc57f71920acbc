package dev.flowbench.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loop as Kestra 2.0 runs it: each flow here was run by kestra-oracle (run / run-many, 2026-12-07) and what it gave is
 * the expected result; where Flowbench does better than Kestra (iterations left running after a failure), the test
 * says so.
 */
class LoopTest {

    @TempDir
    Path home;

    @Test
    void iterationsRunOneAtATimeByDefaultEachWithItsItemAndItsOwnOutputs() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: d_outputs
                namespace: q.loop
                tasks:
                  - id: loop
                    type: io.kestra.plugin.core.flow.Loop
                    values:
                      - alpha
                      - 2
                      - {"k": "v"}
                    outputs:
                      - id: label
                        type: STRING
                        value: "{{ outputs.first.value }}-{{ outputs.second.value }}"
                      - id: n
                        type: INT
                        value: "{{ item.index }}"
                    tasks:
                      - id: first
                        type: io.kestra.plugin.core.debug.Return
                        format: "first {{ item.value }}"
                      - id: second
                        type: io.kestra.plugin.core.debug.Return
                        format: "second sees {{ outputs.first.value }}"
                  - id: after
                    type: io.kestra.plugin.core.debug.Return
                    format: "one={{ outputs.loop.outputs[1] }} flat={{ loopOutputs(outputs.loop.outputs, 'label') }} n={{ loopOutputs(outputs.loop.outputs, 'n') }}"
                  - id: afterInner
                    type: io.kestra.plugin.core.debug.Return
                    format: "{{ outputs.first ?? 'no first' }}"
                """);
        assertThat(result.state()).isEqualTo(State.SUCCESS);
        assertThat(engine.iterations("loop")).containsExactly("0 alpha", "1 2", "2 {\"k\":\"v\"}");
        assertThat(engine.allFinished("second")).extracting(f -> f.outputs().get("value"))
                .containsExactly("second sees first alpha", "second sees first 2", "second sees first {\"k\":\"v\"}");
        // Kestra 2.0's outputs of the Loop and what the tasks after it read, word for word
        assertThat(engine.finished("loop").outputs()).containsEntry("iterationCount", 3).containsEntry("runningIterations", 0)
                .containsEntry("terminatedIterations", Map.of("SUCCESS", 3));
        assertThat(engine.finished("after").outputs().get("value")).isEqualTo("one={\"item\":{\"value\":\"2\",\"iteration\":1},"
                + "\"outputs\":{\"label\":\"first 2-second sees first 2\",\"n\":1}} flat=[\"first alpha-second sees first alpha\","
                + "\"first 2-second sees first 2\",\"first {\\\"k\\\":\\\"v\\\"}-second sees first {\\\"k\\\":\\\"v\\\"}\"] n=[0,1,2]");
        assertThat(engine.finished("afterInner").outputs().get("value")).isEqualTo("no first");
        assertThat(result.outputs()).doesNotContainKeys("first", "second"); // an iteration's outputs stay in it
    }

    @Test
    void aFailedIterationStopsTheLoopAndNothingAfterItRuns() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: c_failserial
                namespace: q.loop
                tasks:
                  - id: loop
                    type: io.kestra.plugin.core.flow.Loop
                    concurrencyLimit: 1
                    values: [0, 1, 2]
                    tasks:
                      - id: if
                        type: io.kestra.plugin.core.flow.If
                        condition: "{{ item.index == 1 }}"
                        then:
                          - id: boom
                            type: io.kestra.plugin.core.execution.Fail
                        else:
                          - id: ok
                            type: io.kestra.plugin.core.debug.Return
                            format: fine
                  - id: after
                    type: io.kestra.plugin.core.debug.Return
                    format: never
                """);
        assertThat(result.state()).isEqualTo(State.FAILED);
        assertThat(engine.taskRuns()).containsExactly("/loop FAILED", "loop#0 SUCCESS", "loop#0>/if SUCCESS",
                "loop#0>if/ok SUCCESS", "loop#1 FAILED", "loop#1>/if FAILED", "loop#1>if/boom FAILED");
        assertThat(engine.finished("loop").message()).isEqualTo("iteration 1 ('1') failed");
    }

    @Test
    void iterationsRunningBesideAFailedOneAreStoppedWhereKestraLeavesThemRunning() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: m_failconc
                namespace: q.loop
                tasks:
                  - id: loop
                    type: io.kestra.plugin.core.flow.Loop
                    concurrencyLimit: 0
                    values: [0, 1, 2]
                    tasks:
                      - id: if
                        type: io.kestra.plugin.core.flow.If
                        condition: "{{ item.index == 1 }}"
                        then:
                          - id: boom
                            type: io.kestra.plugin.core.execution.Fail
                        else:
                          - id: nap
                            type: io.kestra.plugin.scripts.shell.Commands
                            taskRunner:
                              type: io.kestra.plugin.core.runner.Process
                            commands: ["sleep 30"]
                """);
        // Kestra 2.0: the Loop and the execution end FAILED at once, iterations 0 and 2 stay RUNNING (orphaned)
        assertThat(result.state()).isEqualTo(State.FAILED);
        assertThat(engine.taskRuns()).containsExactly("/loop FAILED", "loop#0 CANCELLED", "loop#0>/if CANCELLED",
                "loop#0>if/nap CANCELLED", "loop#1 FAILED", "loop#1>/if FAILED", "loop#1>if/boom FAILED", "loop#2 CANCELLED",
                "loop#2>/if CANCELLED", "loop#2>if/nap CANCELLED");
        assertThat(engine.allFinished("nap")).extracting(ExecutionEvent.TaskFinished::message)
                .containsOnly("stopped because iteration 1 of 'loop' failed beside it");
        assertThat(result.duration()).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void withoutTransmitFailedTheLoopSucceedsAndKeepsTheOutputsOfTheIterationsThatDidInTheOrderTheyEnded() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: o1
                namespace: q.loop
                tasks:
                  - id: loop
                    type: io.kestra.plugin.core.flow.Loop
                    values: ["a", "b", "c"]
                    transmitFailed: false
                    concurrencyLimit: 0
                    outputs:
                      - id: v
                        type: STRING
                        value: "{{ outputs.r.value }}"
                    tasks:
                      - id: nap
                        type: io.kestra.plugin.core.flow.Sleep
                        duration: "{{ item.value == 'a' ? 'PT1S' : 'PT0.1S' }}"
                      - id: boom
                        type: io.kestra.plugin.core.execution.Fail
                        condition: "{{ item.value == 'b' }}"
                      - id: r
                        type: io.kestra.plugin.core.debug.Return
                        format: "got {{ item.value }}"
                """);
        assertThat(result.state()).isEqualTo(State.SUCCESS);
        assertThat(engine.finished("loop").outputs()).isEqualTo(Map.of("iterationCount", 3, "runningIterations", 0,
                "terminatedIterations", Map.of("FAILED", 1, "SUCCESS", 2), "outputs", List.of(
                        Map.of("item", Map.of("value", "c", "iteration", 2), "outputs", Map.of("v", "got c")),
                        Map.of("item", Map.of("value", "a", "iteration", 0), "outputs", Map.of("v", "got a")))));
    }

    @Test
    void errorsAndFinallyOfTheLoopRunInsideEachIteration() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: f_errors
                namespace: q.loop
                tasks:
                  - id: loop
                    type: io.kestra.plugin.core.flow.Loop
                    concurrencyLimit: 1
                    values: ["a", "b"]
                    tasks:
                      - id: boom
                        type: io.kestra.plugin.core.execution.Fail
                        condition: "{{ item.value == 'b' }}"
                    errors:
                      - id: e1
                        type: io.kestra.plugin.core.debug.Return
                        format: "error in {{ item.value }}"
                    finally:
                      - id: f1
                        type: io.kestra.plugin.core.debug.Return
                        format: "finally {{ item.value }}"
                """);
        assertThat(result.state()).isEqualTo(State.FAILED);
        assertThat(engine.taskRuns()).containsExactly("/loop FAILED", "loop#0 SUCCESS", "loop#0>/boom SUCCESS",
                "loop#0>/f1 SUCCESS", "loop#1 FAILED", "loop#1>/boom FAILED", "loop#1>/e1 SUCCESS", "loop#1>/f1 SUCCESS");
        assertThat(engine.allFinished("f1")).extracting(f -> f.outputs().get("value")).containsExactly("finally a", "finally b");
    }

    @Test
    void aWarningIterationDoesNotReachTheLoopAndMapValuesGiveTheirKeys() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: g_warn
                namespace: q.loop
                tasks:
                  - id: loop
                    type: io.kestra.plugin.core.flow.Loop
                    values: ["a", "b"]
                    tasks:
                      - id: w
                        type: io.kestra.plugin.core.flow.AllowFailure
                        tasks:
                          - id: boom
                            type: io.kestra.plugin.core.execution.Fail
                  - id: loop2
                    type: io.kestra.plugin.core.flow.Loop
                    values: '{"x": 1, "y": "two"}'
                    tasks:
                      - id: r
                        type: io.kestra.plugin.core.debug.Return
                        format: "{{ item.key }}={{ item.value }}"
                """);
        assertThat(result.state()).isEqualTo(State.SUCCESS);
        assertThat(engine.taskRuns()).contains("/loop SUCCESS", "loop#0 WARNING", "loop#1 WARNING", "loop#0>w/boom FAILED");
        assertThat(engine.allFinished("r")).extracting(f -> f.outputs().get("value")).containsExactly("x=1", "y=two");
    }

    @Test
    void aNestedLoopSeesTheOuterIterationsItemAndOutputs() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        engine.run("""
                id: nested
                namespace: q.loop
                tasks:
                  - id: nested
                    type: io.kestra.plugin.core.flow.Loop
                    values: [1, 2]
                    tasks:
                      - id: outer
                        type: io.kestra.plugin.core.debug.Return
                        format: "outer {{ item.value }}"
                      - id: inner
                        type: io.kestra.plugin.core.flow.Loop
                        values: ["x"]
                        tasks:
                          - id: sees
                            type: io.kestra.plugin.core.debug.Return
                            format: "{{ outputs.outer.value ?? 'nothing' }} / {{ item.parent.value }} / {{ item.parents[0].index }} / {{ item.key ?? 'nokey' }}"
                """);
        assertThat(engine.allFinished("sees")).extracting(f -> f.outputs().get("value"))
                .containsExactly("outer 1 / 1 / 0 / nokey", "outer 2 / 2 / 1 / nokey");
    }

    @Test
    void valuesThatAreNotAListOrAMapFailTheLoopWithKestrasWords() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: o2
                namespace: q.loop
                tasks:
                  - id: loop
                    type: io.kestra.plugin.core.flow.Loop
                    values: "abc"
                    tasks:
                      - id: r
                        type: io.kestra.plugin.core.debug.Return
                        format: "{{ item.value }}"
                """);
        assertThat(result.state()).isEqualTo(State.FAILED);
        assertThat(engine.taskRuns()).containsExactly("/loop FAILED");
        assertThat(engine.finished("loop").message())
                .isEqualTo("The `values` must be a list, a map, or an expression that renders to one, but got: 'abc'.");
    }

    @Test
    void anEmptyListSucceedsWithNoIterationAndANullValueFailsBeforeAny() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult empty = engine.run("""
                id: loop-empty
                namespace: io.kestra.tests
                tasks:
                  - id: each
                    type: io.kestra.plugin.core.flow.Loop
                    values: '[]'
                    tasks:
                      - id: r
                        type: io.kestra.plugin.core.debug.Return
                        format: "{{ item.value }}"
                """);
        assertThat(empty.state()).isEqualTo(State.SUCCESS);
        assertThat(engine.finished("each").outputs()).containsEntry("iterationCount", 0);

        EngineFixture other = new EngineFixture(home.resolve("null"));
        ExecutionResult withNull = other.run("""
                id: loop-null
                namespace: io.kestra.tests
                tasks:
                  - id: each
                    type: io.kestra.plugin.core.flow.Loop
                    values: '[1, null, {"key": "my-key", "value": "my-value"}]'
                    tasks:
                      - id: r
                        type: io.kestra.plugin.core.debug.Return
                        format: "{{ item.value }}"
                """);
        assertThat(withNull.state()).isEqualTo(State.FAILED);
        assertThat(other.taskRuns()).containsExactly("/each FAILED");
        assertThat(other.finished("each").message()).contains("a null at index 1");
    }

    @Test
    void tooManyValuesFailAtTheLimitBeforeAnyIterationStarts() {
        assertThatThrownBy(() -> LoopValues.of(List.of(1, 2, 3, 4), text -> text, 3))
                .hasMessage("The `values` hold 4 values, more than the 3 a Loop may run (one iteration each): split them, or loop"
                        + " over batches");
        assertThat(LoopValues.of(List.of(1, 2, 3), text -> text, 3)).hasSize(3);
    }

    @Test
    void concurrencyLimitBoundsTheIterationsRunningAtOnce() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: bounded
                namespace: q.loop
                tasks:
                  - id: loop
                    type: io.kestra.plugin.core.flow.Loop
                    concurrencyLimit: 2
                    values: [1, 2, 3, 4, 5, 6]
                    tasks:
                      - id: nap
                        type: io.kestra.plugin.core.flow.Sleep
                        duration: PT0.3S
                """);
        assertThat(result.state()).isEqualTo(State.SUCCESS);
        assertThat(mostIterationsAtOnce(engine)).isEqualTo(2);
    }

    /** The most iterations started and not ended at any point of the events. */
    private static int mostIterationsAtOnce(EngineFixture engine) {
        java.util.Set<String> iterations = new java.util.HashSet<>();
        int running = 0;
        int most = 0;
        for (ExecutionEvent event : engine.eventsOf(ExecutionEvent.class)) {
            if (event instanceof ExecutionEvent.TaskStarted started && started.isIteration()) {
                iterations.add(started.taskRunId());
                most = Math.max(most, ++running);
            } else if (event instanceof ExecutionEvent.TaskFinished finished && iterations.contains(finished.taskRunId())) {
                running--;
            }
        }
        return most;
    }

    @Test
    void cancellingTheExecutionKillsEveryIterationsProcess() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        Path marks = Files.createDirectories(home.resolve("marks"));
        Execution execution = engine.start("""
                id: cancelled
                namespace: q.loop
                tasks:
                  - id: loop
                    type: io.kestra.plugin.core.flow.Loop
                    concurrencyLimit: 0
                    values: [1, 2, 3]
                    tasks:
                      - id: sh
                        type: io.kestra.plugin.scripts.shell.Commands
                        taskRunner:
                          type: io.kestra.plugin.core.runner.Process
                        commands: ["touch %s/{{ item.value }}", "sleep 60"]
                """.formatted(marks), Map.of());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (Files.list(marks).count() < 2 && System.nanoTime() < deadline) { // the pool has 2 slots or more
            Thread.sleep(20);
        }
        execution.cancel();
        ExecutionResult result = execution.await(Duration.ofSeconds(30));
        assertThat(result.state()).isEqualTo(State.KILLED);
        assertThat(engine.taskRuns()).allMatch(run -> run.endsWith("KILLED"), "every run killed");
        assertThat(result.duration()).isLessThan(Duration.ofSeconds(40));
    }

    @Test
    void anExecutionStartingMoreTaskRunsThanItMayIsStoppedAndSaysWhy() throws Exception {
        EngineFixture engine = new EngineFixture(EngineSettings.of(home.resolve("executions"), home.resolve("work"),
                WorkingDirectoryHooks.NONE).withMaxTaskRuns(50));
        ExecutionResult result = engine.run("""
                id: many
                namespace: q.loop
                tasks:
                  - id: loop
                    type: io.kestra.plugin.core.flow.Loop
                    values: "{{ range(1, 100) }}"
                    tasks:
                      - id: say
                        type: io.kestra.plugin.core.log.Log
                        message: "{{ item.value }}"
                """);
        assertThat(result.state()).isEqualTo(State.FAILED);
        assertThat(result.message()).isEqualTo("it started more than 50 task runs, the most one execution may (a Loop over too"
                + " many values, a LoopUntil that never ends?): stopped");
        assertThat(engine.eventsOf(ExecutionEvent.TaskStarted.class)).hasSizeBetween(51, 53);
    }
}
