package dev.flowbench.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The desktop app's responsiveness, headless (Monocle, software rendering), each run in a JVM of its own: launch to
 * a usable window (a 2,000-line flow open and validated) against a bare JavaFX window measured in the same run;
 * keystroke to diagnostics on that flow; the longest FX-thread stall while typing steadily into it.
 */
final class UiBenchmark {

    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);

    private UiBenchmark() {
    }

    static void run() throws Exception {
        Path dir = Files.createTempDirectory("flowbench-ui-bench-");
        String flow = GeneratedFlows.ofLines(2_000) + """
                afterExecution:
                  - id: notify
                    type: io.kestra.plugin.notifications.slack.SlackIncomingWebhook
                    url: https://example.com/hook
                """;
        Path file = Files.writeString(dir.resolve("large_flow.yml"), flow);
        List<Map<String, Double>> bare = new ArrayList<>();
        List<Map<String, Double>> app = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            bare.add(probe(dir, "bare"));
            app.add(probe(dir.resolve("home-" + round), "app", file.toString()));
        }
        double bareLaunch = median(bare, "launchMillis");
        double appLaunch = median(app, "launchMillis");
        System.out.printf("desktop app: a %.0f-line flow, headless (Monocle), median of %d launches%n",
                median(app, "lines"), ROUNDS);
        System.out.printf("  launch to a usable window  %7.0f ms   (bare JavaFX window: %.0f ms, ratio %.2fx)   target: under 2 s%n",
                appLaunch, bareLaunch, appLaunch / bareLaunch);
        System.out.printf("  keystroke to diagnostics   %7.1f ms median, %.1f ms p90   target: under 150 ms%n",
                median(app, "diagnosticsMedianMillis"), median(app, "diagnosticsP90Millis"));
        System.out.printf("  longest FX-thread stall    %7.1f ms while typing %d keys (longest keystroke %.1f ms)   target: under 16 ms%n",
                median(app, "longestStallMillis"), 120, median(app, "longestKeystrokeMillis"));
    }

    private static Map<String, Double> probe(Path home, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(UiProbe.headlessOptions());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), UiProbe.class.getName()));
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("FLOWBENCH_HOME", home.toString());
        Process process = builder.start();
        Map<String, Double> values = new HashMap<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                int equals = line.indexOf('=');
                if (equals > 0) {
                    try {
                        values.put(line.substring(0, equals), Double.parseDouble(line.substring(equals + 1)));
                    } catch (NumberFormatException e) {
                        // not one of ours
                    }
                }
            }
        }
        if (process.waitFor() != 0 || !values.containsKey("launchMillis")) {
            throw new IllegalStateException("the probe " + Arrays.toString(args) + " failed: " + values);
        }
        return values;
    }

    private static double median(List<Map<String, Double>> runs, String key) {
        double[] sorted = runs.stream().mapToDouble(run -> run.getOrDefault(key, Double.NaN)).sorted().toArray();
        return sorted[sorted.length / 2];
    }
}
