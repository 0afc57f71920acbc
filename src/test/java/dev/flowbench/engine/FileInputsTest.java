package dev.flowbench.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FILE inputs are copied into the execution before anything runs; one that cannot be copied ends it, saying which. */
class FileInputsTest {

    @TempDir
    Path home;

    private static final String FLOW = """
            id: file_input
            namespace: test
            inputs:
              - id: data
                type: FILE
            tasks:
              - id: show
                type: io.kestra.plugin.scripts.shell.Commands
                commands:
                  - cat {{ inputs.data }}
            """;

    @Test
    void theFlowReadsTheExecutionsCopyWhateverHappensToTheFileAfter() throws Exception {
        Path data = Files.writeString(home.resolve("data.txt"), "as given\n");
        Engine engine = new Engine(EngineSettings.of(home.resolve("executions"), home.resolve("work"), WorkingDirectoryHooks.NONE));
        List<ExecutionEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        ExecutionResult result = engine.start(EngineFixture.flow(FLOW), Map.of("data", data.toString()), List.of(events::add))
                .await(Duration.ofMinutes(1));
        assertThat(result.state()).isEqualTo(State.SUCCESS);
        Object copy = events.stream().filter(ExecutionEvent.ExecutionStarted.class::isInstance).findFirst()
                .map(e -> ((ExecutionEvent.ExecutionStarted) e).inputs().get("data")).orElseThrow();
        assertThat(Path.of(copy.toString())).startsWith(home.resolve("executions").resolve(result.id())).hasContent("as given");
        Files.writeString(data, "changed\n");
        assertThat(Path.of(copy.toString())).hasContent("as given");
    }

    @Test
    void aFileGoneBeforeTheRunStartsFailsItBeforeAnyTaskRuns() throws Exception {
        Engine engine = new Engine(EngineSettings.of(home.resolve("executions"), home.resolve("work"), WorkingDirectoryHooks.NONE));
        Path gone = home.resolve("gone.txt");
        ExecutionResult result = engine.start(EngineFixture.flow(FLOW), Map.of("data", gone.toString()), List.of())
                .await(Duration.ofMinutes(1));
        assertThat(result.state()).isEqualTo(State.FAILED);
        assertThat(result.message()).isEqualTo("input 'data': cannot read " + gone + ": no such file");
        assertThat(result.taskStates()).isEmpty();
    }
}
