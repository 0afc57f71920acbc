package dev.flowbench.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sequential, Parallel, If, Switch, AllowFailure, Exit, errors and finally, retry: each flow here was run by Kestra 2.0
 * (kestra-oracle run / run-many, 2026-12-07), and the task runs and states it gave are the expected results.
 */
class FlowableTasksTest {

    @TempDir
    Path home;

    @Test
    void aFailingBranchOfAParallelStopsTheRunningOnesAsFailedAndNothingAfterRuns() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: a_parallel_fail
                namespace: oq
                tasks:
                  - id: par
                    type: io.kestra.plugin.core.flow.Parallel
                    tasks:
                      - id: boom
                        type: io.kestra.plugin.core.execution.Fail
                      - id: slow
                        type: io.kestra.plugin.core.flow.Sleep
                        duration: PT30S
                      - id: seq
                        type: io.kestra.plugin.core.flow.Sequential
                        tasks:
                          - id: s1
                            type: io.kestra.plugin.core.flow.Sleep
                            duration: PT30S
                          - id: s2
                            type: io.kestra.plugin.core.log.Log
                            message: s2
                  - id: after
                    type: io.kestra.plugin.core.log.Log
                    message: after
                """);
        assertThat(result.state()).isEqualTo(State.FAILED);
        // Kestra 2.0 (2 slots or more here: the three branches start together)
        assertThat(engine.taskRuns()).containsExactly("/par FAILED", "par/boom FAILED", "par/seq FAILED", "par/slow FAILED",
                "seq/s1 FAILED");
        assertThat(engine.finished("slow").message()).isEqualTo("stopped because 'boom' failed beside it");
        assertThat(result.duration()).isLessThan(java.time.Duration.ofSeconds(20));
    }

    @Test
    void onChildFailureCancelEndsTheRunningBranchesCancelledAndStillRunsTheParallelsErrorsAndFinally() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: parallel-fail-fast-errors
                namespace: io.kestra.tests
                tasks:
                  - id: parallel
                    type: io.kestra.plugin.core.flow.Parallel
                    onChildFailure: CANCEL
                    errors:
                      - id: e1
                        type: io.kestra.plugin.core.log.Log
                        message: "handled"
                    finally:
                      - id: f1
                        type: io.kestra.plugin.core.log.Log
                        message: "cleaned up"
                    tasks:
                      - id: fails_fast
                        type: io.kestra.plugin.core.execution.Fail
                      - id: sleep
                        type: io.kestra.plugin.core.flow.Sleep
                        duration: PT10S
                """);
        assertThat(result.state()).isEqualTo(State.FAILED);
        assertThat(engine.taskRuns()).containsExactly("/parallel FAILED", "parallel/e1 SUCCESS", "parallel/f1 SUCCESS",
                "parallel/fails_fast FAILED", "parallel/sleep CANCELLED");
    }

    @Test
    void onChildFailureContinueLetsTheOtherBranchesEndAndTheParallelStillFails() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: b_parallel_continue
                namespace: oq
                tasks:
                  - id: par
                    type: io.kestra.plugin.core.flow.Parallel
                    onChildFailure: CONTINUE
                    tasks:
                      - id: boom
                        type: io.kestra.plugin.core.execution.Fail
                      - id: slow
                        type: io.kestra.plugin.core.flow.Sleep
                        duration: PT0.5S
                  - id: after
                    type: io.kestra.plugin.core.log.Log
                    message: after
                """);
        assertThat(result.state()).isEqualTo(State.FAILED);
        assertThat(engine.taskRuns()).containsExactly("/par FAILED", "par/boom FAILED", "par/slow SUCCESS");
    }

    @Test
    void aDagStartsEachTaskOnceWhatItDependsOnSucceeded() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: dag
                namespace: oq
                tasks:
                  - id: dag
                    type: io.kestra.plugin.core.flow.Dag
                    tasks:
                      - task:
                          id: task1
                          type: io.kestra.plugin.core.flow.Sleep
                          duration: PT0.2S
                      - task:
                          id: task2
                          type: io.kestra.plugin.core.log.Log
                          message: two
                        dependsOn: [task1]
                      - task:
                          id: task3
                          type: io.kestra.plugin.core.log.Log
                          message: three
                        dependsOn: [task1]
                      - task:
                          id: task5
                          type: io.kestra.plugin.core.log.Log
                          message: five
                        dependsOn: [task2, task3]
                """);
        assertThat(result.state()).isEqualTo(State.SUCCESS);
        assertThat(engine.taskRuns()).containsExactly("/dag SUCCESS", "dag/task1 SUCCESS", "dag/task2 SUCCESS",
                "dag/task3 SUCCESS", "dag/task5 SUCCESS");
        java.util.List<String> started = engine.eventsOf(ExecutionEvent.TaskStarted.class).stream()
                .map(ExecutionEvent.TaskStarted::taskId).toList();
        assertThat(started.indexOf("task5")).isGreaterThan(started.indexOf("task2")).isGreaterThan(started.indexOf("task1"));
        assertThat(started.indexOf("task5")).isGreaterThan(started.indexOf("task3"));
    }

    @Test
    void aFailureInADagLetsWhatRunsEndButStartsNothingMoreByDefault() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: dag_continue
                namespace: oq
                tasks:
                  - id: dag
                    type: io.kestra.plugin.core.flow.Dag
                    tasks:
                      - task:
                          id: a
                          type: io.kestra.plugin.core.execution.Fail
                      - task:
                          id: b
                          type: io.kestra.plugin.core.log.Log
                          message: b
                        dependsOn:
                          - a
                      - task:
                          id: c
                          type: io.kestra.plugin.core.flow.Sleep
                          duration: PT0.5S
                      - task:
                          id: d
                          type: io.kestra.plugin.core.log.Log
                          message: d
                        dependsOn:
                          - c
                  - id: after
                    type: io.kestra.plugin.core.log.Log
                    message: after
                """);
        assertThat(result.state()).isEqualTo(State.FAILED);
        assertThat(engine.taskRuns()).containsExactly("/dag FAILED", "dag/a FAILED", "dag/c SUCCESS"); // Kestra 2.0
    }

    @Test
    void onChildFailureContinueStartsNoBranchAfterAFailure() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: parallel_continue_one
                namespace: oq
                tasks:
                  - id: par
                    type: io.kestra.plugin.core.flow.Parallel
                    concurrent: 1
                    onChildFailure: CONTINUE
                    tasks:
                      - id: boom
                        type: io.kestra.plugin.core.execution.Fail
                      - id: next
                        type: io.kestra.plugin.core.log.Log
                        message: next
                """);
        assertThat(result.state()).isEqualTo(State.FAILED);
        assertThat(engine.taskRuns()).containsExactly("/par FAILED", "par/boom FAILED"); // Kestra 2.0
    }

    @Test
    void theBranchesSampleRunsEveryKindOfBranch() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run(java.nio.file.Files.readString(Path.of("sample-flows/branches.yml")),
                java.util.Map.of("size", "large"));
        assertThat(result.state()).isEqualTo(State.WARNING);
        assertThat(engine.taskRuns()).containsExactly("/by_size SUCCESS", "/enough SUCCESS", "/fan_out SUCCESS",
                "/measure SUCCESS", "/optional WARNING", "by_size/thorough SUCCESS", "enough/many SUCCESS", "fan_out/left SUCCESS",
                "fan_out/right SUCCESS", "optional/flaky FAILED", "right/right_first SUCCESS", "right/right_second SUCCESS");
        assertThat(engine.logs("many")).containsExactly("42 files: more than ten");
        assertThat(engine.finished("flaky").message()).startsWith("failed after 2 attempts");
    }

    @Test
    void ifRunsTheBranchItsConditionPicksAndSaysWhichInItsOutputs() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: d_if
                namespace: oq
                tasks:
                  - id: cond
                    type: io.kestra.plugin.core.flow.If
                    condition: "{{ 1 == 2 }}"
                    then:
                      - id: t
                        type: io.kestra.plugin.core.log.Log
                        message: t
                  - id: both
                    type: io.kestra.plugin.core.flow.If
                    condition: "{{ outputs.cond.evaluationResult == false }}"
                    then:
                      - id: yes
                        type: io.kestra.plugin.core.log.Log
                        message: yes
                    else:
                      - id: no
                        type: io.kestra.plugin.core.log.Log
                        message: no
                  - id: after
                    type: io.kestra.plugin.core.log.Log
                    message: "after {{ outputs.cond.evaluationResult }}"
                """);
        assertThat(result.state()).isEqualTo(State.SUCCESS);
        assertThat(engine.taskRuns()).containsExactly("/after SUCCESS", "/both SUCCESS", "/cond SUCCESS", "both/yes SUCCESS");
        assertThat(engine.logs("after")).containsExactly("after false"); // Kestra: outputs {evaluationResult: false}
    }

    @Test
    void switchRunsTheCaseOfItsValueOrTheDefaultsAndFailsWhenNeitherIsThere() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: switches
                namespace: oq
                tasks:
                  - id: ret
                    type: io.kestra.plugin.core.debug.Return
                    format: "B"
                  - id: matched
                    type: io.kestra.plugin.core.flow.Switch
                    value: "{{ outputs.ret.value }}"
                    cases:
                      A:
                        - id: a
                          type: io.kestra.plugin.core.log.Log
                          message: a
                      B:
                        - id: b
                          type: io.kestra.plugin.core.log.Log
                          message: b
                    defaults:
                      - id: d
                        type: io.kestra.plugin.core.log.Log
                        message: d
                  - id: fallback
                    type: io.kestra.plugin.core.flow.Switch
                    value: "Z"
                    cases:
                      A:
                        - id: a2
                          type: io.kestra.plugin.core.log.Log
                          message: a
                    defaults:
                      - id: d2
                        type: io.kestra.plugin.core.log.Log
                        message: "{{ outputs.matched.value }} {{ outputs.matched.defaults }}"
                  - id: none
                    type: io.kestra.plugin.core.flow.Switch
                    value: "ZZZ"
                    cases:
                      A:
                        - id: a3
                          type: io.kestra.plugin.core.log.Log
                          message: a
                """);
        assertThat(result.state()).isEqualTo(State.FAILED);
        assertThat(engine.taskRuns()).containsExactly("/fallback SUCCESS", "/matched SUCCESS", "/none FAILED", "/ret SUCCESS",
                "fallback/d2 SUCCESS", "matched/b SUCCESS");
        assertThat(engine.logs("d2")).containsExactly("B false");
        assertThat(engine.finished("none").message()).startsWith("No task found on flow 'oq.switches', task 'none'");
        assertThat(engine.finished("none").outputs()).containsEntry("value", "ZZZ").containsEntry("defaults", true);
    }

    @Test
    void allowFailureRunsItsErrorsAndFinallyAndTurnsTheFailureIntoAWarning() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: e_allowfailure
                namespace: oq
                tasks:
                  - id: af
                    type: io.kestra.plugin.core.flow.AllowFailure
                    tasks:
                      - id: boom
                        type: io.kestra.plugin.core.execution.Fail
                      - id: never
                        type: io.kestra.plugin.core.log.Log
                        message: never
                    errors:
                      - id: handled
                        type: io.kestra.plugin.core.log.Log
                        message: handled
                    finally:
                      - id: fin
                        type: io.kestra.plugin.core.log.Log
                        message: fin
                  - id: after
                    type: io.kestra.plugin.core.log.Log
                    message: after
                """);
        assertThat(result.state()).isEqualTo(State.WARNING);
        assertThat(engine.taskRuns()).containsExactly("/af WARNING", "/after SUCCESS", "af/boom FAILED", "af/fin SUCCESS",
                "af/handled SUCCESS");
    }

    @Test
    void aSequentialsOwnErrorsRunThenTheFlowsErrorsAndFinallyAndNothingAfterIt() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: f_seq_errors
                namespace: oq
                tasks:
                  - id: seq
                    type: io.kestra.plugin.core.flow.Sequential
                    tasks:
                      - id: boom
                        type: io.kestra.plugin.core.execution.Fail
                    errors:
                      - id: local
                        type: io.kestra.plugin.core.log.Log
                        message: local
                  - id: after
                    type: io.kestra.plugin.core.log.Log
                    message: after
                errors:
                  - id: global
                    type: io.kestra.plugin.core.log.Log
                    message: global
                finally:
                  - id: fin
                    type: io.kestra.plugin.core.log.Log
                    message: fin
                """);
        assertThat(result.state()).isEqualTo(State.FAILED);
        assertThat(engine.taskRuns()).containsExactly("/fin SUCCESS", "/global SUCCESS", "/seq FAILED", "seq/boom FAILED",
                "seq/local SUCCESS");
    }

    @Test
    void exitEndsTheExecutionInItsStateLettingWhatRunsBesideItEndAndSkippingFinally() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: i_exit_parallel
                namespace: oq
                tasks:
                  - id: par
                    type: io.kestra.plugin.core.flow.Parallel
                    tasks:
                      - id: quit
                        type: io.kestra.plugin.core.execution.Exit
                        state: WARNING
                      - id: slow
                        type: io.kestra.plugin.core.flow.Sleep
                        duration: PT0.5S
                  - id: after
                    type: io.kestra.plugin.core.log.Log
                    message: after
                finally:
                  - id: fin
                    type: io.kestra.plugin.core.log.Log
                    message: fin
                """);
        assertThat(result.state()).isEqualTo(State.WARNING);
        assertThat(engine.taskRuns()).containsExactly("/par WARNING", "par/quit WARNING", "par/slow SUCCESS");
        assertThat(result.message()).isEqualTo("ended by the Exit task 'quit'");
    }

    @Test
    void anExitNestedInIfsGivesItsStateToEveryIfAroundIt() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: exit-nested
                namespace: io.kestra.tests
                inputs:
                  - id: someBool
                    type: BOOL
                    defaults: true
                  - id: secondBool
                    type: BOOL
                    defaults: false
                tasks:
                  - id: if_some_bool
                    type: io.kestra.plugin.core.flow.If
                    condition: "{{ inputs.someBool }}"
                    then:
                      - id: was_true
                        type: io.kestra.plugin.core.log.Log
                        message: The value was true
                      - id: nested_bool_check
                        type: io.kestra.plugin.core.flow.If
                        condition: "{{ inputs.secondBool }}"
                        then:
                          - id: was_also_true
                            type: io.kestra.plugin.core.log.Log
                            message: Was also true
                        else:
                          - id: nested_was_false
                            type: io.kestra.plugin.core.execution.Exit
                            state: FAILED
                    else:
                      - id: was_false
                        type: io.kestra.plugin.core.execution.Exit
                        state: FAILED
                """);
        assertThat(result.state()).isEqualTo(State.FAILED);
        assertThat(engine.taskRuns()).containsExactly("/if_some_bool FAILED", "if_some_bool/nested_bool_check FAILED",
                "if_some_bool/was_true SUCCESS", "nested_bool_check/nested_was_false FAILED");
    }

    @Test
    void retryMakesMaxAttemptsInAllAndTellsEachAttemptItsNumber() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: retries
                namespace: oq
                tasks:
                  - id: flaky
                    type: io.kestra.plugin.core.execution.Fail
                    retry:
                      type: constant
                      interval: PT0.05S
                      maxAttempts: 3
                    allowFailure: true
                  - id: third_time
                    type: io.kestra.plugin.core.log.Log
                    message: "{{ taskrun.attemptsCount == 2 ? 'ok' : ko }}"
                    retry:
                      type: exponential
                      interval: PT0.01S
                      maxInterval: PT0.05S
                      maxAttempts: 4
                      warningOnRetry: true
                """);
        assertThat(engine.finished("flaky").message()).contains("failed after 3 attempts");
        assertThat(engine.logs("flaky")).filteredOn(line -> line.startsWith("attempt ")).hasSize(2);
        assertThat(engine.finished("third_time").state()).isEqualTo(State.WARNING); // Kestra: retry-success.yaml ends WARNING
        assertThat(engine.logs("third_time")).contains("ok");
        assertThat(result.state()).isEqualTo(State.WARNING);
    }

    /**
     * Kestra 2.0's retry-with-flowable-errors.yaml and retry-flowable.yaml, as kestra-oracle ran them: a flowable's
     * retry runs its failed child again after its errors ran (SUCCESS at the second attempt; FAILED after 3); the
     * tasks that succeeded before are not run again.
     */
    @Test
    void aFlowablesRetryRunsWhatFailedAgainAfterItsErrors() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: retry-with-flowable-errors
                namespace: oq
                tasks:
                  - id: set_kv
                    type: io.kestra.plugin.core.kv.Set
                    key: "retry_counter_1"
                    value: "1"
                    kvType: NUMBER
                    overwrite: true
                  - id: retry_block
                    type: io.kestra.plugin.core.flow.AllowFailure
                    tasks:
                      - id: once
                        type: io.kestra.plugin.core.debug.Return
                        format: "runs once"
                      - id: run_script
                        type: io.kestra.plugin.core.log.Log
                        message: "{{kv(namespace=flow.namespace, key='retry_counter_1') < 2 ? ko : 'It works'}}"
                    errors:
                      - id: incr_counter
                        type: io.kestra.plugin.core.kv.Set
                        key: retry_counter_1
                        value: "{{ kv(namespace=flow.namespace, key='retry_counter_1') + 1 }}"
                        overwrite: true
                    retry:
                      type: constant
                      behavior: RETRY_FAILED_TASK
                      maxAttempts: 3
                      interval: PT0.1S
                      warningOnRetry: true
                  - id: flowable
                    type: io.kestra.plugin.core.flow.Sequential
                    allowFailure: true
                    retry:
                      type: constant
                      interval: PT0.1S
                      maxAttempts: 3
                    tasks:
                      - id: child
                        type: io.kestra.plugin.core.execution.Fail
                """);
        assertThat(engine.finished("retry_block").state()).isEqualTo(State.SUCCESS);
        assertThat(engine.allFinished("run_script")).extracting(ExecutionEvent.TaskFinished::state)
                .containsExactly(State.FAILED, State.SUCCESS);
        assertThat(engine.allFinished("run_script")).extracting(ExecutionEvent.TaskFinished::taskRunId).as("attempts of one task run")
                .containsOnly(engine.finished("run_script").taskRunId());
        assertThat(engine.allFinished("incr_counter")).hasSize(1);
        assertThat(engine.allFinished("once")).hasSize(1);
        assertThat(engine.allFinished("child")).hasSize(3);
        assertThat(engine.finished("flowable").message()).contains("a task in it failed");
        assertThat(engine.logs("flowable")).filteredOn(line -> line.startsWith("attempt ")).hasSize(2);
        assertThat(result.state()).isEqualTo(State.WARNING);
    }

    @Test
    void aDisabledFlowableIsLeftOutAndRunIfSkipsOne() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: skipped
                namespace: oq
                tasks:
                  - id: off
                    type: io.kestra.plugin.core.flow.Sequential
                    disabled: true
                    tasks:
                      - id: inner
                        type: io.kestra.plugin.core.execution.Fail
                  - id: unless
                    type: io.kestra.plugin.core.flow.Parallel
                    runIf: "{{ 1 == 2 }}"
                    tasks:
                      - id: inner2
                        type: io.kestra.plugin.core.execution.Fail
                """);
        assertThat(result.state()).isEqualTo(State.SUCCESS);
        assertThat(engine.finished("off").state()).isEqualTo(State.SKIPPED);
        assertThat(engine.finished("unless").state()).isEqualTo(State.SKIPPED);
        assertThat(engine.eventsOf(ExecutionEvent.TaskFinished.class)).extracting(ExecutionEvent.TaskFinished::taskId)
                .doesNotContain("inner", "inner2");
    }

    @Test
    void aParallelOfManyShellTasksNeverRunsMoreProcessesAtOnceThanTheEngineHasSlots() throws Exception {
        Path marks = home.resolve("marks.txt");
        StringBuilder yaml = new StringBuilder("""
                id: many
                namespace: oq
                tasks:
                  - id: par
                    type: io.kestra.plugin.core.flow.Parallel
                    tasks:
                """);
        for (int i = 0; i < 12; i++) {
            yaml.append("""
                          - id: sh%d
                            type: io.kestra.plugin.scripts.shell.Commands
                            taskRunner:
                              type: io.kestra.plugin.core.runner.Process
                            commands:
                              - echo "s $(date +%%s%%N)" >> %s
                              - sleep 0.2
                              - echo "e $(date +%%s%%N)" >> %s
                    """.formatted(i, marks, marks));
        }
        EngineSettings settings = EngineSettings.of(home.resolve("executions"), home.resolve("work"), WorkingDirectoryHooks.NONE)
                .withTaskSlots(3);
        EngineFixture engine = new EngineFixture(settings);
        ExecutionResult result = engine.run(yaml.toString());
        assertThat(result.state()).isEqualTo(State.SUCCESS);
        java.util.List<String[]> lines = java.nio.file.Files.readAllLines(marks).stream().map(l -> l.split(" "))
                .sorted(java.util.Comparator.comparingLong(parts -> Long.parseLong(parts[1]))).toList();
        assertThat(lines).hasSize(24);
        int running = 0;
        int most = 0;
        for (String[] mark : lines) {
            running += mark[0].equals("s") ? 1 : -1;
            most = Math.max(most, running);
        }
        assertThat(most).as("processes at once").isLessThanOrEqualTo(3).isGreaterThan(1);
    }

    @Test
    void aCancelKillsEveryBranchAndRunsNoFinally() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        Execution execution = engine.start("""
                id: cancelled
                namespace: oq
                tasks:
                  - id: par
                    type: io.kestra.plugin.core.flow.Parallel
                    tasks:
                      - id: nap
                        type: io.kestra.plugin.core.flow.Sleep
                        duration: PT1H
                      - id: sh
                        type: io.kestra.plugin.scripts.shell.Commands
                        taskRunner:
                          type: io.kestra.plugin.core.runner.Process
                        commands:
                          - sleep 3600
                finally:
                  - id: fin
                    type: io.kestra.plugin.core.log.Log
                    message: fin
                """, java.util.Map.of());
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(1).toNanos();
        while (engine.eventsOf(ExecutionEvent.TaskStarted.class).size() < 3) {
            assertThat(System.nanoTime()).as("both branches start").isLessThan(deadline);
            Thread.sleep(5); // polling for the state wanted, bounded above
        }
        execution.cancel();
        ExecutionResult result = execution.await(java.time.Duration.ofMinutes(1));
        assertThat(result.state()).isEqualTo(State.KILLED);
        assertThat(engine.taskRuns()).as(engine.finished("sh").message())
                .containsExactly("/par KILLED", "par/nap KILLED", "par/sh KILLED");
    }
}
