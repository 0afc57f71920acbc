package dev.flowbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

    @TempDir
    Path dir;

    record Result(int exit, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = FlowbenchCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(exit, out.toString(), err.toString());
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    void aValidFlowPrintsNothingAndExitsZero() {
        Result result = run("validate", "sample-flows/node_cached_dependencies.yml");
        assertThat(result.exit()).isZero();
        assertThat(result.out()).isEmpty();
    }

    @Test
    void problemsPrintAsFileLineColumnSeverityMessage() throws IOException {
        Path flow = write("bad.yml", """
                id: bad
                namespace: company.team
                tasks:
                  - id: s
                    type: io.kestra.plugin.scripts.shell.Script
                    beforeCommand: [ls]
                    script: ls
                  - id: http
                    type: io.kestra.plugin.core.http.Request
                  - id: dedup
                    type: io.kestra.plugin.core.storage.DeduplicateItems
                    from: x
                    expr: y
                """);
        Result result = run("validate", flow.toString());
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.lines()).containsExactly(
                flow + ":6:5: error: unknown property 'beforeCommand' on Script task 's' (did you mean 'beforeCommands'?)",
                flow + ":8:5: error: Request task 'http' needs 'uri'",
                flow + ":11:11: warning: 'io.kestra.plugin.core.storage.DeduplicateItems' is a Kestra core task that Flowbench does not run: it"
                        + " runs on a Kestra server, not here");
    }

    @Test
    void kestraPicksTheVersionFlowsAreCheckedFor() throws IOException {
        Path flow = write("old.yml", "id: old\nnamespace: n\ninputs:\n  - id: flag\n    type: BOOLEAN\n    defaults: true\n"
                + "tasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n");
        Result forKestra2 = run("validate", flow.toString());
        assertThat(forKestra2.exit()).isEqualTo(1);
        assertThat(forKestra2.out()).contains(":5:11: error: input type BOOLEAN was removed in Kestra 2.0: write BOOL");
        Result forKestra13 = run("validate", "--kestra", "1.3", flow.toString());
        assertThat(forKestra13.exit()).isZero();
        assertThat(forKestra13.out()).isEmpty();
        Result unknown = run("validate", "--kestra", "3.0", flow.toString());
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("--kestra takes 2 (or 2.0, 2.1) or 1.3, not '3.0'");
    }

    @Test
    void warningsAloneExitZero() throws IOException {
        Path flow = write("warn.yml", "id: w\nnamespace: n\ntasks:\n  - id: a\n    type: io.kestra.plugin.aws.s3.Upload\n");
        Result result = run("validate", flow.toString());
        assertThat(result.exit()).isZero();
        assertThat(result.out()).contains(":5:11: warning: ");
    }

    @Test
    void severalFilesAreAllReportedAndAnyErrorFailsTheRun() throws IOException {
        Path good = write("good.yml", "id: g\nnamespace: n\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n");
        Path bad = write("bad.yml", "id: b\nnamespace: n\ntasks: []\n");
        Result result = run("validate", good.toString(), bad.toString());
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.lines()).containsExactly(bad + ":3:8: error: 'tasks' is empty; a flow needs at least one task");
    }

    @Test
    void unreadableFilesExitTwoWithAMessageAndTheOthersAreStillChecked() throws IOException {
        Path bad = write("bad.yml", "id: b\nnamespace: n\ntasks: []\n");
        Path notUtf8 = dir.resolve("latin1.yml");
        Files.write(notUtf8, new byte[] {'i', 'd', ':', ' ', (byte) 0xE9, '\n'});
        Result result = run("validate", dir.resolve("missing.yml").toString(), notUtf8.toString(), dir.toString(), bad.toString());
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("missing.yml: no such file", "latin1.yml: not UTF-8 text", "is a directory");
        assertThat(result.err()).doesNotContain("Exception");
        assertThat(result.out()).contains(bad + ":3:8: error:");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run("validate").exit()).isEqualTo(2);
        assertThat(run("validate", "--no-such-option", "x.yml").exit()).isEqualTo(2);
        assertThat(run("no-such-command").exit()).isEqualTo(2);
    }

    @Test
    void jsonPrintsOneObjectPerProblem() throws Exception {
        Path flow = write("ttl.yml", """
                id: t
                namespace: n
                tasks:
                  - id: wd
                    type: io.kestra.plugin.core.flow.WorkingDirectory
                    cache: {patterns: [a/**], ttl: 1 hour}
                    tasks: [{id: a, type: io.kestra.plugin.core.log.Log, message: a}]
                """);
        Result result = run("validate", "--json", flow.toString());
        assertThat(result.exit()).isEqualTo(1);
        JsonNode problem = new ObjectMapper().readTree(result.lines().get(0));
        assertThat(problem.get("file").asText()).isEqualTo(flow.toString());
        assertThat(problem.get("line").asInt()).isEqualTo(6);
        assertThat(problem.get("column").asInt()).isEqualTo(36);
        assertThat(problem.get("severity").asText()).isEqualTo("error");
        assertThat(problem.get("code").asText()).isEqualTo("bad-duration");
        assertThat(problem.get("message").asText()).contains("'1 hour' is not an ISO-8601 duration");
    }

    @Test
    void helpAndVersion() {
        Result help = run("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("validate", "Usage: flowbench");
        Result validateHelp = run("validate", "--help");
        assertThat(validateHelp.out()).contains("FILE:LINE:COL", "--json");
        Result version = run("--version");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).startsWith("Flowbench ").doesNotContain("unknown");
    }
}
