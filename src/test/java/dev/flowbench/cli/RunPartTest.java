package dev.flowbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flowbench run FLOW --to TASK | --only TASK [--fresh]}: a part of a flow, the tasks before it taken from the
 * history's earlier runs of the same rendered definition (none of them declares {@code taskCache}). A task that
 * really runs appends to a counter file, so "reused" is seen as "no process ran".
 */
class RunPartTest {

    @TempDir
    Path home;
    @TempDir
    Path dir;
    private Path ran;

    @BeforeEach
    void pointHomeAtATemporaryFolder() {
        System.setProperty("flowbench.home", home.toString());
        ran = dir.resolve("ran.txt");
    }

    @AfterEach
    void restore() {
        System.clearProperty("flowbench.home");
    }

    private static ValidateCommandTest.Result run(String... args) {
        return ValidateCommandTest.run(args);
    }

    /** extract (a slow task with an output and an output file) -> transform (reads both) -> load. */
    private Path flow(String transformLine) throws Exception {
        return Files.writeString(dir.resolve("etl.yml"), """
                id: etl
                namespace: test
                inputs:
                  - id: rows
                    type: INT
                    defaults: 3
                tasks:
                  - id: extract
                    type: io.kestra.plugin.scripts.shell.Commands
                    taskRunner:
                      type: io.kestra.plugin.core.runner.Process
                    outputFiles:
                      - data.csv
                    commands:
                      - echo extract >> %1$s
                      - seq 1 {{ inputs.rows }} > data.csv
                      - echo '::{"outputs":{"count":{{ inputs.rows }}}}::'
                  - id: transform
                    type: io.kestra.plugin.scripts.shell.Commands
                    taskRunner:
                      type: io.kestra.plugin.core.runner.Process
                    commands:
                      - echo transform >> %1$s
                      - echo "%2$s {{ outputs.extract.vars.count }} lines $(wc -l < {{ outputs.extract.outputFiles['data.csv'] }})"
                  - id: load
                    type: io.kestra.plugin.scripts.shell.Commands
                    taskRunner:
                      type: io.kestra.plugin.core.runner.Process
                    commands:
                      - echo load >> %1$s
                """.formatted(ran, transformLine));
    }

    private List<String> ranTasks() throws Exception {
        return Files.exists(ran) ? Files.readAllLines(ran) : List.of();
    }

    private static String executionId(ValidateCommandTest.Result result) {
        return result.out().substring(result.out().lastIndexOf("execution ") + "execution ".length()).strip();
    }

    @Test
    void upToReusesTheTasksBeforeItFromAnEarlierRunAndStopsAfterIt() throws Exception {
        ValidateCommandTest.Result whole = run("run", flow("counted").toString());
        assertThat(whole.exit()).isZero();
        assertThat(ranTasks()).containsExactly("extract", "transform", "load");

        ValidateCommandTest.Result part = run("run", flow("edited, counted").toString(), "--to", "transform");
        assertThat(part.exit()).isZero();
        assertThat(ranTasks()).as("extract was reused, not run; load is after the part").containsExactly("extract", "transform",
                "load", "transform");
        assertThat(part.out()).contains("[extract] cache HIT: reused the outputs of execution " + executionId(whole) + " from ",
                        "[transform] edited, counted 3 lines 3")
                .contains("ran up to 'transform'; 1 task reused from earlier runs").doesNotContain("[load]");

        ValidateCommandTest.Result toLoad = run("run", flow("edited, counted").toString(), "--to", "load");
        assertThat(toLoad.out()).as("transform reads extract's file, at another path in each execution but the same")
                .contains("[transform] cache HIT: reused the outputs of execution " + executionId(part));
        assertThat(ranTasks()).containsExactly("extract", "transform", "load", "transform", "load");
    }

    @Test
    void aTaskReadingAnUpstreamFileRunsAgainWhenTheFileIsNotTheSame() throws Exception {
        run("run", flow("counted").toString());
        Path flow = flow("counted");
        Files.writeString(flow, Files.readString(flow).replace("seq 1 {{ inputs.rows }} > data.csv", "seq 2 4 > data.csv"));
        ValidateCommandTest.Result part = run("run", flow.toString(), "--to", "load");
        assertThat(part.out()).contains("[extract] cache MISS: its definition changed", "[transform] cache MISS: its definition changed");
        assertThat(ranTasks()).containsExactly("extract", "transform", "load", "extract", "transform", "load");
    }

    @Test
    void anInputTheTaskReadsMakesItRunAgain() throws Exception {
        String first = executionId(run("run", flow("counted").toString()));
        ValidateCommandTest.Result part = run("run", flow("counted").toString(), "--to", "transform", "-i", "rows=5");
        assertThat(part.exit()).isZero();
        assertThat(part.out()).contains("[extract] cache MISS: its definition changed since execution " + first, "; running it",
                "counted 5 lines 5");
        assertThat(ranTasks()).containsExactly("extract", "transform", "load", "extract", "transform");
    }

    @Test
    void freshRunsEveryTaskOfThePart() throws Exception {
        run("run", flow("counted").toString());
        ValidateCommandTest.Result fresh = run("run", flow("counted").toString(), "--to", "transform", "--fresh");
        assertThat(fresh.exit()).isZero();
        assertThat(fresh.out()).doesNotContain("cache HIT");
        assertThat(ranTasks()).containsExactly("extract", "transform", "load", "extract", "transform");
    }

