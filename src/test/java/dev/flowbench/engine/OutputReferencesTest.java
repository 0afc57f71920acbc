package dev.flowbench.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowbench.flow.Flow;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What "run this task" checks before it runs anything: the upstream outputs a task's expressions read. */
class OutputReferencesTest {

    private static final Flow FLOW = EngineFixture.flow("""
            id: refs
            namespace: test
            tasks:
              - id: extract
                type: io.kestra.plugin.scripts.shell.Commands
                commands:
                  - echo '::{"outputs":{"rows":3}}::'
              - id: my-task
                type: io.kestra.plugin.core.log.Log
                message: hello
              - id: group
                type: io.kestra.plugin.core.flow.WorkingDirectory
                tasks:
                  - id: inner
                    type: io.kestra.plugin.scripts.shell.Commands
                    commands:
                      - cat outputs.txt
                      - echo {{ outputs.extract.vars.rows }} {{ outputs['my-task'] }}
                      - cp {{ outputs.extract.outputFiles['data.csv'] }} .
                      - "{% if outputs.extract.vars.rows > 2 %}many{% endif %}"
                      - echo {{ outputs.sibling.vars.x }}
                  - id: sibling
                    type: io.kestra.plugin.core.log.Log
                    message: "{{ outputs.inner.exitCode }}"
            """);

    private static List<String> outside(String taskId) {
        return OutputReferences.outside(FLOW.allTasks().stream().filter(t -> t.id().equals(taskId)).findFirst().orElseThrow())
                .stream().map(r -> r.inTask() + " reads " + r.text()).toList();
    }

    @Test
    void onlyExpressionsReadOutputsAndTasksInsideTheUnitAreItsOwn() {
        assertThat(outside("group")).containsExactly(
                "inner reads outputs.extract.vars.rows",
                "inner reads outputs['my-task']",
                "inner reads outputs.extract.outputFiles['data.csv']");
    }

    @Test
    void aMissingPartOfAReusedOutputIsNamed() {
        OutputReferences.Reference rows = new OutputReferences.Reference("inner", "extract", List.of("vars", "rows"));
        assertThat(OutputReferences.missing(rows, Map.of("extract", Map.of("vars", Map.of("rows", 3))))).isEmpty();
        assertThat(OutputReferences.missing(rows, Map.of("extract", Map.of("vars", Map.of())))).contains("'vars.rows'");
        assertThat(OutputReferences.missing(rows, Map.of("extract", Map.of()))).contains("'vars'");
    }
}
