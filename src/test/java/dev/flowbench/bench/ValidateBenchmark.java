package dev.flowbench.bench;

import dev.flowbench.flow.LoadedFlow;
import dev.flowbench.flow.check.FlowValidator;
import java.util.function.Supplier;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Validates a generated 5,000-line flow, against the reference of merely loading the same text with
 * snakeyaml-engine into plain Java maps (what any YAML-reading tool pays at least).
 */
final class ValidateBenchmark {

    private static final int LINES = 5_000;
    private static final int WARMUP = 40;
    private static final int MEASURED = 60;

    private ValidateBenchmark() {
    }

    static void run() {
        String text = GeneratedFlows.ofLines(LINES);
        FlowValidator validator = new FlowValidator();
        LoadedFlow check = validator.validate(text);
        if (!check.problems().isEmpty()) {
            throw new IllegalStateException("the generated flow should be valid: " + check.problems().get(0));
        }
        Load load = new Load(LoadSettings.builder().setCodePointLimit(Integer.MAX_VALUE).build());

        long[] validate = new long[MEASURED];
        long[] reference = new long[MEASURED];
        for (int i = 0; i < WARMUP; i++) {
            time(() -> validator.validate(text));
            time(() -> load.loadFromString(text));
        }
        for (int i = 0; i < MEASURED; i++) { // interleaved, so both see the same machine
            validate[i] = time(() -> validator.validate(text));
            reference[i] = time(() -> load.loadFromString(text));
        }
        double validateMs = Benchmarks.medianMillis(validate);
        double referenceMs = Benchmarks.medianMillis(reference);
        System.out.printf("validate: %d lines, %d characters, %d tasks%n", text.split("\n").length, text.length(),
                check.flow().allTasks().size());
        System.out.printf("  flowbench validate    median %7.2f ms   p90 %7.2f ms%n", validateMs,
                Benchmarks.percentileMillis(validate, 0.9));
        System.out.printf("  snakeyaml load (ref)  median %7.2f ms   p90 %7.2f ms%n", referenceMs,
                Benchmarks.percentileMillis(reference, 0.9));
        System.out.printf("  ratio validate / load: %.2fx   (target: validate under 50 ms)%n", validateMs / referenceMs);
    }

    private static long time(Supplier<?> work) {
        long start = System.nanoTime();
        Object result = work.get();
        long elapsed = System.nanoTime() - start;
        if (result == null) {
            throw new IllegalStateException("no result");
        }
        return elapsed;
    }
}
