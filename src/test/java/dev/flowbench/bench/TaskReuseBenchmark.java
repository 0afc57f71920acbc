package dev.flowbench.bench;

import dev.flowbench.app.Workspace;
import dev.flowbench.cache.CacheHooks;
import dev.flowbench.cache.CacheStore;
import dev.flowbench.engine.Engine;
import dev.flowbench.engine.EngineSettings;
import dev.flowbench.engine.ExecutionResult;
import dev.flowbench.engine.RunScope;
import dev.flowbench.engine.State;
import dev.flowbench.engine.TaskCacheHooks;
import dev.flowbench.engine.WorkFiles;
import dev.flowbench.engine.WorkingDirectoryHooks;
import dev.flowbench.flow.Flow;
import dev.flowbench.flow.check.FlowValidator;
import dev.flowbench.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Kestra's taskCache: a flow whose first task takes a second and declares it, run again (the task reused), against
 * the same flow run fresh (no task cache: the task runs), in the same run. And "run up to here": the same flow without
 * taskCache run up to its second task through the application layer, the first task taken from the history's earlier
 * run, against the same part run fresh.
 */
final class TaskReuseBenchmark {

    private static final int ROUNDS = 5;
    private static final String FLOW = """
            id: reuse_bench
            namespace: flowbench.bench
            tasks:
              - id: extract
                type: io.kestra.plugin.scripts.shell.Commands
                taskCache:
                  enabled: true
                  ttl: PT1H
                commands:
                  - sleep 1
                  - echo '::{"outputs":{"rows":1000}}::'
              - id: transform
                type: io.kestra.plugin.scripts.shell.Commands
                commands:
                  - echo "{{ outputs.extract.vars.rows }} rows"
            """;

    private TaskReuseBenchmark() {
    }

    static void run() throws Exception {
        Path home = Files.createTempDirectory("flowbench-reuse-bench-");
        try (Database database = Database.open(home.resolve("flowbench.db"))) {
            CacheHooks hooks = new CacheHooks(CacheStore.open(database, home.resolve("cache"), CacheStore.DEFAULT_MAX_BYTES));
            Engine reusing = new Engine(EngineSettings.of(home.resolve("executions"), home.resolve("work"), hooks, hooks));
            Engine fresh = new Engine(EngineSettings.of(home.resolve("executions"), home.resolve("work"), WorkingDirectoryHooks.NONE,
                    TaskCacheHooks.NONE));
            Flow flow = new FlowValidator().validate(FLOW).flow();
            time(reusing, flow); // stores the first task's outcome
            long[] reused = new long[ROUNDS];
            long[] ran = new long[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                reused[round] = time(reusing, flow);
                ran[round] = time(fresh, flow);
            }
            double reusedMs = Benchmarks.medianMillis(reused);
            double ranMs = Benchmarks.medianMillis(ran);
            System.out.printf("task cache: a flow whose first task takes a second, median of %d runs%n", ROUNDS);
            System.out.printf("  first task reused  %8.1f ms%n  run fresh (ref)    %8.1f ms%n  ratio %.3fx%n", reusedMs, ranMs,
                    reusedMs / ranMs);
        } finally {
            WorkFiles.deleteTree(home);
        }
        runUpToHere();
    }

    private static void runUpToHere() throws Exception {
        Path home = Files.createTempDirectory("flowbench-part-bench-");
        String before = System.getProperty("flowbench.home");
        System.setProperty("flowbench.home", home.toString());
        try (Workspace workspace = Workspace.open(notice -> { })) {
            Flow flow = new FlowValidator().validate(FLOW.replaceAll("(?m)^ +taskCache:\\n( +(enabled|ttl): .*\\n)+", "")).flow();
            if (flow.tasks().stream().anyMatch(task -> task.header().source().get("taskCache").isPresent())) {
                throw new IllegalStateException("the part's flow must not declare taskCache");
            }
            time(workspace, flow, RunScope.ALL); // the earlier run
            long[] reused = new long[ROUNDS];
            long[] ran = new long[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                reused[round] = time(workspace, flow, RunScope.upTo("transform", false));
                ran[round] = time(workspace, flow, RunScope.upTo("transform", true));
            }
            double reusedMs = Benchmarks.medianMillis(reused);
            double ranMs = Benchmarks.medianMillis(ran);
            System.out.printf("run up to here: the same flow without taskCache, up to its second task, median of %d runs%n", ROUNDS);
            System.out.printf("  first task from an earlier run  %8.1f ms%n  run fresh (ref)                 %8.1f ms%n  ratio %.3fx%n",
                    reusedMs, ranMs, reusedMs / ranMs);
        } finally {
            if (before == null) {
                System.clearProperty("flowbench.home");
            } else {
                System.setProperty("flowbench.home", before);
            }
            WorkFiles.deleteTree(home);
        }
    }

    private static long time(Workspace workspace, Flow flow, RunScope scope) throws Exception {
        long start = System.nanoTime();
        ExecutionResult result = workspace.startRun(flow, Map.of(), null, null, List.of(), scope).execution().await(Duration.ofMinutes(2));
        long elapsed = System.nanoTime() - start;
        if (result.state() != State.SUCCESS) {
            throw new IllegalStateException("benchmark flow ended " + result.state() + ": " + result.message());
        }
        return elapsed;
    }

    private static long time(Engine engine, Flow flow) throws Exception {
        long start = System.nanoTime();
        ExecutionResult result = engine.start(flow, Map.of(), List.of()).await(Duration.ofMinutes(2));
        long elapsed = System.nanoTime() - start;
        if (result.state() != State.SUCCESS) {
            throw new IllegalStateException("benchmark flow ended " + result.state() + ": " + result.message());
        }
        return elapsed;
    }
}
