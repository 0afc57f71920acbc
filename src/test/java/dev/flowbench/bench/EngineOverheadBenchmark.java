package dev.flowbench.bench;

import dev.flowbench.engine.Engine;
import dev.flowbench.engine.EngineSettings;
import dev.flowbench.engine.Shell;
import dev.flowbench.engine.WorkingDirectoryHooks;
import dev.flowbench.flow.Flow;
import dev.flowbench.flow.check.FlowValidator;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The engine's overhead per script task: a flow of {@value #TASKS} shell Commands tasks, against running
 * the same command lines with bash directly (one process each, as the engine does), in the same run.
 */
final class EngineOverheadBenchmark {

    private static final int TASKS = 40;
    private static final int ROUNDS = 7;
    private static final String COMMAND = "echo step $RANDOM > /dev/null";

    private EngineOverheadBenchmark() {
    }

    static void run() throws Exception {
        Path home = Files.createTempDirectory("flowbench-bench-");
        Flow flow = flow();
        Engine engine = new Engine(EngineSettings.of(home.resolve("executions"), home.resolve("work"), WorkingDirectoryHooks.NONE));
        Shell shell = Shell.detect();
        long[] engineNanos = new long[ROUNDS];
        long[] bashNanos = new long[ROUNDS];
        Benchmarks.nanosToSuccess(engine, flow); // warm-up
        runBash(shell, home);
        for (int round = 0; round < ROUNDS; round++) {
            engineNanos[round] = Benchmarks.nanosToSuccess(engine, flow);
            bashNanos[round] = runBash(shell, home);
        }
        double engineMs = Benchmarks.medianMillis(engineNanos);
        double bashMs = Benchmarks.medianMillis(bashNanos);
        System.out.printf("engine overhead: %d shell tasks per round, %d rounds (median)%n", TASKS, ROUNDS);
        System.out.printf("  flowbench run        %8.1f ms   %6.2f ms per task%n", engineMs, engineMs / TASKS);
        System.out.printf("  bash directly (ref)  %8.1f ms   %6.2f ms per task%n", bashMs, bashMs / TASKS);
        System.out.printf("  ratio engine / bash: %.2fx   overhead per task: %.2f ms   (target: under 30 ms)%n",
                engineMs / bashMs, (engineMs - bashMs) / TASKS);
    }

    private static Flow flow() {
        StringBuilder yaml = new StringBuilder("id: overhead\nnamespace: flowbench.bench\ntasks:\n");
        for (int i = 0; i < TASKS; i++) {
            yaml.append("  - id: t").append(i).append('\n')
                .append("    type: io.kestra.plugin.scripts.shell.Commands\n")
                .append("    commands:\n")
                .append("      - ").append(COMMAND).append('\n');
        }
        return new FlowValidator().validate(yaml.toString()).flow();
    }

    /** Each task as the engine would start it, minus the engine: a temp dir, bash -c "set -e; cmd", output read. */
    private static long runBash(Shell shell, Path home) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < TASKS; i++) {
            Path dir = Files.createTempDirectory(home, "bash-");
            Process process = new ProcessBuilder(shell.commandLine("set -e\n" + COMMAND)).directory(dir.toFile())
                    .redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("bash failed");
            }
            Files.delete(dir);
        }
        return System.nanoTime() - start;
    }
}
