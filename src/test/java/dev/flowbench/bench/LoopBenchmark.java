package dev.flowbench.bench;

import dev.flowbench.engine.Engine;
import dev.flowbench.engine.EngineSettings;
import dev.flowbench.engine.WorkingDirectoryHooks;
import dev.flowbench.flow.Flow;
import dev.flowbench.flow.check.FlowValidator;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Loop of {@value #VALUES} values, each iteration one Log task, one at a time (Kestra's default) and all at once
 * ({@code concurrencyLimit: 0}), against the reference measured in the same run: the same {@value #VALUES} Log tasks
 * written one after another in a flow without a Loop. The ratio is what an iteration costs beyond its task.
 */
final class LoopBenchmark {

    private static final int VALUES = 1_000;
    private static final int ROUNDS = 5;

    private LoopBenchmark() {
    }

    static void run() throws Exception {
        Path home = Files.createTempDirectory("flowbench-bench-");
        Engine engine = new Engine(EngineSettings.of(home.resolve("executions"), home.resolve("work"), WorkingDirectoryHooks.NONE));
        Flow serial = loop(1);
        Flow unlimited = loop(0);
        Flow flat = flat();
        for (Flow flow : new Flow[] {serial, unlimited, flat}) {
            Benchmarks.nanosToSuccess(engine, flow); // warm-up
        }
        long[] serialNanos = new long[ROUNDS];
        long[] unlimitedNanos = new long[ROUNDS];
        long[] flatNanos = new long[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            flatNanos[round] = Benchmarks.nanosToSuccess(engine, flat);
            serialNanos[round] = Benchmarks.nanosToSuccess(engine, serial);
            unlimitedNanos[round] = Benchmarks.nanosToSuccess(engine, unlimited);
        }
        double flatMs = Benchmarks.medianMillis(flatNanos);
        double serialMs = Benchmarks.medianMillis(serialNanos);
        double unlimitedMs = Benchmarks.medianMillis(unlimitedNanos);
        System.out.printf("loop: %d values, one Log task each, %d rounds (median)%n", VALUES, ROUNDS);
        System.out.printf("  %d Log tasks in a row (ref)   %7.0f ms  %.2f ms a task%n", VALUES, flatMs, flatMs / VALUES);
        System.out.printf("  Loop, one at a time           %7.0f ms  %.2f ms an iteration  %.2fx ref%n", serialMs,
                serialMs / VALUES, serialMs / flatMs);
        System.out.printf("  Loop, concurrencyLimit: 0     %7.0f ms  %.2f ms an iteration  %.2fx ref%n", unlimitedMs,
                unlimitedMs / VALUES, unlimitedMs / flatMs);
    }

    private static Flow loop(int concurrencyLimit) {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < VALUES; i++) {
            values.append(i == 0 ? "" : ", ").append(i);
        }
        return new FlowValidator().validate("""
                id: loop
                namespace: flowbench.bench
                tasks:
                  - id: each
                    type: io.kestra.plugin.core.flow.Loop
                    concurrencyLimit: %d
                    values: [%s]
                    tasks:
                      - id: say
                        type: io.kestra.plugin.core.log.Log
                        message: "value {{ item.value }}"
                """.formatted(concurrencyLimit, values)).flow();
    }

    private static Flow flat() {
        StringBuilder yaml = new StringBuilder("""
                id: flat
                namespace: flowbench.bench
                tasks:
                """);
        for (int i = 0; i < VALUES; i++) {
            yaml.append("  - id: say").append(i).append('\n')
                .append("    type: io.kestra.plugin.core.log.Log\n")
                .append("    message: \"value ").append(i).append("\"\n");
        }
        return new FlowValidator().validate(yaml.toString()).flow();
    }
}
