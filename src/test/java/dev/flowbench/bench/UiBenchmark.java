package dev.flowbench.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * The desktop app's responsiveness, headless (Monocle, software rendering), started as a user starts it:
 * {@code ./flowbench open FLOW}, the script and the launcher and all (the {@link UiProbe} rides along as a Java agent). Launch to a usable window (a sample flow open and validated; then a 2,000-line one) against a bare JavaFX
 * window measured in the same run, on a first start (no class archive yet) and on the next ones; keystroke to
 * diagnostics on the 2,000-line flow; the longest FX-thread stall while typing steadily into it, at once on opening
 * and once the app has settled.
 */
final class UiBenchmark {

    /** {@code -Dbench.trace=true}: the probe reports each stall with what the FX thread was doing. */
    private static final boolean TRACE = Boolean.getBoolean("bench.trace");
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    /** {@code -Dbench.jvm="-XX:..."}: options for the app's JVMs, to try them (a GC log, another collector). */
    private static final String JVM_OPTIONS = System.getProperty("bench.jvm", "").trim();
    private static final String SAMPLE = "inputs_and_outputs.yml";
    /** How a user starts the app: the script beside the jar's build folder. */
    private static final Path SCRIPT = Path.of(System.getProperty("bench.launcher", "flowbench")).toAbsolutePath();
    private static final List<String> HEADLESS = List.of("-Dglass.platform=Monocle", "-Dmonocle.platform=Headless",
            "-Dprism.order=sw", "-Djava.awt.headless=true");

    private UiBenchmark() {
    }

