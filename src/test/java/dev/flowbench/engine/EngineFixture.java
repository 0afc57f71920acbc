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
    /** The events of each Subflow's child execution, by the task run that started it. */
    final Map<String, List<ExecutionEvent>> children = new java.util.concurrent.ConcurrentHashMap<>();
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

    /** Waits until every child execution a Subflow started has ended (or {@code timeout} passed). */
    void awaitChildren(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && children.values().stream().anyMatch(child -> {
            synchronized (child) {
                return child.stream().noneMatch(ExecutionEvent.ExecutionFinished.class::isInstance);
            }
        })) {
            Thread.sleep(20);
        }
    }

    /** Subflows start the flows {@code flows} finds (namespace, id), their children's events kept by parent task run. */
    EngineFixture(Path home, java.util.function.BiFunction<String, String, java.util.Optional<Flow>> flows) {
        Subflows subflows = new Subflows() {
            @Override
            public java.util.Optional<Found> find(String namespace, String flowId) {
                return flows.apply(namespace, flowId).map(flow -> new Found(flow, null));
            }

            @Override
            public String searched() {
                return "the test's flows";
            }

            @Override
            public List<ExecutionListener> listeners(Child child) {
                List<ExecutionEvent> kept = Collections.synchronizedList(new ArrayList<>());
                children.put(child.parentTaskRunId(), kept);
                return List.of(kept::add);
            }
        };
        this.engine = new Engine(EngineSettings.of(home.resolve("executions"), home.resolve("work"), WorkingDirectoryHooks.NONE)
                .withSubflows(subflows));
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

    /** The first run of {@code taskId} that ended (a Loop's own run, not one of its iterations). */
    ExecutionEvent.TaskFinished finished(String taskId) {
        java.util.Set<String> iterations = new java.util.HashSet<>();
        eventsOf(ExecutionEvent.TaskStarted.class).stream().filter(ExecutionEvent.TaskStarted::isIteration)
                .forEach(started -> iterations.add(started.taskRunId()));
        return eventsOf(ExecutionEvent.TaskFinished.class).stream()
                .filter(f -> f.taskId().equals(taskId) && !iterations.contains(f.taskRunId()))
                .findFirst().orElseThrow(() -> new AssertionError("task " + taskId + " did not finish"));
    }

    /** Every run of {@code taskId} that ended, in the order they ended (a task in a Loop runs once per iteration). */
    List<ExecutionEvent.TaskFinished> allFinished(String taskId) {
        return eventsOf(ExecutionEvent.TaskFinished.class).stream().filter(f -> f.taskId().equals(taskId)).toList();
    }

    /** The iterations of the Loop {@code loopId} as they started: "index value". */
    List<String> iterations(String loopId) {
        return eventsOf(ExecutionEvent.TaskStarted.class).stream()
                .filter(started -> started.isIteration() && started.taskId().equals(loopId))
                .map(started -> started.iteration() + " " + started.value()).toList();
    }

    /**
     * Every task run that started, as "parent/task STATE", sorted; inside a Loop's iteration prefixed by the iterations
     * around it ("loop#0>"), its parent then the task run it is nested in within the iteration ("" at the iteration's
     * top, as Kestra records an iteration's runs); an iteration itself as "loop#0 STATE".
     */
    List<String> taskRuns() {
        List<String> lines = new ArrayList<>();
        synchronized (events) {
            addRuns(List.copyOf(events), "", lines);
        }
        return lines.stream().sorted().toList();
    }

    /** The lines of one execution's events; a Subflow's child's follow its task run's: "task@ STATE", "task@>...". */
    private void addRuns(List<ExecutionEvent> of, String prefix, List<String> lines) {
        java.util.Map<String, ExecutionEvent.TaskStarted> runs = new java.util.HashMap<>();
        of.stream().filter(ExecutionEvent.TaskStarted.class::isInstance).map(ExecutionEvent.TaskStarted.class::cast)
                .forEach(started -> runs.put(started.taskRunId(), started));
        // a LoopUntil's checks are iterations here; Kestra restarts the same task runs at each, keeping the last check's
        java.util.Map<String, String> lastCheck = new java.util.HashMap<>();
        runs.values().stream().filter(UNTIL_CHECK).forEach(check -> lastCheck.merge(check.parentTaskRunId(), check.taskRunId(),
                (a, b) -> runs.get(a).iteration() > runs.get(b).iteration() ? a : b));
        // a task run that ends more than once had more attempts (a retried flowable's child): its last end is its state
        java.util.Map<String, ExecutionEvent.TaskFinished> lastEnds = new java.util.LinkedHashMap<>();
        of.stream().filter(ExecutionEvent.TaskFinished.class::isInstance).map(ExecutionEvent.TaskFinished.class::cast)
                .forEach(f -> lastEnds.put(f.taskRunId(), f));
        lastEnds.values().stream()
                .filter(f -> runs.containsKey(f.taskRunId())) // a disabled task never starts: Kestra records no run
                .forEach(f -> {
                    ExecutionEvent.TaskStarted run = runs.get(f.taskRunId());
                    String around = prefix + iterationsAround(run, runs);
                    if (UNTIL_CHECK.test(run) || underEarlierCheck(run, runs, lastCheck)) {
                        return;
                    }
                    if (run.isIteration()) {
                        lines.add(around + run.taskId() + "#" + run.iteration() + " " + f.state());
                        return;
                    }
                    ExecutionEvent.TaskStarted parent = runs.get(run.parentTaskRunId());
                    if (parent != null && UNTIL_CHECK.test(parent)) {
                        lines.add(around + parent.taskId() + "/" + f.taskId() + " " + f.state());
                        return;
                    }
                    String shownParent = parent == null || parent.isIteration() ? "" : parent.taskId();
                    lines.add(around + shownParent + "/" + f.taskId() + " " + f.state());
                    List<ExecutionEvent> child = children.get(f.taskRunId());
                    if (child != null) {
                        List<ExecutionEvent> copy;
                        synchronized (child) {
                            copy = List.copyOf(child);
                        }
                        copy.stream().filter(ExecutionEvent.ExecutionFinished.class::isInstance).findFirst().ifPresent(end ->
                                lines.add(around + run.taskId() + "@ " + ((ExecutionEvent.ExecutionFinished) end).state()));
                        addRuns(copy, around + run.taskId() + "@>", lines);
                    }
                });
    }

    /** Whether {@code run} ran in a check of a LoopUntil before its last (Kestra keeps the last check's runs only). */
    private static boolean underEarlierCheck(ExecutionEvent.TaskStarted run, java.util.Map<String, ExecutionEvent.TaskStarted> runs,
                                             java.util.Map<String, String> lastCheck) {
        for (ExecutionEvent.TaskStarted up = runs.get(run.parentTaskRunId()); up != null; up = runs.get(up.parentTaskRunId())) {
            if (UNTIL_CHECK.test(up) && !up.taskRunId().equals(lastCheck.get(up.parentTaskRunId()))) {
                return true;
            }
        }
        return false;
    }

    /** A check of a LoopUntil: an iteration without a value (a Loop's iterations have theirs). */
    private static final java.util.function.Predicate<ExecutionEvent.TaskStarted> UNTIL_CHECK =
            started -> started.isIteration() && started.value() == null;

    private static String iterationsAround(ExecutionEvent.TaskStarted run, java.util.Map<String, ExecutionEvent.TaskStarted> runs) {
        StringBuilder prefix = new StringBuilder();
        for (ExecutionEvent.TaskStarted up = runs.get(run.parentTaskRunId()); up != null; up = runs.get(up.parentTaskRunId())) {
            if (up.isIteration() && !UNTIL_CHECK.test(up)) {
                prefix.insert(0, up.taskId() + "#" + up.iteration() + ">");
            }
        }
        return prefix.toString();
    }
}
