package dev.flowbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every log line of a run reaches its output and stays available afterwards, however many there are. */
class RunLogsTest {

    @TempDir
    Path home;
    @TempDir
    Path flows;

    @BeforeEach
    void pointHomeAtATemporaryFolder() {
        System.setProperty("flowbench.home", home.toString());
    }

    @AfterEach
    void restore() {
        System.clearProperty("flowbench.home");
    }

    private Path flow(int lines) throws Exception {
        return Files.writeString(flows.resolve("lines_" + lines + ".yml"), """
                id: lines
                namespace: test
                tasks:
                  - id: print
                    type: io.kestra.plugin.scripts.shell.Commands
                    commands: [seq 1 %d]
                """.formatted(lines));
    }

    /** An output that takes its time, as a slow disk or a slow pipe reader does. */
    private static final class SlowWriter extends Writer {
        private final StringWriter text = new StringWriter();
        private long written;

        @Override
        public void write(char[] buffer, int offset, int length) {
            text.write(buffer, offset, length);
            written += length;
            if (written > 256 * 1024) {
                written = 0;
                try {
                    Thread.sleep(40);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    private static ValidateCommandTest.Result runSlowly(String... args) {
        SlowWriter out = new SlowWriter();
        StringWriter err = new StringWriter();
        int exit = FlowbenchCommand.execute(new PrintWriter(out), new PrintWriter(err, true), args);
        return new ValidateCommandTest.Result(exit, out.text.toString(), err.toString());
    }

    @Test
    void aSlowOutputGetsEveryLineInOrder() throws Exception {
        int lines = 300_000;
        ValidateCommandTest.Result result = runSlowly("run", flow(lines).toString());
        assertThat(result.exit()).isZero();
        List<String> printed = result.out().lines().filter(l -> l.contains("[print] ") && !l.contains(" started ")
                && !l.contains(" SUCCESS ")).toList();
        assertThat(printed).hasSize(lines);
        assertThat(printed.get(0)).endsWith("[print] 1");
        assertThat(printed.get(lines - 1)).endsWith("[print] " + lines);
        assertThat(result.out()).doesNotContain("not shown", "lost");
    }

    @Test
    void aSlowJsonOutputGetsEveryLogEvent() throws Exception {
        int lines = 300_000;
        ValidateCommandTest.Result result = runSlowly("run", "--json", flow(lines).toString());
        assertThat(result.exit()).isZero();
        long logs = result.out().lines().filter(l -> l.startsWith("{\"type\":\"log\"")).count();
        assertThat(logs).isEqualTo(lines);
        assertThat(result.out().lines().noneMatch(l -> l.contains("logs_dropped"))).isTrue();
    }

    @Test
    void runsShowPrintsTheWholeLogWhileTheDatabaseKeepsTheFirstLines() throws Exception {
        int lines = 30_000;
        ValidateCommandTest.Result run = ValidateCommandTest.run("run", flow(lines).toString());
        String id = executionId(run.out());

        JsonNode summary = new ObjectMapper().readTree(ValidateCommandTest.run("runs", "--json").out()).get(0);
        assertThat(summary.get("logLinesInDatabase").asLong()).as("lines kept in the database").isEqualTo(20_000);
        assertThat(summary.get("logLinesOnlyInLogFile").asLong()).isEqualTo(lines - 20_000);
        assertThat(summary.get("logLinesLost").asLong()).isZero();
        JsonNode shown = new ObjectMapper().readTree(ValidateCommandTest.run("runs", "show", id, "--json").out());
        assertThat(shown.get("logFileLines").asLong()).as("every line, in the complete log file").isEqualTo(lines);
        assertThat(shown.get("logSource").asText()).isEqualTo("file");
        assertThat(shown.get("logComplete").asBoolean()).isTrue();

        ValidateCommandTest.Result show = ValidateCommandTest.run("runs", "show", id);
        List<String> printed = show.out().lines().filter(l -> l.contains("[print] ")).toList();
        assertThat(printed).hasSize(lines);
        assertThat(printed.get(lines - 1)).endsWith("[print] " + lines);
        assertThat(show.out()).doesNotContain("not shown", "ends here");

        JsonNode json = new ObjectMapper().readTree(ValidateCommandTest.run("runs", "show", id, "--json").out());
        assertThat(json.get("logs")).hasSize(lines);
        assertThat(json.get("logs").get(lines - 1).get("message").asText()).isEqualTo(Integer.toString(lines));
        assertThat(json.get("logSource").asText()).isEqualTo("file");
        assertThat(json.get("logComplete").asBoolean()).isTrue();
    }

    @Test
    void theLogSizeLimitRemovesTheOldestCompleteLogsAndRunsShowSaysSo() throws Exception {
        Files.writeString(home.resolve("settings.properties"), "logs.maxSize = 10KB\n");
        String first = executionId(ValidateCommandTest.run("run", flow(25_000).toString()).out());
        String second = executionId(ValidateCommandTest.run("run", flow(25_000).toString()).out());

        ValidateCommandTest.Result show = ValidateCommandTest.run("runs", "show", first);
        assertThat(show.out().lines().filter(l -> l.contains("[print] ")).count()).as("the database's lines").isEqualTo(20_000);
        assertThat(show.out()).contains("5000 more lines are not shown: the complete log was removed on",
                "to keep logs within logs.maxSize; the database keeps the first 20000");
        assertThat(home.resolve("executions").resolve(first).resolve("log.jsonl.zst")).doesNotExist();
        assertThat(home.resolve("executions").resolve(second).resolve("log.jsonl.zst")).as("removed at the next start").doesNotExist();

        Files.writeString(home.resolve("settings.properties"), "logs.maxSize = lots\n");
        ValidateCommandTest.Result bad = ValidateCommandTest.run("runs");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("settings.properties: logs.maxSize: 'lots' is not a size");
    }

    static String executionId(String out) {
        return out.substring(out.lastIndexOf("execution ") + "execution ".length()).strip();
    }
}
