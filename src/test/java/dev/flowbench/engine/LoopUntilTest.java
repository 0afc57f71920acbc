package dev.flowbench.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LoopUntil and WaitFor as Kestra 2.0 runs them: the flow here was run by kestra-oracle (run, 2026-12-08) and what it
 * gave (outputs, states, the iteration count) is the expected result.
 */
class LoopUntilTest {

    @TempDir
    Path home;

    @Test
    void itChecksUntilItsConditionHoldsAndPastMaxIterationsGoesOnWithAWarning() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: u
                namespace: q.until
                tasks:
                  - id: until
                    type: io.kestra.plugin.core.flow.LoopUntil
                    condition: "{{ outputs.r.value == '2' }}"
                    checkFrequency:
                      interval: PT0.2S
                    tasks:
                      - id: r
                        type: io.kestra.plugin.core.debug.Return
                        format: "{{ outputs.until.iterationCount ?? 'none' }}"
                  - id: after
                    type: io.kestra.plugin.core.debug.Return
                    format: "{{ outputs.until }} {{ outputs.r.value }}"
                  - id: wf
                    type: io.kestra.plugin.core.flow.WaitFor
                    condition: "{{ outputs.r2.value == '1' }}"
                    checkFrequency:
                      interval: PT0.2S
                      maxIterations: 5
                    tasks:
                      - id: r2
                        type: io.kestra.plugin.core.debug.Return
                        format: "{{ outputs.wf.iterationCount ?? 'none' }}"
                  - id: after2
                    type: io.kestra.plugin.core.debug.Return
                    format: "{{ outputs.wf }}"
                  - id: maxed
                    type: io.kestra.plugin.core.flow.LoopUntil
                    condition: "{{ false }}"
                    checkFrequency:
                      interval: PT0.1S
                      maxIterations: 3
                    tasks:
                      - id: r3
                        type: io.kestra.plugin.core.debug.Return
                        format: "x"
                  - id: after3
                    type: io.kestra.plugin.core.debug.Return
                    format: "{{ outputs.maxed }}"
                """);
        assertThat(result.state()).isEqualTo(State.SUCCESS);
        assertThat(engine.allFinished("r")).extracting(f -> f.outputs().get("value")).containsExactly("1", "2");
        assertThat(engine.finished("after").outputs()).containsEntry("value", "{\"iterationCount\":2} 2");
        assertThat(engine.finished("after2").outputs()).containsEntry("value", "{\"iterationCount\":1}");
        // Kestra runs one check more than maxIterations says
        assertThat(engine.allFinished("r3")).hasSize(4);
        assertThat(engine.finished("after3").outputs()).containsEntry("value", "{\"iterationCount\":4}");
        assertThat(engine.finished("maxed").message()).isEqualTo("Max iterations reached");
        assertThat(engine.logs("maxed")).contains("Max iterations reached");
        ExecutionEvent.TaskFinished first = engine.allFinished("r").get(0);
        ExecutionEvent.TaskFinished second = engine.allFinished("r").get(1);
        assertThat(Duration.between(first.time(), second.time())).isGreaterThanOrEqualTo(Duration.ofMillis(150)); // the interval
    }

    @Test
    void failOnMaxReachedFailsItAtMaxDurationAndAFailedTaskFailsItAtOnce() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: waitfor-max-duration
                namespace: io.kestra.tests
                tasks:
                  - id: waitfor
                    type: io.kestra.plugin.core.flow.WaitFor
                    condition: "{{ outputs.output_values.values.count == '-5'}}"
                    checkFrequency:
                      maxDuration: PT1S
                      interval: PT0.2S
                    failOnMaxReached: true
                    tasks:
                      - id: output_values
                        type: io.kestra.plugin.core.output.OutputValues
                        values:
                          count: "{{ outputs.waitfor.iterationCount + 1 }}"
                """);
        assertThat(result.state()).isEqualTo(State.FAILED);
        assertThat(engine.finished("waitfor").message()).isEqualTo("Max duration reached");
        assertThat(result.duration()).isBetween(Duration.ofMillis(600), Duration.ofSeconds(20));

        EngineFixture failing = new EngineFixture(home.resolve("failing"));
        ExecutionResult failed = failing.run("""
                id: waitfor-multiple-tasks-failed
                namespace: io.kestra.tests
                tasks:
                  - id: waitfor
                    type: io.kestra.plugin.core.flow.WaitFor
                    condition: "{{ outputs.output_values.values.count == '6'}}"
                    checkFrequency:
                      maxIterations: 5
                      interval: PT0.2S
                    tasks:
                      - id: output_values
                        type: io.kestra.plugin.core.output.OutputValues
                        values:
                          count: "{{ outputs.waitfor.iterationCount + 1 }}"
                      - id: fail
                        type: io.kestra.plugin.core.execution.Fail
                """);
        assertThat(failed.state()).isEqualTo(State.FAILED);
        assertThat(failing.taskRuns()).containsExactly("/waitfor FAILED", "waitfor/fail FAILED", "waitfor/output_values SUCCESS");
        assertThat(failing.allFinished("fail")).hasSize(1);
    }

    @Test
    void withoutMaxIterationsAConditionThatNeverHoldsFailsAtFlowbenchsLimit() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.start("""
                id: forever
                namespace: q.until
                tasks:
                  - id: forever
                    type: io.kestra.plugin.core.flow.LoopUntil
                    condition: "{{ false }}"
                    checkFrequency:
                      interval: PT0S
                    tasks:
                      - id: tick
                        type: io.kestra.plugin.core.debug.Return
                        format: "{{ outputs.forever.iterationCount }}"
                """, Map.of()).await(Duration.ofMinutes(2));
        assertThat(result.state()).isEqualTo(State.FAILED);
        assertThat(engine.finished("forever").message()).startsWith("checked " + UntilRun.MAX_CHECKS + " times");
        assertThat(engine.allFinished("tick")).hasSize(UntilRun.MAX_CHECKS);
    }
}
