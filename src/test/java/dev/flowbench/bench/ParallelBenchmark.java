package dev.flowbench.bench;

import dev.flowbench.engine.Engine;
import dev.flowbench.engine.EngineSettings;
import dev.flowbench.engine.WorkingDirectoryHooks;
import dev.flowbench.flow.Flow;
import dev.flowbench.flow.check.FlowValidator;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Parallel of {@value #BRANCHES} shell tasks that each sleep {@value #SLEEP} s, against {@code xargs -P N} running
 * the same commands N at once, in the same run: once with the engine's default task slots (the machine's cores) and no
 * limit in the flow, once with {@code concurrent: 8} and 8 slots; and the most threads the JVM had meanwhile (the
 * conductor holds no thread per branch).
 */
final class ParallelBenchmark {

    private static final int BRANCHES = 200;
    private static final String SLEEP = "0.1";
    private static final int ROUNDS = 3;
    private static final int LIMIT = 8;

    private ParallelBenchmark() {
    }

    static void run() throws Exception {
        System.out.printf("parallel: %d shell tasks sleeping %s s, %d rounds (median)%n", BRANCHES, SLEEP, ROUNDS);
        measure(EngineSettings.DEFAULT_TASK_SLOTS, 0);
        measure(LIMIT, LIMIT);
    }

    /** {@code concurrent} 0: the flow sets no limit, the engine's {@code slots} do. */
    private static void measure(int slots, int concurrent) throws Exception {
        Path home = Files.createTempDirectory("flowbench-bench-");
        Engine engine = new Engine(EngineSettings.of(home.resolve("executions"), home.resolve("work"), WorkingDirectoryHooks.NONE)
                .withTaskSlots(slots));
        Flow flow = flow(concurrent);
        int atOnce = concurrent == 0 ? slots : Math.min(slots, concurrent);
        long[] engineNanos = new long[ROUNDS];
        long[] xargsNanos = new long[ROUNDS];
        var threads = ManagementFactory.getThreadMXBean();
        Benchmarks.nanosToSuccess(engine, flow); // warm-up
        threads.resetPeakThreadCount();
        int before = threads.getThreadCount();
        for (int round = 0; round < ROUNDS; round++) {
            engineNanos[round] = Benchmarks.nanosToSuccess(engine, flow);
            xargsNanos[round] = runXargs(atOnce);
        }
        double engineMs = Benchmarks.medianMillis(engineNanos);
        double xargsMs = Benchmarks.medianMillis(xargsNanos);
        double ideal = BRANCHES / (double) atOnce * Double.parseDouble(SLEEP) * 1000;
        System.out.printf("  %d task slots, %s%n", slots, concurrent == 0 ? "no limit in the flow" : "concurrent: " + concurrent);
        System.out.printf("    flowbench Parallel   %8.0f ms%n", engineMs);
        System.out.printf("    xargs -P %d (ref)     %8.0f ms   (sleeping alone: %.0f ms)%n", atOnce, xargsMs, ideal);
        System.out.printf("    ratio flowbench / xargs: %.2fx   JVM threads: %d before, at most %d during%n", engineMs / xargsMs,
                before, threads.getPeakThreadCount());
    }

    private static Flow flow(int concurrent) {
        StringBuilder yaml = new StringBuilder("""
                id: parallel
                namespace: flowbench.bench
                tasks:
                  - id: fan_out
                    type: io.kestra.plugin.core.flow.Parallel
                """);
        if (concurrent > 0) {
            yaml.append("    concurrent: ").append(concurrent).append('\n');
        }
        yaml.append("    tasks:\n");
        for (int i = 0; i < BRANCHES; i++) {
            yaml.append("      - id: b").append(i).append('\n')
                .append("        type: io.kestra.plugin.scripts.shell.Commands\n")
                .append("        commands:\n")
                .append("          - sleep ").append(SLEEP).append('\n');
        }
        return new FlowValidator().validate(yaml.toString()).flow();
    }

    private static long runXargs(int atOnce) throws Exception {
        long start = System.nanoTime();
        Process process = new ProcessBuilder("bash", "-c", "seq " + BRANCHES + " | xargs -P " + atOnce
                + " -I{} bash -c 'set -e; sleep " + SLEEP + "'").redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("xargs failed");
        }
        return System.nanoTime() - start;
    }
}