    static void run() throws Exception {
        Setup setup = Setup.of("flowbench-ui-bench-");
        Path dir = setup.dir();
        String classPath = setup.classPath();
        Path agent = setup.agent();
        Path large = Files.writeString(dir.resolve("large_flow.yml"), GeneratedFlows.ofLines(2_000) + """
                afterExecution:
                  - id: notify
                    type: io.kestra.plugin.notifications.slack.SlackIncomingWebhook
                    url: https://example.com/hook
                """);
        Path sample = Files.writeString(dir.resolve(SAMPLE), sampleWithATypo());
        Path home = dir.resolve("home");
        probe(agent, home, "launch", sample); // the first start writes the class archive

        List<Map<String, Double>> bare = new ArrayList<>();
        List<Map<String, Double>> first = new ArrayList<>();
        List<Map<String, Double>> launch = new ArrayList<>();
        List<Map<String, Double>> app = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            bare.add(bare(classPath + File.pathSeparator + agent));
            first.add(probe(agent, dir.resolve("first-" + round), "launch", sample));
            launch.add(probe(agent, home, "launch", sample));
            app.add(probe(agent, home, "app", large));
        }
        double bareLaunch = median(bare, "launchMillis");
        double sampleLaunch = median(launch, "launchMillis");
        double firstLaunch = median(first, "launchMillis");
        double largeLaunch = median(app, "launchMillis");
        System.out.printf("desktop app, headless (Monocle), started by ./flowbench as a user starts it; median of %d launches each%n", ROUNDS);
        System.out.printf("  launch to a usable window  %7.0f ms   (%s open and validated; bare JavaFX window: %.0f ms, ratio %.2fx)   target: under 2 s%n",
                sampleLaunch, SAMPLE, bareLaunch, sampleLaunch / bareLaunch);
        System.out.printf("    first start (no class archive yet)  %7.0f ms   (ratio %.2fx)%n", firstLaunch, firstLaunch / bareLaunch);
        System.out.printf("    a %.0f-line flow                   %7.0f ms   (ratio %.2fx)%n", median(app, "lines"), largeLaunch,
                largeLaunch / bareLaunch);
        System.out.printf("  keystroke to diagnostics   %7.1f ms median, %.1f ms p90   target: under 150 ms%n",
                median(app, "diagnosticsMedianMillis"), median(app, "diagnosticsP90Millis"));
        System.out.printf("  longest FX-thread stall    %7.1f ms while typing %d keys steadily (longest keystroke %.1f ms; stalls over 16 ms: %.0f;"
                        + " %.1f ms until the watching thread woke up to see it)   target: under 16 ms%n", median(app, "steadyStallMillis"), 120,
                median(app, "steadyKeystrokeMillis"), median(app, "steadyStallsOverFrame"), median(app, "steadySeenStallMillis"));
        System.out.printf("    typing at once on opening  %7.1f ms (longest keystroke %.1f ms; stalls over 16 ms: %.0f)%n",
                median(app, "openingStallMillis"), median(app, "openingKeystrokeMillis"), median(app, "openingStallsOverFrame"));
    }

    /** Lines the flood flow prints. */
    private static final int FLOOD_LINES = 1_000_000;

    /**
     * A flow printing a million lines, run from the window's Run button: lines shown per second, the longest
     * FX-thread stall, and the heap the run leaves, against the same flow run by the command line into /dev/null in
     * the same run. Targets: no stall over 50 ms, heap growth under 200 MB.
     */
    static void runFlood() throws Exception {
        Setup setup = Setup.of("flowbench-flood-bench-");
        Path jar = setup.jar();
        Path dir = setup.dir();
        Path agent = setup.agent();
        Path flow = Files.writeString(dir.resolve("flood.yml"), """
                id: flood
                namespace: bench
                tasks:
                  - id: print
                    type: io.kestra.plugin.scripts.shell.Commands
                    taskRunner:
                      type: io.kestra.plugin.core.runner.Process
                    commands:
                      - seq 1 %d
                """.formatted(FLOOD_LINES));
        List<Map<String, Double>> window = new ArrayList<>();
        List<Double> cli = new ArrayList<>();
        int rounds = Math.min(ROUNDS, 3);
        for (int round = 0; round < rounds; round++) {
            window.add(probe(agent, dir.resolve("home-" + round), "run", flow));
            ProcessBuilder command = new ProcessBuilder(java(), "-jar", jar.toAbsolutePath().toString(), "run", flow.toString());
            command.environment().put("FLOWBENCH_HOME", dir.resolve("cli-home-" + round).toString());
            command.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            long start = System.nanoTime();
            if (command.start().waitFor() != 0) {
                throw new IllegalStateException("the command line run of " + flow + " failed");
            }
            cli.add((System.nanoTime() - start) / 1e6);
        }
        double windowMillis = median(window, "floodMillis");
        double shown = median(window, "floodShownLines");
        double cliMillis = cli.stream().sorted().toList().get(cli.size() / 2);
        System.out.printf("a flow printing %,d lines, run from the window's Run button (headless, Monocle); median of %d runs%n",
                FLOOD_LINES, rounds);
        System.out.printf("  run in the window             %7.0f ms, %,.0f lines/s reached the log view (%,.0f lines; the view keeps the"
                + " newest %,d)%n", windowMillis, shown / (windowMillis / 1000), shown, dev.flowbench.ui.run.RunViewModel.MAX_LOG_ROWS);
        System.out.printf("  the command line, > /dev/null %7.0f ms, %,.0f lines/s: the window takes %.2fx its time%n",
                cliMillis, FLOOD_LINES / (cliMillis / 1000), windowMillis / cliMillis);
        System.out.printf("  longest FX-thread stall       %7.1f ms (over 16 ms: %.0f times; %.1f ms until the watching thread woke up to"
                        + " see it)   target: under 50 ms%n", median(window, "floodStallMillis"), median(window, "floodStallsOverFrame"),
                median(window, "floodSeenStallMillis"));
        System.out.printf("  heap growth after the run     %7.1f MB (heap in use after a GC: %.1f MB)   target: under 200 MB%n",
                median(window, "floodHeapGrowthMb"), median(window, "floodHeapAfterMb"));
    }

    /** Iterations of the loop flow. */
    private static final int LOOP_VALUES = 10_000;

    /**
     * A Loop of 10,000 Log iterations (all at once), run from the window's Run button: a row each in the task table,
     * the longest FX-thread stall and the heap the run leaves, against the same flow run by the command line into
     * /dev/null in the same run. Targets: no stall over 50 ms, heap growth under 100 MB.
     */
    static void runLoop() throws Exception {
        Setup setup = Setup.of("flowbench-loop-bench-");
        Path dir = setup.dir();
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < LOOP_VALUES; i++) {
            values.append(i == 0 ? "" : ", ").append(i);
        }
        Path flow = Files.writeString(dir.resolve("loop.yml"), """
                id: loop
                namespace: bench
                tasks:
                  - id: each
                    type: io.kestra.plugin.core.flow.Loop
                    concurrencyLimit: 0
                    values: [%s]
                    tasks:
                      - id: say
                        type: io.kestra.plugin.core.log.Log
                        message: "value {{ item.value }}"
                """.formatted(values));
        List<Map<String, Double>> window = new ArrayList<>();
        List<Double> cli = new ArrayList<>();
        int rounds = Math.min(ROUNDS, 3);
        for (int round = 0; round < rounds; round++) {
            window.add(probe(setup.agent(), dir.resolve("home-" + round), "run", flow));
            cli.add(cliMillis(setup.jar(), flow, dir.resolve("cli-home-" + round)));
        }
        double windowMillis = median(window, "floodMillis");
        double cliMillis = cli.stream().sorted().toList().get(cli.size() / 2);
        System.out.printf("a Loop of %,d Log iterations, run from the window's Run button (headless, Monocle); median of %d runs%n",
                LOOP_VALUES, rounds);
        System.out.printf("  run in the window             %7.0f ms; the command line, > /dev/null, %7.0f ms: %.2fx its time%n",
                windowMillis, cliMillis, windowMillis / cliMillis);
        System.out.printf("  longest FX-thread stall       %7.1f ms (over 16 ms: %.0f times)   target: under 50 ms%n",
                median(window, "floodStallMillis"), median(window, "floodStallsOverFrame"));
        System.out.printf("  heap growth after the run     %7.1f MB (heap in use after a GC: %.1f MB)   target: under 100 MB%n",
                median(window, "floodHeapGrowthMb"), median(window, "floodHeapAfterMb"));
    }

    private static double cliMillis(Path jar, Path flow, Path home) throws Exception {
        ProcessBuilder command = new ProcessBuilder(java(), "-jar", jar.toAbsolutePath().toString(), "run", flow.toString());
        command.environment().put("FLOWBENCH_HOME", home.toString());
        command.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        long start = System.nanoTime();
        if (command.start().waitFor() != 0) {
            throw new IllegalStateException("the command line run of " + flow + " failed");
        }
        return (System.nanoTime() - start) / 1e6;
    }

    /** What both UI benchmarks start from: the built jar, a fresh folder, the app's class path and the probe agent. */
    private record Setup(Path jar, Path dir, String classPath, Path agent) {
        static Setup of(String folderPrefix) throws IOException {
            Path jar = Path.of(System.getProperty("bench.jar", "target/flowbench.jar"));
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: build it first (mvn -DskipTests package)");
            }
            Path dir = Files.createTempDirectory(folderPrefix);
            return new Setup(jar, dir, jar.toAbsolutePath() + File.pathSeparator + monocle(), agentJar(dir.resolve("probe-agent.jar")));
        }
    }

    /** The app started by its launcher on {@code flow}, measured by the probe agent. */
    /**
     * The app started by the {@code flowbench} script on {@code flow}, measured by the probe agent (which brings
     * Monocle onto the class path): through the launcher at first, then straight into the app's JVM once the launcher
     * has left the command for the script.
     */
    private static Map<String, Double> probe(Path agent, Path home, String mode, Path flow) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString(), "open", flow.toString());
        // an agent stops a JVM from writing its class archive unless allowed to, and an archive written so is mapped
        // only by JVMs that allow it too
        builder.environment().put("JAVA_TOOL_OPTIONS", String.join(" ", HEADLESS)
                + " -XX:+UnlockDiagnosticVMOptions -XX:+AllowArchivingWithJavaAgent"
                + " -javaagent:" + agent + "=" + mode + ":" + flow + (TRACE ? " -Dprobe.trace=true" : "")
                + (JVM_OPTIONS.isEmpty() ? "" : " " + JVM_OPTIONS));
        builder.environment().put("FLOWBENCH_HOME", home.toString());
        builder.environment().remove("FLOWBENCH_CLASS_ARCHIVE");
        return measure(builder, mode + " " + flow.getFileName());
    }

    private static Map<String, Double> bare(String classPath) throws Exception {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(HEADLESS);
        command.addAll(List.of("-cp", classPath, UiProbe.class.getName()));
        return measure(new ProcessBuilder(command), "bare");
    }

    /** Runs the process; its {@code ...EpochMillis} lines become {@code ...Millis} since it was started. */
    private static Map<String, Double> measure(ProcessBuilder builder, String what) throws Exception {
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        long started = System.currentTimeMillis();
        Process process = builder.start();
        Map<String, Double> values = new HashMap<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                int equals = line.indexOf('=');
                if (TRACE) {
                    System.out.println("  | " + line);
                }
                if (equals <= 0) {
                    continue;
                }
                String key = line.substring(0, equals);
                try {
                    double value = Double.parseDouble(line.substring(equals + 1));
                    if (key.endsWith("EpochMillis")) {
                        values.put(key.replace("EpochMillis", "Millis"), value - started);
                    } else {
                        values.put(key, value);
                    }
                } catch (NumberFormatException e) {
                    // not one of ours
                }
            }
        }
        if (process.waitFor() != 0 || !values.containsKey("launchMillis")) {
            throw new IllegalStateException("the probe (" + what + ") failed: " + values);
        }
        return values;
    }

    /** A sample flow with one misspelt key, so that the probe sees the validation arrive as a row in the Problems list. */
    private static String sampleWithATypo() throws IOException {
        try (InputStream in = UiBenchmark.class.getResourceAsStream("/dev/flowbench/samples/" + SAMPLE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8) + "descripton: measured by the UI benchmark\n";
        }
    }

    /** A jar holding the probe, with the manifest of a Java agent. */
    private static Path agentJar(Path target) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), UiProbe.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, Path.of(monocle()).toUri().toString());
        Path classes;
        try {
            classes = Path.of(UiProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        String folder = UiProbe.class.getPackageName().replace('.', '/');
        try (OutputStream file = Files.newOutputStream(target); JarOutputStream jar = new JarOutputStream(file, manifest);
                var entries = Files.list(classes.resolve(folder))) {
            for (Path entry : entries.filter(p -> p.getFileName().toString().startsWith("UiProbe")).toList()) {
                jar.putNextEntry(new JarEntry(folder + "/" + entry.getFileName()));
                jar.write(Files.readAllBytes(entry));
                jar.closeEntry();
            }
        }
        return target;
    }

    private static String monocle() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.contains("openjfx-monocle")).findFirst()
                .orElseThrow(() -> new IllegalStateException("Monocle is not on the test class path"));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static double median(List<Map<String, Double>> runs, String key) {
        double[] sorted = runs.stream().mapToDouble(run -> run.getOrDefault(key, Double.NaN)).sorted().toArray();
        return sorted[sorted.length / 2];
    }
}
