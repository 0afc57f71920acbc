package dev.flowbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that later runs reuse are what they were when recorded: an earlier run's output files (checked by SHA-256,
 * read-only to the tasks after), and FILE inputs (copied into the execution, known by their content).
 */
class ReusedFilesTest {

    @TempDir
    Path home;
    @TempDir
    Path dir;

    @BeforeEach
    void pointHomeAtATemporaryFolder() {
        System.setProperty("flowbench.home", home.toString());
    }

    @AfterEach
    void restore() {
        System.clearProperty("flowbench.home");
    }

    private static ValidateCommandTest.Result run(String... args) {
        return ValidateCommandTest.run(args);
    }

    /** extract writes three rows; transform appends one to the file it was given (as root can: no mode stops it). */
    private Path appendingFlow() throws Exception {
        return Files.writeString(dir.resolve("append.yml"), """
                id: append
                namespace: test
                tasks:
                  - id: extract
                    type: io.kestra.plugin.scripts.shell.Commands
                    outputFiles:
                      - data.csv
                    commands:
                      - seq 1 3 > data.csv
                  - id: transform
                    type: io.kestra.plugin.scripts.shell.Commands
                    commands:
                      - echo "rows $(wc -l < {{ outputs.extract.outputFiles['data.csv'] }})"
                      - chmod u+w {{ outputs.extract.outputFiles['data.csv'] }} && echo 4 >> {{ outputs.extract.outputFiles['data.csv'] }}
                """);
    }

    private java.util.List<Path> storedDataFiles() throws Exception {
        try (Stream<Path> files = Files.walk(home.resolve("executions"))) {
            return files.filter(p -> p.getFileName().toString().equals("data.csv")).toList();
        }
    }

    @Test
    void aTaskAppendingToAnUpstreamOutputFileMakesThatRunUnfitForReuseInsteadOfFeedingItToLaterParts() throws Exception {
        Path flow = appendingFlow();
        assertThat(run("run", flow.toString()).out()).contains("[transform] rows 3");
        for (int i = 0; i < 3; i++) {
            ValidateCommandTest.Result part = run("run", flow.toString(), "--to", "transform");
            assertThat(part.out()).contains("[extract] cache MISS: the run of execution", "cannot stand in for it: its output file"
                    + " 'data.csv' changed after that run recorded it", "; running it", "[transform] rows 3");
        }
        ValidateCommandTest.Result only = run("run", flow.toString(), "--only", "transform");
        assertThat(only.out()).contains("its output file 'data.csv' changed after that run recorded it");
        assertThat(only.out()).doesNotContain("[transform] rows");
    }

    @Test
    void anEarlierRunsOutputFileIsReadOnlyAndOneEditedByHandIsNotReused() throws Exception {
        Path flow = Files.writeString(dir.resolve("etl.yml"), Files.readString(appendingFlow()).replaceAll("(?m)^.*chmod.*$\n", ""));
        run("run", flow.toString());
        assertThat(run("run", flow.toString(), "--only", "transform").out()).contains("[extract] cache HIT", "[transform] rows 3");
        for (Path stored : storedDataFiles()) { // the first run's and the copy the part made of it
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stored))).isEqualTo("r--r--r--");
            Files.setPosixFilePermissions(stored, PosixFilePermissions.fromString("rw-r--r--"));
            Files.writeString(stored, "1\n2\n3\n4\n5\n");
        }

        ValidateCommandTest.Result only = run("run", flow.toString(), "--only", "transform");
        assertThat(only.out()).contains("[extract] cache MISS: the run of execution");
        assertThat(only.out()).doesNotContain("[transform] rows");
        ValidateCommandTest.Result upTo = run("run", flow.toString(), "--to", "transform");
        assertThat(upTo.out()).contains("changed after that run recorded it", "; running it", "[transform] rows 3");
    }

    @Test
    void aFileInputIsTheExecutionsCopyAndCountsByItsContent() throws Exception {
        Path data = Files.writeString(dir.resolve("data.csv"), "1\n2\n3\n");
        Path flow = Files.writeString(dir.resolve("file_input.yml"), """
                id: file_input
                namespace: test
                inputs:
                  - id: data
                    type: FILE
                tasks:
                  - id: count
                    type: io.kestra.plugin.scripts.shell.Commands
                    taskCache:
                      enabled: true
                      ttl: PT1H
                    commands:
                      - echo "rows $(wc -l < {{ inputs.data }})"
                  - id: where
                    type: io.kestra.plugin.scripts.shell.Commands
                    commands:
                      - echo "{{ inputs.data }}"
                """);
        String input = "data=" + data;
        ValidateCommandTest.Result first = run("run", flow.toString(), "--input", input);
        assertThat(first.out()).contains("[count] rows 3").doesNotContain("[where] " + data);
        assertThat(first.out()).containsPattern("\\[where\\] " + java.util.regex.Pattern.quote(home.resolve("executions").toString())
                + "/[^/]+/inputs/data/data.csv");
        assertThat(run("run", flow.toString(), "--input", input).out()).contains("[count] cache HIT");

        Files.writeString(data, "1\n2\n3\n4\n5\n"); // rewritten in place: the same path
        ValidateCommandTest.Result changed = run("run", flow.toString(), "--input", input);
        assertThat(changed.out()).contains("[count] cache MISS: its definition changed since execution", "[count] rows 5");
    }
}
