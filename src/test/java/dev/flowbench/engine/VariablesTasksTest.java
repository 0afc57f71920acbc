package dev.flowbench.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SetVariables and UnsetVariables, held to what Kestra 2.0.0 did with the same flows (kestra-oracle run, 2026-12-07:
 * the states, values and messages asserted here are its answers).
 */
class VariablesTasksTest {

    @TempDir
    Path home;

    @Test
    void setVariablesAddsAndReplacesAndUnsetVariablesRemoves() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: vars
                namespace: company.team
                variables:
                  kept: flow
                  replaced: before
                tasks:
                  - id: set
                    type: io.kestra.plugin.core.execution.SetVariables
                    variables:
                      added: "{{ 1 + 1 }}"
                      nested:
                        a: x
                  - id: show
                    type: io.kestra.plugin.core.debug.Return
                    format: "{{ vars.kept }} {{ vars.added }} {{ vars.nested.a }}"
                  - id: clash
                    type: io.kestra.plugin.core.execution.SetVariables
                    variables:
                      replaced: after
                  - id: showclash
                    type: io.kestra.plugin.core.debug.Return
                    format: "{{ vars.replaced }}"
                  - id: unset
                    type: io.kestra.plugin.core.execution.UnsetVariables
                    variables:
                      - added
                  - id: showunset
                    type: io.kestra.plugin.core.debug.Return
                    format: "{{ vars.added ?? 'gone' }}"
                  - id: unsetmissing
                    type: io.kestra.plugin.core.execution.UnsetVariables
                    allowFailure: true
                    variables:
                      - nothere
                """);
        assertThat(result.state()).isEqualTo(State.WARNING);
        assertThat(engine.finished("show").outputs()).containsEntry("value", "flow 2 x");
        assertThat(engine.finished("showclash").outputs()).containsEntry("value", "after");
        assertThat(engine.finished("showunset").outputs()).containsEntry("value", "gone");
        assertThat(engine.finished("unsetmissing").state()).isEqualTo(State.WARNING);
        assertThat(engine.finished("unsetmissing").message()).contains("Variable 'nothere' not found and `ignoreMissing` is false");
    }

    @Test
    void overwriteFalseKeepsWhatIsThereAndIgnoreMissingForgivesANameNotThere() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: vars2
                namespace: company.team
                variables:
                  replaced: before
                tasks:
                  - id: keep
                    type: io.kestra.plugin.core.execution.SetVariables
                    allowFailure: true
                    overwrite: false
                    variables:
                      replaced: after
                  - id: showkeep
                    type: io.kestra.plugin.core.debug.Return
                    format: "{{ vars.replaced }}"
                  - id: ignore
                    type: io.kestra.plugin.core.execution.UnsetVariables
                    ignoreMissing: true
                    variables:
                      - nothere
                """);
        assertThat(result.state()).isEqualTo(State.WARNING);
        assertThat(engine.finished("keep").message())
                .contains("`overwrite` is set to false and the following variables already exist: replaced");
        assertThat(engine.finished("showkeep").outputs()).containsEntry("value", "before");
        assertThat(engine.finished("ignore").state()).isEqualTo(State.SUCCESS);
    }

    @Test
    void aVariableSetByATaskIsKnownToTheChecker() {
        var problems = new dev.flowbench.flow.check.FlowValidator().validate("""
                id: vars
                namespace: company.team
                tasks:
                  - id: set
                    type: io.kestra.plugin.core.execution.SetVariables
                    variables:
                      added: x
                  - id: show
                    type: io.kestra.plugin.core.log.Log
                    message: "{{ vars.added }} {{ vars.missing }}"
                """).problems();
        assertThat(problems).noneMatch(p -> p.message().contains("'added'"));
        assertThat(problems).anyMatch(p -> p.message().contains("missing"));
    }
}
