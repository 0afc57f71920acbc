package dev.flowbench.bench;

import dev.flowbench.engine.Engine;
import dev.flowbench.engine.EngineSettings;
import dev.flowbench.engine.ExecutionEvent;
import dev.flowbench.engine.State;
import dev.flowbench.engine.WorkingDirectoryHooks;
import dev.flowbench.flow.check.FlowValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How long a task whose timeout has passed takes to end when it started {@value #CHILDREN} children (each must be
 * killed), against the same task with one child, in the same run: the time from the timeout to the task's end.
 */
final class KillBenchmark {

    private static final int CHILDREN = 500;
    private static final int ROUNDS = 3;
    private static final Duration TIMEOUT = Duration.ofSeconds(4);

    private KillBenchmark() {
    }

    static void run() throws Exception {
        Path home = Files.createTempDirectory("flowbench-bench-kill-");
        Engine engine = new Engine(EngineSettings.of(home.resolve("executions"), home.resolve("work"), WorkingDirectoryHooks.NONE));
        long[] many = new long[ROUNDS];
        long[] one = new long[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            many[round] = afterTimeout(engine, CHILDREN);
            one[round] = afterTimeout(engine, 1);
        }
        double manyMs = Benchmarks.medianMillis(many);
        double oneMs = Benchmarks.medianMillis(one);
        System.out.printf("kill on timeout: from the timeout to the task's end, median of %d rounds%n", ROUNDS);
        System.out.printf("  %d children     %8.1f ms%n", CHILDREN, manyMs);
        System.out.printf("  1 child (ref)    %8.1f ms%n", oneMs);
        System.out.printf("  ratio %.2fx   (%.2f ms more per child)%n", manyMs / oneMs, (manyMs - oneMs) / (CHILDREN - 1));
    }

    /** Nanoseconds from the task's timeout to its end; its children are all started well before the timeout. */
    private static long afterTimeout(Engine engine, int children) throws Exception {
        String yaml = """
                id: kill
                namespace: flowbench.bench
                tasks:
                  - id: spawn
                    type: io.kestra.plugin.scripts.shell.Commands
                    timeout: PT%dS
                    commands:
                      - for i in $(seq 1 %d); do sleep 300 & done
                      - wait
                """.formatted(TIMEOUT.toSeconds(), children);
        List<ExecutionEvent> events = new ArrayList<>();
        var result = engine.start(new FlowValidator().validate(yaml).flow(), Map.of(), List.of(events::add)).await(Duration.ofMinutes(2));
        if (result.taskStates().get("spawn") != State.KILLED) {
            throw new IllegalStateException("the task was not killed by its timeout: " + result.taskStates());
        }
        ExecutionEvent.TaskFinished finished = events.stream().filter(ExecutionEvent.TaskFinished.class::isInstance)
                .map(ExecutionEvent.TaskFinished.class::cast).findFirst().orElseThrow();
        return finished.duration().minus(TIMEOUT).toNanos();
    }
}
