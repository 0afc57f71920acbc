package dev.flowbench.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A task printing {@code bench.lines} lines (default 2,000,000), run as a user runs it ({@code flowbench run FLOW >
 * FILE}, and with {@code --json}): time, peak memory of the JVMs, and lines delivered. References in the same run:
 * {@code seq} writing the same lines to a file by itself (time), and the command line kept in one JVM with the
 * JVM's default heap (memory: what the lean JVM of its own saves).
 */
final class LogFloodBenchmark {

    private static final int LINES = Integer.getInteger("bench.lines", 2_000_000);

    private LogFloodBenchmark() {
    }

    /** What one command cost and delivered. */
    private record Outcome(double seconds, long peakKilobytes, long lines) {
    }

    static void run() throws Exception {
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("bench.dir", System.getProperty("java.io.tmpdir"))),
                "flowbench-logs-");
        Path flow = Files.writeString(dir.resolve("flood.yml"), """
                id: flood
                namespace: flowbench.bench
                tasks:
                  - id: print
                    type: io.kestra.plugin.scripts.shell.Commands
                    commands: [seq 1 %d]
                """.formatted(LINES));
        Pattern printed = Pattern.compile("\\[print] \\d+$");
        Outcome seq = measure(List.of("bash", "-c", "seq 1 " + LINES), dir, dir.resolve("seq.out"), Pattern.compile("^\\d+$"));
        Outcome text = measure(flowbench(List.of(), "run", flow.toString()), dir, dir.resolve("run.out"), printed);
        Outcome json = measure(flowbench(List.of(), "run", "--json", flow.toString()), dir, dir.resolve("run.json"),
                Pattern.compile("^\\{\"type\":\"log\""));
        Outcome oneJvm = measure(flowbench(List.of("-XX:+UseG1GC"), "run", flow.toString()), dir, dir.resolve("one.out"), printed);
        System.out.printf("log flood: a task printing %,d lines, output to a file%n", LINES);
        print("seq alone (ref)", seq, seq);
        print("flowbench run > file", text, seq);
        print("flowbench run --json > file", json, seq);
        print("one JVM, default heap (ref)", oneJvm, seq);
        System.out.printf("  memory: %.2fx the one-JVM default-heap run (%,d KB against %,d KB)   (target: under 300 MB)%n",
                (double) text.peakKilobytes() / oneJvm.peakKilobytes(), text.peakKilobytes(), oneJvm.peakKilobytes());
    }

    private static void print(String name, Outcome outcome, Outcome reference) {
        String peak = outcome.peakKilobytes() == 0 ? "-" : String.format("%,d KB", outcome.peakKilobytes());
        System.out.printf("  %-30s %7.2f s  %5.1fx seq   peak %12s   lines %,d%n", name, outcome.seconds(),
                outcome.seconds() / reference.seconds(), peak, outcome.lines());
    }

    /** {@code flowbench ARGS} as the jar starts it: the Launcher on the class path, with {@code jvmOptions}. */
    private static List<String> flowbench(List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.flowbench.Launcher"));
        command.addAll(List.of(args));
        return command;
    }

    /** Runs the command with its output in {@code out}; peak memory is the sum of the highest resident sets of its JVMs. */
    private static Outcome measure(List<String> command, Path dir, Path out, Pattern line) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("FLOWBENCH_HOME", dir.resolve("home").toString());
        long start = System.nanoTime();
        Process process = builder.start();
        Map<Long, Long> peaks = new HashMap<>();
        while (process.isAlive()) {
            sample(process.toHandle(), peaks);
            process.toHandle().descendants().forEach(child -> sample(child, peaks));
            Thread.sleep(20);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (process.exitValue() != 0) {
            throw new IllegalStateException(command + " exited with " + process.exitValue());
        }
        long lines;
        try (var all = Files.lines(out, StandardCharsets.UTF_8)) {
            lines = all.filter(text -> line.matcher(text).find()).count();
        }
        Files.delete(out);
        return new Outcome(seconds, peaks.values().stream().mapToLong(Long::longValue).sum(), lines);
    }

    /** Keeps the highest VmHWM seen of a Java process: the flow's own processes are not Flowbench's memory. */
    private static void sample(ProcessHandle handle, Map<Long, Long> peaks) {
        if (handle.info().command().map(c -> c.endsWith("/java")).orElse(false)) {
            highWater(handle.pid()).ifPresent(kb -> peaks.merge(handle.pid(), kb, Math::max));
        }
    }

    private static Optional<Long> highWater(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Optional.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        } catch (IOException | RuntimeException e) {
            // ended meanwhile
        }
        return Optional.empty();
    }
}
