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
        return start(flow(yaml), inputs);
    }

    /** Starts {@code flow} with {@code inputs} as a user gives them (its inputs' defaults for the others). */
    Execution start(Flow flow, Map<String, String> inputs) {
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

    /**
     * The task runs that ended, as Kestra's own runs are recorded for comparison: "parent/task STATE" ("/task STATE"
     * at the top), sorted.
     */
    List<String> taskRuns() {
        java.util.Map<String, String> taskOfRun = new java.util.HashMap<>();
        java.util.Map<String, String> parentOfRun = new java.util.HashMap<>();
        for (ExecutionEvent.TaskStarted started : eventsOf(ExecutionEvent.TaskStarted.class)) {
            taskOfRun.put(started.taskRunId(), started.taskId());
            parentOfRun.put(started.taskRunId(), started.parentTaskRunId());
        }
        return eventsOf(ExecutionEvent.TaskFinished.class).stream()
                .filter(f -> taskOfRun.containsKey(f.taskRunId())) // a disabled task never starts: Kestra records no run
                .map(f -> {
                    String parent = parentOfRun.get(f.taskRunId());
                    return (parent == null ? "" : taskOfRun.get(parent)) + "/" + f.taskId() + " " + f.state();
                }).sorted().toList();
    }
}
