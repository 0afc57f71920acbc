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

class RunCommandTest {

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

    private static ValidateCommandTest.Result run(String... args) {
        return ValidateCommandTest.run(args);
    }

    private static List<JsonNode> jsonLines(String out) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.lines().toList()) {
            nodes.add(new ObjectMapper().readTree(line));
        }
        return nodes;
    }

    @Test
    void aFlowWithATaskFlowbenchCannotRunIsRefusedBeforeItsInputsAndNothingIsRecorded() throws Exception {
        Path flow = Files.writeString(home.resolve("branch.yml"), """
                id: branch
                namespace: n
                inputs:
                  - id: who
                    type: STRING
                tasks:
                  - id: branch
                    type: io.kestra.plugin.jdbc.duckdb.Query
                    sql: "select '{{ inputs.who }}'"
                """);
        ValidateCommandTest.Result result = run("run", flow.toString());
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("cannot run " + flow + " here: task 'branch' has type io.kestra.plugin.jdbc.duckdb.Query")
                .doesNotContain("--input");
        assertThat(run("runs").out()).doesNotContain("branch");
    }

    @Test
    void aKestra13ForEachRunsWithKestra13AndIsRefusedForKestra2() throws Exception {
        Path flow = Files.writeString(home.resolve("each.yml"), """
                id: each
                namespace: n
                tasks:
                  - id: each
                    type: io.kestra.plugin.core.flow.ForEach
                    values: ["a", "b"]
                    tasks:
                      - id: say
                        type: io.kestra.plugin.core.log.Log
                        message: "value {{ taskrun.value }}"
                """);
        ValidateCommandTest.Result refused = run("run", flow.toString());
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.out()).contains("ForEach was removed in Kestra 2.0");
        ValidateCommandTest.Result result = run("run", "--kestra", "1.3", flow.toString());
        assertThat(result.exit()).isZero();
        assertThat(result.out()).contains("[say] value a", "[say] value b", "[each #1 'b'] SUCCESS");
    }

    @Test
    void humanOutputHasLogsStatesAndASummary() {
        ValidateCommandTest.Result result = run("run", "sample-flows/inputs_and_outputs.yml", "--input", "name=Ada");
        assertThat(result.exit()).isZero();
        assertThat(result.out()).containsPattern("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[repeat] Hello, Ada")
                .contains("[compose] started Script", "[compose] SUCCESS in ")
                .containsPattern("SUCCESS in [0-9.]+ s: 4 tasks \\(4 SUCCESS\\); execution \\w{22}");
    }

    @Test
    void jsonOutputIsOneTypedObjectPerEvent() throws Exception {
        ValidateCommandTest.Result result = run("run", "--json", "sample-flows/inputs_and_outputs.yml", "-i", "name=Ada");
        assertThat(result.exit()).isZero();
        List<JsonNode> events = jsonLines(result.out());
        assertThat(events).extracting(e -> e.get("type").asText()).startsWith("execution_started", "task_started")
                .endsWith("task_finished", "execution_finished").contains("log");
        String id = events.get(0).get("executionId").asText();
        assertThat(events).allSatisfy(e -> assertThat(e.get("executionId").asText()).isEqualTo(id));
        JsonNode compose = events.stream().filter(e -> e.get("type").asText().equals("task_finished")
                && e.get("taskId").asText().equals("compose")).findFirst().orElseThrow();
        assertThat(compose.get("state").asText()).isEqualTo("SUCCESS");
        assertThat(compose.at("/outputs/vars/text").asText()).isEqualTo("Hello, Ada");
        assertThat(events.get(events.size() - 1).get("state").asText()).isEqualTo("SUCCESS");
        JsonNode log = events.stream().filter(e -> e.get("type").asText().equals("log")).findFirst().orElseThrow();
        assertThat(log.get("taskId").asText()).isEqualTo("repeat");
        assertThat(log.get("level").asText()).isEqualTo("INFO");
        JsonNode started = events.stream().filter(e -> e.get("type").asText().equals("task_started")
                && e.get("taskId").asText().equals("repeat")).findFirst().orElseThrow();
        assertThat(started.get("taskRunId").asText()).hasSize(22).isEqualTo(log.get("taskRunId").asText());
        assertThat(started.get("parentTaskRunId").isNull()).isTrue();
        JsonNode shown = new ObjectMapper().readTree(run("runs", "show", id, "--json").out());
        assertThat(shown.at("/tasks").findValuesAsText("taskRunId")).contains(started.get("taskRunId").asText());
    }

    @Test
    void aFailedExecutionExitsOneAndIsRecorded() throws Exception {
        ValidateCommandTest.Result result = run("run", "sample-flows/errors_and_finally.yml");
        assertThat(result.exit()).isEqualTo(1);
        ValidateCommandTest.Result runs = run("runs", "--json");
        JsonNode list = new ObjectMapper().readTree(runs.out());
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("state").asText()).isEqualTo("FAILED");
        ValidateCommandTest.Result show = run("runs", "show", list.get(0).get("id").asText().substring(0, 10));
        assertThat(show.exit()).isZero();
        assertThat(show.out()).contains("errors_and_finally", "fails", "exited with code 1", "[cleanup] finally runs whatever happened");
    }

    @Test
    void nestedTaskRunsArePrintedIndentedUnderTheirParentAsTheyRunAndInTheHistory() throws Exception {
        Path flow = Files.writeString(flows.resolve("nested.yml"), """
                id: nested
                namespace: n
                tasks:
                  - id: outer
                    type: io.kestra.plugin.core.flow.Sequential
                    tasks:
                      - id: choose
                        type: io.kestra.plugin.core.flow.If
                        condition: "{{ true }}"
                        then:
                          - id: inner
                            type: io.kestra.plugin.core.log.Log
                            message: deep
                """);
        ValidateCommandTest.Result result = run("run", flow.toString());
        assertThat(result.exit()).isZero();
        assertThat(result.out()).containsPattern("\\d{3} \\[outer] started Sequential")
                .containsPattern("\\d{3}   \\[choose] started If")
                .containsPattern("\\d{3}     \\[inner] deep");
        JsonNode list = new ObjectMapper().readTree(run("runs", "--json").out());
        String shown = run("runs", "show", list.get(0).get("id").asText()).out();
        assertThat(shown).containsPattern("\\n  outer +SUCCESS").containsPattern("\\n    choose +SUCCESS")
                .containsPattern("\\n      inner +SUCCESS");
    }

    @Test
    void loopIterationsAreNamedByTheirIndexAndValueAsTheyRunInTheHistoryAndInJson() throws Exception {
        Path flow = Files.writeString(flows.resolve("loop.yml"), """
                id: loop
                namespace: n
                tasks:
                  - id: each
                    type: io.kestra.plugin.core.flow.Loop
                    values: ["a", "b b"]
                    tasks:
                      - id: say
                        type: io.kestra.plugin.core.log.Log
                        message: "hello {{ item.value }}"
                """);
        ValidateCommandTest.Result result = run("run", flow.toString());
        assertThat(result.exit()).isZero();
        assertThat(result.out()).containsPattern("\\d{3}   \\[each #0 'a'] started\\n")
                .containsPattern("\\d{3}     \\[say] hello b b")
                .containsPattern("\\d{3}   \\[each #1 'b b'] SUCCESS in ")
                .contains("SUCCESS in ").contains(": 3 tasks (3 SUCCESS), 2 loop iterations;");
        JsonNode list = new ObjectMapper().readTree(run("runs", "--json").out());
        String id = list.get(0).get("id").asText();
        assertThat(run("runs", "show", id).out()).containsPattern("\\n  each +SUCCESS")
                .containsPattern("\\n    each #0 'a' +SUCCESS").containsPattern("\\n      say +SUCCESS")
                .containsPattern("\\n    each #1 'b b' +SUCCESS");
        JsonNode shown = new ObjectMapper().readTree(run("runs", "show", id, "--json").out());
        assertThat(shown.get("tasks").findValuesAsText("value")).containsExactly("a", "b b");
        assertThat(shown.get("tasks").findValues("iteration")).extracting(JsonNode::asInt).containsExactly(0, 1);

        List<JsonNode> events = jsonLines(run("run", "--json", flow.toString()).out());
        assertThat(events).filteredOn(e -> e.has("iteration")).extracting(e -> e.get("value").asText() + "#" + e.get("iteration"))
                .containsExactly("a#0", "b b#1");
    }

    @Test
    void aSubflowStartsAFlowOfTheFlowsFolderAsAnExecutionOfItsOwnLinkedBothWaysInTheHistory() throws Exception {
        Path library = Files.createDirectories(flows.resolve("library/deeper"));
        Path own = Files.createDirectories(flows.resolve("own"));
        Files.writeString(library.resolve("child.yml"), """
                id: child
                namespace: n
                inputs:
                  - id: who
                    type: STRING
                tasks:
                  - id: hello
                    type: io.kestra.plugin.core.log.Log
                    message: "hello {{ inputs.who }}"
                outputs:
                  - id: said
                    type: STRING
                    value: "hello {{ inputs.who }}"
                """);
        Path parent = Files.writeString(own.resolve("parent.yml"), """
                id: parent
                namespace: n
                tasks:
                  - id: call
                    type: io.kestra.plugin.core.flow.Subflow
                    namespace: n
                    flowId: child
                    inputs:
                      who: Ada
                """);
        ValidateCommandTest.Result notFound = run("run", parent.toString());
        assertThat(notFound.exit()).isEqualTo(1);
        assertThat(notFound.out()).contains("[call] FAILED", "no flow n/child among the flows in " + own.toAbsolutePath());

        ValidateCommandTest.Result result = run("run", parent.toString(), "--flows", flows.resolve("library").toString());
        assertThat(result.exit()).isZero();
        assertThat(result.out()).containsPattern("\\[call] started execution \\S+ of n/child");
        JsonNode list = new ObjectMapper().readTree(run("runs", "--json").out());
        JsonNode child = list.get(0).get("flowId").asText().equals("child") ? list.get(0) : list.get(1);
        JsonNode parentRun = list.get(0).get("flowId").asText().equals("parent") ? list.get(0) : list.get(1);
        JsonNode shownChild = new ObjectMapper().readTree(run("runs", "show", child.get("id").asText(), "--json").out());
        assertThat(shownChild.get("parentExecutionId").asText()).isEqualTo(parentRun.get("id").asText());
        assertThat(shownChild.get("flowPath").asText()).endsWith("child.yml");
        assertThat(run("runs", "show", parentRun.get("id").asText()).out())
                .contains("started   execution " + child.get("id").asText() + " of n/child, SUCCESS");
        assertThat(run("runs", "show", child.get("id").asText()).out()).contains("started by execution " + parentRun.get("id").asText());

        assertThat(run("run", parent.toString(), "--flows", flows.resolve("nowhere").toString()).err())
                .contains("--flows " + flows.resolve("nowhere") + ": no such folder");
    }

    @Test
    void anInvalidFlowIsPrintedAsValidatePrintsItAndExitsTwo() throws Exception {
        Path flow = Files.writeString(flows.resolve("bad.yml"), "id: bad\nnamespace: n\ntasks: []\n");
        ValidateCommandTest.Result result = run("run", flow.toString());
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.out()).isEqualTo(flow + ":3:8: error: 'tasks' is empty; a flow needs at least one task\n");
        assertThat(Files.exists(home.resolve("flowbench.db"))).isFalse();
    }

    @Test
    void badInputsAreReportedBeforeAnythingRunsAndExitTwo() {
        ValidateCommandTest.Result missing = run("run", "sample-flows/inputs_and_outputs.yml", "--input", "repeat=many",
                "--input", "nosuch=1", "--input", "novalue");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("--input 'novalue' must be KEY=VALUE");
        ValidateCommandTest.Result bad = run("run", "sample-flows/inputs_and_outputs.yml", "--input", "repeat=many",
                "--input", "nosuch=1");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("input 'repeat': 'many' is not an integer", "the flow has no input 'nosuch'");
        assertThat(bad.out()).isEmpty();
    }

    @Test
    void runsShowOfAnUnknownIdExitsTwo() {
        ValidateCommandTest.Result result = run("runs", "show", "nope");
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("no execution 'nope'");
    }
}
