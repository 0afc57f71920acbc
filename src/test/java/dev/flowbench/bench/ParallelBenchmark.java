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
 * A Parallel of {@value #BRANCHES} shell tasks that each sleep {@value #SLEEP} s, run by the engine with as many task
 * slots as the machine has cores, against {@code xargs -P} running the same commands with as many at once, in the
 * same run; and the most threads the JVM had meanwhile (the conductor holds no thread per branch).
 */
final class ParallelBenchmark {

    private static final int BRANCHES = 200;
    private static final String SLEEP = "0.1";
    private static final int ROUNDS = 3;

    private ParallelBenchmark() {
    }

    static void run() throws Exception {
        Path home = Files.createTempDirectory("flowbench-bench-");
        int slots = EngineSettings.DEFAULT_TASK_SLOTS;
        Engine engine = new Engine(EngineSettings.of(home.resolve("executions"), home.resolve("work"), WorkingDirectoryHooks.NONE)
                .withTaskSlots(slots));
        Flow flow = flow();
        long[] engineNanos = new long[ROUNDS];
        long[] xargsNanos = new long[ROUNDS];
        var threads = ManagementFactory.getThreadMXBean();
        Benchmarks.nanosToSuccess(engine, flow); // warm-up
        threads.resetPeakThreadCount();
        int before = threads.getThreadCount();
        for (int round = 0; round < ROUNDS; round++) {
            engineNanos[round] = Benchmarks.nanosToSuccess(engine, flow);
            xargsNanos[round] = runXargs(slots);
        }
        double engineMs = Benchmarks.medianMillis(engineNanos);
        double xargsMs = Benchmarks.medianMillis(xargsNanos);
        double ideal = BRANCHES / (double) slots * Double.parseDouble(SLEEP) * 1000;
        System.out.printf("parallel: %d shell tasks sleeping %s s, %d at once, %d rounds (median)%n", BRANCHES, SLEEP, slots, ROUNDS);
        System.out.printf("  flowbench Parallel   %8.0f ms%n", engineMs);
        System.out.printf("  xargs -P %d (ref)     %8.0f ms   (sleeping alone: %.0f ms)%n", slots, xargsMs, ideal);
        System.out.printf("  ratio flowbench / xargs: %.2fx   JVM threads: %d before, at most %d during%n", engineMs / xargsMs,
                before, threads.getPeakThreadCount());
    }

    private static Flow flow() {
        StringBuilder yaml = new StringBuilder("""
                id: parallel
                namespace: flowbench.bench
                tasks:
                  - id: fan_out
                    type: io.kestra.plugin.core.flow.Parallel
                    tasks:
                """);
        for (int i = 0; i < BRANCHES; i++) {
            yaml.append("      - id: b").append(i).append('\n')
                .append("        type: io.kestra.plugin.scripts.shell.Commands\n")
                .append("        commands:\n")
                .append("          - sleep ").append(SLEEP).append('\n');
        }
        return new FlowValidator().validate(yaml.toString()).flow();
    }

    private static long runXargs(int slots) throws Exception {
        long start = System.nanoTime();
        Process process = new ProcessBuilder("bash", "-c", "seq " + BRANCHES + " | xargs -P " + slots
                + " -I{} bash -c 'set -e; sleep " + SLEEP + "'").redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("xargs failed");
        }
        return System.nanoTime() - start;
    }
}
