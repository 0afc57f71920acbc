package dev.flowbench.bench;

import java.util.Arrays;

/**
 * Benchmarks, run with {@code mvn -q -Pbench test-compile exec:exec -Dbench=NAME} (a JVM of their own); {@code ui} starts
 * the jar, so it is {@code mvn -q -Pbench -DskipTests package exec:exec -Dbench=ui}. Each prints its figures against a
 * reference measured in the same run: absolute times drift on shared machines.
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        String name = args.length == 0 || args[0] == null || args[0].isBlank() || args[0].startsWith("${") ? "all" : args[0];
        switch (name) {
            case "validate" -> ValidateBenchmark.run();
            case "engine" -> {
                EngineOverheadBenchmark.run();
                TaskReuseBenchmark.run();
            }
            case "cache" -> CacheBenchmark.run();
            case "kill" -> KillBenchmark.run();
            case "parallel" -> ParallelBenchmark.run();
            case "loop" -> LoopBenchmark.run();
            case "logs" -> LogFloodBenchmark.run();
            case "ui" -> UiBenchmark.run();
            case "ui-logs" -> UiBenchmark.runFlood();
            case "ui-loop" -> UiBenchmark.runLoop();
            case "soak" -> System.exit(CacheSoak.run());
            case "all" -> {
                ValidateBenchmark.run();
                EngineOverheadBenchmark.run();
                TaskReuseBenchmark.run();
                CacheBenchmark.run();
                KillBenchmark.run();
                ParallelBenchmark.run();
                LoopBenchmark.run();
                LogFloodBenchmark.run();
                UiBenchmark.run();
                UiBenchmark.runFlood();
            }
            default -> {
                System.err.println("unknown benchmark '" + name + "'; known: validate, engine, cache, kill, parallel, loop, logs, ui, ui-logs, ui-loop, all, soak");
                System.exit(2);
            }
        }
    }

    /** How long {@code engine} takes to run {@code flow} to SUCCESS, in nanoseconds; any other end stops the benchmark. */
    static long nanosToSuccess(dev.flowbench.engine.Engine engine, dev.flowbench.flow.Flow flow) throws Exception {
        long start = System.nanoTime();
        dev.flowbench.engine.ExecutionResult result = engine.start(flow, java.util.Map.of(), java.util.List.of())
                .await(java.time.Duration.ofMinutes(5));
        long elapsed = System.nanoTime() - start;
        if (result.state() != dev.flowbench.engine.State.SUCCESS) {
            throw new IllegalStateException("benchmark flow ended " + result.state() + ": " + result.message());
        }
        return elapsed;
    }

    /** The median of nanosecond samples, in milliseconds. */
    static double medianMillis(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        double median = sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
        return median / 1e6;
    }

    static double percentileMillis(long[] nanos, double p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.round(p * (sorted.length - 1)))] / 1e6;
    }
}