    @Test
    void onlyRunsTheTaskItselfWithTheOutputsOfEarlierRuns() throws Exception {
        String first = executionId(run("run", flow("counted").toString()));
        ValidateCommandTest.Result only = run("run", "--json", flow("counted again").toString(), "--only", "transform");
        assertThat(only.exit()).isZero();
        assertThat(ranTasks()).containsExactly("extract", "transform", "load", "transform");
        List<JsonNode> events = new ArrayList<>();
        for (String line : only.out().lines().toList()) {
            events.add(new ObjectMapper().readTree(line));
        }
        JsonNode hit = events.stream().filter(e -> e.get("type").asText().equals("cache")).findFirst().orElseThrow();
        assertThat(hit.get("taskId").asText()).isEqualTo("extract");
        assertThat(hit.get("result").asText()).isEqualTo("HIT");
        assertThat(hit.at("/details/kind").asText()).isEqualTo("earlierRun");
        assertThat(hit.at("/details/executionId").asText()).isEqualTo(first);
        JsonNode extract = events.stream().filter(e -> e.get("type").asText().equals("task_finished")
                && e.get("taskId").asText().equals("extract")).findFirst().orElseThrow();
        assertThat(extract.at("/outputs/vars/count").asInt()).isEqualTo(3);
        String copied = extract.at("/outputs/outputFiles/data.csv").asText();
        assertThat(copied).as("the output file is this execution's own copy").doesNotContain(first);
        assertThat(Path.of(copied)).hasContent("1\n2\n3");
        assertThat(events).filteredOn(e -> e.has("taskId") && e.get("taskId").asText().equals("load")).isEmpty();
    }

    @Test
    void onlyWithAnOutputNoEarlierRunHasSaysWhichAndRunsNothing() throws Exception {
        ValidateCommandTest.Result only = run("run", flow("counted").toString(), "--only", "transform");
        assertThat(only.exit()).isEqualTo(1);
        assertThat(only.out()).contains("task 'transform' needs outputs.extract.vars.count and outputs.extract.outputFiles['data.csv'],"
                + " which no earlier run has produced", "no earlier successful run of it", "run up to 'extract' first")
                .doesNotContain("[transform] started");
        assertThat(ranTasks()).isEmpty();
    }

    @Test
    void aReusedRunWhoseOutputFileIsGoneRunsTheTaskAgain() throws Exception {
        ValidateCommandTest.Result whole = run("run", "--json", flow("counted").toString());
        String file = whole.out().lines().map(line -> {
            try {
                return new ObjectMapper().readTree(line);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).filter(e -> e.get("type").asText().equals("task_finished") && e.get("taskId").asText().equals("extract"))
                .findFirst().orElseThrow().at("/outputs/outputFiles/data.csv").asText();
        Files.delete(Path.of(file));
        ValidateCommandTest.Result part = run("run", flow("counted").toString(), "--to", "transform");
        assertThat(part.exit()).isZero();
        assertThat(part.out()).contains("[extract] cache MISS: the run of execution ", "its output file 'data.csv' is gone",
                "; running it", "counted 3 lines 3");
        assertThat(ranTasks()).containsExactly("extract", "transform", "load", "extract", "transform");
    }

    @Test
    void aWorkingDirectoryIsOneUnitAndIsReusedWithItsChildren() throws Exception {
        Path flow = Files.writeString(dir.resolve("wd.yml"), """
                id: wd
                namespace: test
                tasks:
                  - id: prepare
                    type: io.kestra.plugin.core.flow.WorkingDirectory
                    outputFiles:
                      - made.txt
                    tasks:
                      - id: make
                        type: io.kestra.plugin.scripts.shell.Commands
                        taskRunner:
                          type: io.kestra.plugin.core.runner.Process
                        commands:
                          - echo make >> %1$s
                          - echo made > made.txt
                          - echo '::{"outputs":{"n":7}}::'
                      - id: check
                        type: io.kestra.plugin.scripts.shell.Commands
                        taskRunner:
                          type: io.kestra.plugin.core.runner.Process
                        commands:
                          - echo check >> %1$s
                  - id: use
                    type: io.kestra.plugin.scripts.shell.Commands
                    taskRunner:
                      type: io.kestra.plugin.core.runner.Process
                    commands:
                      - echo "n={{ outputs.make.vars.n }} file=$(cat {{ outputs.prepare.outputFiles['made.txt'] }})"
                """.formatted(ran));
        ValidateCommandTest.Result first = run("run", flow.toString(), "--only", "use");
        assertThat(first.exit()).isEqualTo(1);
        assertThat(first.out()).contains("task 'use' needs outputs.make.vars.n, which no earlier run has produced: no earlier run"
                + " of 'prepare' can stand in for it (no earlier successful run of it); run up to 'make' first");
        assertThat(ranTasks()).isEmpty();

        ValidateCommandTest.Result toMake = run("run", flow.toString(), "--to", "make");
        assertThat(toMake.exit()).isZero();
        assertThat(ranTasks()).as("the task's siblings run with it: its folder is theirs too").containsExactly("make", "check");
        assertThat(toMake.out()).doesNotContain("[use]");

        ValidateCommandTest.Result only = run("run", flow.toString(), "--only", "use");
        assertThat(only.exit()).isZero();
        assertThat(only.out()).contains("[prepare] cache HIT: reused the outputs of execution " + executionId(toMake),
                "[make] SUCCESS", "[check] SUCCESS", "n=7 file=made");
        assertThat(ranTasks()).containsExactly("make", "check");
    }

    @Test
    void aTaskThePartCannotRunIsABadArgument() throws Exception {
        ValidateCommandTest.Result unknown = run("run", flow("x").toString(), "--to", "nope");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("--to nope: the flow has no task 'nope' (its tasks: extract, transform, load)");
        assertThat(run("run", flow("x").toString(), "--to", "load", "--only", "load").err())
                .contains("--to and --only cannot be given together");
        assertThat(ranTasks()).isEmpty();
    }
}
