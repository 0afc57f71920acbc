package dev.flowbench.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outputs printed on one line longer than a log line: read whole up to the protocol's limit, refused clearly past it. */
class LongProtocolLinesTest {

    @TempDir
    Path home;

    private static String flow(int characters) {
        return """
                id: long_outputs
                namespace: test
                tasks:
                  - id: produce
                    type: io.kestra.plugin.scripts.shell.Commands
                    commands:
                      - |
                        printf '::{"outputs": {"big": "'; head -c %d /dev/zero | tr '\\0' a; printf '", "small": 7}}::\\n'
                      - echo after
                  - id: consume
                    type: io.kestra.plugin.scripts.shell.Commands
                    commands:
                      - echo {{ outputs.produce.vars.small }} {{ outputs.produce.vars.big | length }}
                """.formatted(characters);
    }

    @Test
    void anOutputsLineOf70000BytesIsReadWhole() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run(flow(70_000));
        assertThat(result.state()).as(engine.finished("produce").message()).isEqualTo(State.SUCCESS);
        assertThat(engine.logs("produce")).containsExactly("after");
        assertThat(engine.logs("consume")).containsExactly("7 70000");
    }

    @Test
    void anOutputsLinePastTheLimitFailsTheTaskSayingSoAndIsNotLogged() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run(flow(9 * 1024 * 1024));
        assertThat(result.taskStates()).containsEntry("produce", State.FAILED).doesNotContainKey("consume");
        String message = engine.finished("produce").message();
        assertThat(message).isEqualTo("a line of Kestra's output protocol (::{\"outputs\": {\"big\": \"a...) is longer than 8,388,608"
                + " characters, the most Flowbench reads: what it carries was not read; write large outputs to a file (outputFiles) instead");
        assertThat(engine.logs("produce")).containsExactly(message, "after");
        assertThat(result.outputs()).containsEntry("produce", Map.of("vars", Map.of(), "exitCode", 0));
    }
}
