package dev.flowbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The command line as a user starts it: a separate JVM through the jar's entry point. */
class CommandLineProcessTest {

    record Outcome(int exit, String out) {
    }

    static Outcome launch(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-verbose:class", "-cp", System.getProperty("java.class.path"), "dev.flowbench.Launcher"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
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
}
