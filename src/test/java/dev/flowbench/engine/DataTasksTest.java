package dev.flowbench.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OutputValues, Fail and Assert, held to what Kestra 2.0.0 did with the same flows (kestra-oracle run, 2026-12-07:
 * the states, outputs and ERROR lines asserted here are its answers).
 */
class DataTasksTest {

    @TempDir
    Path home;

    @Test
    void outputValuesRenderTextKeepNumbersAndFollowMaps() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: data
                namespace: company.team
                tasks:
                  - id: values
                    type: io.kestra.plugin.core.output.OutputValues
                    values:
                      text: "{{ 1 + 1 }}"
                      nested:
                        a: "{{ 'x' }}"
                      number: 3
                  - id: read
                    type: io.kestra.plugin.core.debug.Return
                    format: "{{ outputs['values']['values'].nested.a }}{{ outputs['values']['values'].number + 1 }}"
                """);
        assertThat(result.state()).isEqualTo(State.SUCCESS);
        // as kestra-oracle printed Kestra's outputs
        assertThat(JsonValues.text(engine.finished("values").outputs()))
                .isEqualTo("{\"values\":{\"text\":\"2\",\"nested\":{\"a\":\"x\"},\"number\":3}}");
        assertThat(engine.finished("read").outputs()).containsEntry("value", "x4");
    }

    @Test
    void failFailsWithItsMessageOrOnlyWhenItsConditionHolds() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: fail
                namespace: company.team
                tasks:
                  - id: nofail
                    type: io.kestra.plugin.core.execution.Fail
                    condition: "{{ 1 == 2 }}"
                  - id: zero
                    type: io.kestra.plugin.core.execution.Fail
                    condition: "0"
                  - id: onCondition
                    type: io.kestra.plugin.core.execution.Fail
                    allowFailure: true
                    condition: "yes"
                  - id: stop
                    type: io.kestra.plugin.core.execution.Fail
                    errorMessage: "stop here {{ 1 + 2 }}"
                  - id: after
                    type: io.kestra.plugin.core.log.Log
                    message: never
                """);
        assertThat(result.state()).isEqualTo(State.FAILED);
        assertThat(result.taskStates()).containsEntry("nofail", State.SUCCESS).containsEntry("zero", State.SUCCESS)
                .containsEntry("onCondition", State.WARNING).containsEntry("stop", State.FAILED).doesNotContainKey("after");
        assertThat(engine.logs("onCondition")).containsExactly("Task failure");
        assertThat(engine.finished("onCondition").message()).contains("Fail on a condition");
        assertThat(engine.finished("stop").message()).isEqualTo("stop here 3");
    }

    @Test
    void assertLogsEachConditionThatDoesNotHoldAndCountsThem() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: check
                namespace: company.team
                tasks:
                  - id: fine
                    type: io.kestra.plugin.core.execution.Assert
                    conditions:
                      - "{{ 1 == 1 }}"
                      - "true"
                  - id: two
                    type: io.kestra.plugin.core.execution.Assert
                    allowFailure: true
                    conditions:
                      - "{{ 1 == 2 }}"
                      - "{{ 2 == 2 }}"
                      - "{{ 'a' == 'b' }}"
                  - id: worded
                    type: io.kestra.plugin.core.execution.Assert
                    errorMessage: "custom {{ 1 + 1 }}"
                    conditions:
                      - "false"
                """);
        assertThat(result.state()).isEqualTo(State.FAILED);
        assertThat(result.taskStates()).containsEntry("fine", State.SUCCESS).containsEntry("two", State.WARNING)
                .containsEntry("worded", State.FAILED);
        assertThat(engine.logs("two")).containsExactly("Assertion `{{ 1 == 2 }}` failed!", "Assertion `{{ 'a' == 'b' }}` failed!");
        assertThat(engine.finished("two").message()).contains("2 assertions failed!");
        assertThat(engine.finished("worded").message()).isEqualTo("1 assertion failed!\ncustom 2");
    }
}
