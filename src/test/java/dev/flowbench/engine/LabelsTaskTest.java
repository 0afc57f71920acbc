package dev.flowbench.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Labels task, held to what Kestra 2.0 did with the same flows (kestra-oracle run, 2026-12-07). */
class LabelsTaskTest {

    @TempDir
    Path home;

    @Test
    void labelsAddedAreSeenByTheTasksAfterAsKestraWritesThem() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: labels_probe
                namespace: oq
                labels:
                  team: data
                tasks:
                  - id: set
                    type: io.kestra.plugin.core.execution.Labels
                    labels:
                      stage:
                        name: done
                      team: ops
                      count: 3
                  - id: list
                    type: io.kestra.plugin.core.execution.Labels
                    labels:
                      - key: fromList
                        value: "{{ 1 + 1 }}"
                  - id: show
                    type: io.kestra.plugin.core.debug.Return
                    format: "{{ labels.team }}|{{ labels.stage }}|{{ labels.count }}|{{ labels.fromList }}|{{ labels | length }}"
                """);
        assertThat(result.state()).isEqualTo(State.SUCCESS);
        assertThat(engine.finished("show").outputs()).containsEntry("value", "ops|{\"name\":\"done\"}|3|2|5");
    }

    @Test
    void anEmptyKeyIsLeftOutAndAnEmptyValueFails() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: labels_empty
                namespace: oq
                tasks:
                  - id: emptykey
                    type: io.kestra.plugin.core.execution.Labels
                    labels:
                      - key: ""
                        value: "v"
                  - id: show
                    type: io.kestra.plugin.core.debug.Return
                    format: "{{ labels | length }} {{ labels.system.correlationId == execution.id }}"
                  - id: emptyvalue
                    type: io.kestra.plugin.core.execution.Labels
                    labels:
                      k: ""
                """);
        assertThat(result.state()).isEqualTo(State.FAILED);
        assertThat(engine.finished("show").outputs()).containsEntry("value", "1 true"); // Kestra: 1 label, ["system"]
        assertThat(engine.finished("emptyvalue").message()).isEqualTo("Label values cannot be empty, offending label: k");
    }
}
