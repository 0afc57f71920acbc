package dev.flowbench.bench;

import dev.flowbench.cache.CacheHooks;
import dev.flowbench.cache.CacheStore;
import dev.flowbench.engine.CacheResult;
import dev.flowbench.engine.Engine;
import dev.flowbench.engine.EngineSettings;
import dev.flowbench.engine.ExecutionEvent;
import dev.flowbench.engine.ExecutionListener;
import dev.flowbench.engine.ExecutionResult;
import dev.flowbench.engine.State;
import dev.flowbench.engine.WorkingDirectoryHooks;
import dev.flowbench.flow.Flow;
import dev.flowbench.flow.check.FlowValidator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A whole flow run with a cache HIT against the same flow without a cache, as a user sees them: a WorkingDirectory
 * whose first task installs a node_modules (here: copies the generated one, a stand-in for {@code npm ci}) unless it is
 * there, and whose second uses it. Also the HIT's cost where the issue measures it: from the WorkingDirectory's start
 * to its first child's start, against {@code zstd -d | tar -x} of the same tree timed right beside it.
 */
final class EndToEnd {

    private EndToEnd() {
    }

    static void run(CacheStore store, Path source, Path root, int rounds) throws Exception {
        Flow cached = flow(source, true);
        Flow uncached = flow(source, false);
        Path executions = root.resolve("executions");
        Engine withCache = new Engine(EngineSettings.of(executions, root.resolve("work"), new CacheHooks(store)));
        Engine without = new Engine(EngineSettings.of(executions, root.resolve("work"), WorkingDirectoryHooks.NONE));
        check(run(withCache, cached).cache(CacheResult.SAVED), "the first run saves");
        Path archive = root.resolve("end-to-end.tar.zst");
        CacheBenchmark.shell("tar -cf - -C " + source + " node_modules | zstd -T0 -3 -q -o " + archive);
        long[] hitRuns = new long[rounds];
        long[] plainRuns = new long[rounds];
        long[] toFirstChild = new long[rounds];
        long[] beside = new long[rounds];
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            CacheBenchmark.settle();
            Timed hit = run(withCache, cached);
            check(hit.cache(CacheResult.HIT), "a hit");
            hitRuns[r] = hit.nanos();
            toFirstChild[r] = hit.toFirstChild().toNanos();
            Path extracted = CacheBenchmark.fresh(root.resolve("end-to-end-beside-" + r));
            long start = System.nanoTime();
            CacheBenchmark.shell("zstd -d -q -c " + archive + " | tar -xf - -C " + extracted);
            beside[r] = System.nanoTime() - start;
            ratios[r] = (double) toFirstChild[r] / beside[r];
            CacheBenchmark.settle();
            plainRuns[r] = run(without, uncached).nanos();
        }
        double hitMs = Benchmarks.medianMillis(hitRuns);
        double plainMs = Benchmarks.medianMillis(plainRuns);
        System.out.printf(Locale.ROOT, "  end to end (median of %d): the flow with a HIT %7.0f ms, without a cache %7.0f ms: %.2fx%n",
                rounds, hitMs, plainMs, hitMs / plainMs);
        double[] sorted = ratios.clone();
        java.util.Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "  the HIT from the WorkingDirectory's start to its first task's %7.1f ms; zstd -d | tar -x beside it"
                + " %7.0f ms: ratio %.3fx (target: <= 0.15x)%n", Benchmarks.medianMillis(toFirstChild),
                Benchmarks.medianMillis(beside), sorted[sorted.length / 2]);
    }

    private static Flow flow(Path source, boolean cache) {
        String yaml = """
                id: end_to_end
                namespace: bench
                tasks:
                  - id: deps
                    type: io.kestra.plugin.core.flow.WorkingDirectory
                %s    tasks:
                      - id: install
                        type: io.kestra.plugin.scripts.shell.Commands
                        taskRunner:
                          type: io.kestra.plugin.core.runner.Process
                        commands:
                          - '[ -d node_modules ] || cp -a %s/node_modules .'
                      - id: use
                        type: io.kestra.plugin.scripts.shell.Commands
                        taskRunner:
                          type: io.kestra.plugin.core.runner.Process
                        commands:
                          - ls node_modules | wc -l
                """.formatted(cache ? "    cache:\n      patterns:\n        - node_modules/**\n      ttl: PT1H\n" : "", source);
        return new FlowValidator().validate(yaml).flow();
    }

    private record Timed(long nanos, List<ExecutionEvent> events) {
        boolean cache(CacheResult wanted) {
            return events.stream().anyMatch(e -> e instanceof ExecutionEvent.CacheEvent c && c.result() == wanted);
        }

        Duration toFirstChild() {
            return Duration.between(started("deps"), started("install"));
        }

        private Instant started(String task) {
            return events.stream().filter(e -> e instanceof ExecutionEvent.TaskStarted t && t.taskId().equals(task))
                    .findFirst().orElseThrow().time();
        }
    }

    private static Timed run(Engine engine, Flow flow) throws Exception {
        List<ExecutionEvent> events = new CopyOnWriteArrayList<>();
        ExecutionListener listener = events::add;
        long start = System.nanoTime();
        ExecutionResult result = engine.start(flow, Map.of(), List.of(listener)).await(Duration.ofMinutes(10));
        long nanos = System.nanoTime() - start;
        check(result.state() == State.SUCCESS, "the flow ended " + result.state());
        return new Timed(nanos, events);
    }

    private static void check(boolean condition, String message) {
        CacheBenchmark.check(condition, message);
    }
}
