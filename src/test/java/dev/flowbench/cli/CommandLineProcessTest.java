package dev.flowbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The command line as a user starts it: a separate JVM through the jar's entry point. */
class CommandLineProcessTest {

    record Outcome(int exit, String out) {
    }

    static Outcome launch(String... args) throws IOException, InterruptedException {
        return launch(Map.of(), args);
    }

    static Outcome launch(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-verbose:class", "-cp", System.getProperty("java.class.path"), "dev.flowbench.Launcher"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Outcome(process.exitValue(), out);
    }

    @Test
    void validateRunsWithoutLoadingAnyJavaFxClass() throws Exception {
        Outcome outcome = launch("validate", "sample-flows/errors_and_finally.yml");
        assertThat(outcome.exit()).isZero();
        assertThat(outcome.out()).contains("dev.flowbench.cli.ValidateCommand");
        assertThat(outcome.out()).doesNotContain("javafx.", "com.sun.javafx", "org.fxmisc");
    }

    @Test
    void exitStatusReachesTheShell() throws Exception {
        assertThat(launch("validate", "src/test/resources/corpus/invalid/empty_tasks.yml").exit()).isEqualTo(1);
        assertThat(launch("validate", "no/such/file.yml").exit()).isEqualTo(2);
    }

    @Test
    void twoProcessesRunFlowsInOneHomeAtTheSameTime(@org.junit.jupiter.api.io.TempDir Path home) throws Exception {
        Map<String, String> env = Map.of("FLOWBENCH_HOME", home.toString());
        CompletableFuture<Outcome> first = CompletableFuture.supplyAsync(() -> launchQuietly(env, "run", "sample-flows/errors_and_finally.yml"));
        CompletableFuture<Outcome> second = CompletableFuture.supplyAsync(() -> launchQuietly(env, "run", "sample-flows/inputs_and_outputs.yml"));
        assertThat(first.get().exit()).isEqualTo(1);
        assertThat(second.get().exit()).isZero();
        Outcome runs = launch(env, "runs");
        assertThat(runs.out()).contains("errors_and_finally", "inputs_and_outputs");
    }

    private static Outcome launchQuietly(Map<String, String> env, String... args) {
        try {
            return launch(env, args);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aTerminationSignalCancelsTheRunAndRecordsKilled(@org.junit.jupiter.api.io.TempDir Path home) throws Exception {
        Path flow = home.resolve("sleepy.yml");
        java.nio.file.Files.writeString(flow, """
                id: sleepy
                namespace: test
                tasks:
                  - id: nap
                    type: io.kestra.plugin.scripts.shell.Commands
                    commands: [echo napping, sleep 120]
                """);
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.flowbench.Launcher", "run", flow.toString())
                .redirectErrorStream(true);
        builder.environment().put("FLOWBENCH_HOME", home.toString());
        Process process = builder.start();
        java.io.BufferedReader reader = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream()));
        String line;
        while ((line = reader.readLine()) != null && !line.contains("napping")) {
            // wait for the task to be running
        }
        process.destroy(); // SIGTERM, as a service manager or `kill` sends
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        Outcome runs = launch(Map.of("FLOWBENCH_HOME", home.toString()), "runs");
        assertThat(runs.out()).containsPattern("KILLED\\s+\\S+ \\S+\\s+[0-9.]+ s\\s+-\\s+test/sleepy"); // no cache: "-"
    }

    @Test
    void withoutADisplayTheWindowSaysSoInOneLine() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.flowbench.Launcher", "open", "sample-flows"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("DISPLAY");
        builder.environment().remove("WAYLAND_DISPLAY");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(out.strip()).startsWith("flowbench: no display to open the window on").doesNotContain("Exception", "\tat ");
    }

    @Test
    void openHasItsHelpOnTheCommandLine() throws Exception {
        Outcome help = launch("open", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("Open the desktop app: files in tabs, a folder as the workspace");
    }
}
