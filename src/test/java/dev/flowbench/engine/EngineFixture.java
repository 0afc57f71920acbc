package dev.flowbench.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowbench.flow.Flow;
import dev.flowbench.flow.LoadedFlow;
import dev.flowbench.flow.check.FlowValidator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Runs flows for tests and keeps every event, in order. */
final class EngineFixture {

    final List<ExecutionEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final Engine engine;

    EngineFixture(Path home) {
        this(home, WorkingDirectoryHooks.NONE);
    }

    EngineFixture(Path home, WorkingDirectoryHooks hooks) {
        this(EngineSettings.of(home.resolve("executions"), home.resolve("work"), hooks));
    }

    EngineFixture(EngineSettings settings) {
        this.engine = new Engine(settings);
    }

    static Flow flow(String yaml) {
        LoadedFlow loaded = new FlowValidator().validate(yaml);
        assertThat(loaded.problems()).as("test flow must be valid").noneMatch(p -> p.isError());
        return loaded.flow();
    }

    Execution start(String yaml, Map<String, String> inputs) {
        Flow flow = flow(yaml);
        InputResolver.Resolved resolved = InputResolver.resolve(flow.inputs(), inputs);
        assertThat(resolved.errors()).isEmpty();
        return engine.start(flow, resolved.values(), List.of(events::add));
    }

    ExecutionResult run(String yaml) throws Exception {
        return run(yaml, Map.of());
    }

    ExecutionResult run(String yaml, Map<String, String> inputs) throws Exception {
        return start(yaml, inputs).await(Duration.ofMinutes(2));
    }

    List<String> logs(String taskId) {
        synchronized (events) {
            return events.stream().filter(e -> e instanceof ExecutionEvent.LogLine l && taskId.equals(l.taskId()))
                    .map(e -> ((ExecutionEvent.LogLine) e).message()).toList();
        }
    }

    <T extends ExecutionEvent> List<T> eventsOf(Class<T> type) {
        synchronized (events) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    ExecutionEvent.TaskFinished finished(String taskId) {
        return eventsOf(ExecutionEvent.TaskFinished.class).stream().filter(f -> f.taskId().equals(taskId))
                .findFirst().orElseThrow(() -> new AssertionError("task " + taskId + " did not finish"));
    }
}
