package dev.flowbench.flow.edit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowbench.flow.LoadedFlow;
import dev.flowbench.flow.ScriptTask;
import dev.flowbench.flow.Task;
import dev.flowbench.flow.WorkingDirectoryTask;
import dev.flowbench.flow.check.FlowValidator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Visual edits as the smallest changes of a flow's text: what changes, and everything that stays byte for byte. */
class FlowEditsTest {

    static final String FLOW = """
            # A flow full of comments, quotes and both list styles.
            id: commented
            namespace: company.team

            tasks:
              # builds the tree
              - id: build   # the first task
                type: io.kestra.plugin.core.flow.WorkingDirectory
                cache:
                  patterns:
                    - deps/**   # what is kept
                    # between patterns
                    - "tool/*"
                  ttl: PT1H
                tasks:
                  - id: install
                    type: io.kestra.plugin.scripts.shell.Commands
                    commands: [echo one, echo two]
                    # inside install
                    timeout: "PT5M"

                  - id: use
                    type: io.kestra.plugin.scripts.shell.Script
                    script: |
                      # not a comment: part of the script
                      ./deps/tool

              # says it is done
              - id: report
                type: io.kestra.plugin.core.log.Log
                message: done
            """;

    private static String apply(EditResult result, String text) {
        assertThat(result).as(String.valueOf(result)).isInstanceOf(EditResult.Applied.class);
        return result.applyTo(text);
    }

    private static LoadedFlow valid(String text) {
        LoadedFlow loaded = new FlowValidator().validate(text);
        assertThat(loaded.problems()).as(text).noneMatch(p -> p.isError());
        return loaded;
    }

    private static Task task(LoadedFlow loaded, String id) {
        return find(loaded.flow().topLevelTasks(), id);
    }

    private static Task find(List<Task> tasks, String id) {
        for (Task task : tasks) {
            if (task.id().equals(id)) {
                return task;
            }
            Task inner = find(task.children(), id);
            if (inner != null) {
                return inner;
            }
        }
        return null;
    }

    private static List<String> comments(String text) {
        return text.lines().map(String::strip).filter(line -> line.startsWith("#")).toList();
    }

    @Test
    void aScalarChangesInPlaceAndKeepsItsQuotes() {
        String after = apply(FlowEdits.of(FLOW).set("install", List.of("timeout"), "PT10M"), FLOW);
        assertThat(after).isEqualTo(FLOW.replace("timeout: \"PT5M\"", "timeout: \"PT10M\""));
        String message = apply(FlowEdits.of(FLOW).set("report", List.of("message"), "{{ outputs.use.vars.n }} ready"), FLOW);
        assertThat(message).isEqualTo(FLOW.replace("message: done", "message: \"{{ outputs.use.vars.n }} ready\""));
        assertThat(((dev.flowbench.flow.LogTask) task(valid(message), "report")).messages().get(0)).isEqualTo("{{ outputs.use.vars.n }} ready");
    }

    @Test
    void aNewPropertyGoesAfterTheTasksLastLineAtItsKeysColumn() {
        String after = apply(FlowEdits.of(FLOW).set("report", List.of("allowFailure"), true), FLOW);
        assertThat(after).isEqualTo(FLOW.replace("    message: done\n", "    message: done\n    allowFailure: true\n"));
        String nested = apply(FlowEdits.of(FLOW).set("use", List.of("taskRunner", "type"), "io.kestra.plugin.core.runner.Process"), FLOW);
        assertThat(nested).contains("""
                          ./deps/tool
                        taskRunner:
                          type: io.kestra.plugin.core.runner.Process

                  # says it is done
                """);
        valid(nested);
    }

    @Test
    void aNestedKeyThatExistsChangesAlone() {
        String after = apply(FlowEdits.of(FLOW).set("build", List.of("cache", "ttl"), "PT2H"), FLOW);
        assertThat(after).isEqualTo(FLOW.replace("ttl: PT1H", "ttl: PT2H"));
        assertThat(((WorkingDirectoryTask) task(valid(after), "build")).cache().orElseThrow().ttl()).isEqualTo("PT2H");
    }

    @Test
    void aBlockListKeepsTheLinesAndCommentsOfItsUnchangedItems() {
        String added = apply(FlowEdits.of(FLOW).set("build", List.of("cache", "patterns"), List.of("deps/**", "tool/*", "venv/**")), FLOW);
        assertThat(added).isEqualTo(FLOW.replace("        - \"tool/*\"\n", "        - \"tool/*\"\n        - venv/**\n"));

        String changed = apply(FlowEdits.of(FLOW).set("build", List.of("cache", "patterns"), List.of("deps/**", "bin/*")), FLOW);
        assertThat(changed).isEqualTo(FLOW.replace("- \"tool/*\"", "- \"bin/*\""));

        String removed = apply(FlowEdits.of(FLOW).set("build", List.of("cache", "patterns"), List.of("tool/*")), FLOW);
        assertThat(removed).isEqualTo(FLOW.replace("        - deps/**   # what is kept\n", ""));
        assertThat(((WorkingDirectoryTask) task(valid(removed), "build")).cache().orElseThrow().patterns()).containsExactly("tool/*");
    }

    @Test
    void aListOnOneLineStaysOnOneLine() {
        String after = apply(FlowEdits.of(FLOW).set("install", List.of("commands"), List.of("echo one", "echo two", "echo three")), FLOW);
        assertThat(after).isEqualTo(FLOW.replace("[echo one, echo two]", "[echo one, echo two, echo three]"));
    }

    @Test
    void aScriptIsWrittenAsABlockLiteral() {
        String after = apply(FlowEdits.of(FLOW).set("use", List.of("script"), "set -e\n./deps/tool --version\n"), FLOW);
        assertThat(after).contains("""
                        script: |
                          set -e
                          ./deps/tool --version

                  # says it is done
                """);
        assertThat(((ScriptTask) task(valid(after), "use")).script()).isEqualTo("set -e\n./deps/tool --version\n");
    }

    @Test
    void removingAPropertyLeavesTheCommentsThatWereInIt() {
        String after = apply(FlowEdits.of(FLOW).set("build", List.of("cache"), null), FLOW);
        assertThat(after).doesNotContain("patterns:", "ttl: PT1H").contains("# between patterns");
        assertThat(comments(after)).containsExactlyElementsOf(comments(FLOW).stream()
                .filter(c -> !c.equals("# what is kept")).toList()); // a comment at the end of a removed line goes with it
        valid(after);
    }

    @Test
    void deletingATaskLeavesItsCommentLines() {
        String after = apply(FlowEdits.of(FLOW).remove("install"), FLOW);
        assertThat(after).doesNotContain("id: install", "echo one").contains("# inside install", "id: use");
        assertThat(task(valid(after), "install")).isNull();
        assertThat(comments(after)).containsAll(comments(FLOW));
    }

    @Test
    void aTaskMovesWithItsCommentsAndTheLinesBetweenStay() {
        FlowEdits edits = FlowEdits.of(FLOW);
        String after = apply(edits.move("report", -1), FLOW);
        assertThat(after.indexOf("# says it is done")).isLessThan(after.indexOf("id: report"));
        assertThat(after.indexOf("id: report")).isLessThan(after.indexOf("# builds the tree"));
        assertThat(after.indexOf("# builds the tree")).isLessThan(after.indexOf("id: build"));
        assertThat(valid(after).flow().tasks()).extracting(Task::id).containsExactly("report", "build");
        assertThat(apply(FlowEdits.of(after).move("report", 1), after)).isEqualTo(FLOW);
        assertThat(edits.move("build", -1)).isInstanceOf(EditResult.Refused.class);
    }

    @Test
    void aDuplicateComesRightAfterWithFreshIdsForItAndItsChildren() {
        String after = apply(FlowEdits.of(FLOW).duplicate("build"), FLOW);
        LoadedFlow loaded = valid(after);
        assertThat(loaded.flow().tasks()).extracting(Task::id).containsExactly("build", "build_copy", "report");
        assertThat(task(loaded, "build_copy").children()).extracting(Task::id).containsExactly("install_copy", "use_copy");
        assertThat(comments(after)).containsAll(comments(FLOW));
    }

    @Test
    void aNewTaskIsWrittenAtTheListsColumnWithAnIdOfItsOwn() {
        String log = "id: report\ntype: io.kestra.plugin.core.log.Log\nmessage: hello\n";
        String atEnd = apply(FlowEdits.of(FLOW).insert(null, "tasks", 99, log), FLOW);
        assertThat(atEnd).endsWith("""
                    message: done
                  - id: report_copy
                    type: io.kestra.plugin.core.log.Log
                    message: hello
                """);
        String nested = apply(FlowEdits.of(FLOW).insert("build", "tasks", 1, "id: check\ntype: io.kestra.plugin.scripts.shell.Commands\n"
                + "commands:\n  - ls deps\n"), FLOW);
        assertThat(task(valid(nested), "build").children()).extracting(Task::id).containsExactly("install", "check", "use");
        assertThat(nested).contains("""
                      - id: check
                        type: io.kestra.plugin.scripts.shell.Commands
                        commands:
                          - ls deps
                """);
    }

    @Test
    void aNewTaskCanGoRightAfterAnother() {
        String after = apply(FlowEdits.of(FLOW).insertAfter("install", "id: check\ntype: io.kestra.plugin.core.log.Log\nmessage: ok\n"), FLOW);
        assertThat(task(valid(after), "build").children()).extracting(Task::id).containsExactly("install", "check", "use");
        assertThat(after).contains("""
                        timeout: "PT5M"
                      - id: check
                        type: io.kestra.plugin.core.log.Log
                        message: ok

                      - id: use
                """);
    }

    @Test
    void aTaskMovesIntoAndOutOfAWorkingDirectory() {
        String in = apply(FlowEdits.of(FLOW).moveInto("report", "build"), FLOW);
        LoadedFlow loaded = valid(in);
        assertThat(loaded.flow().tasks()).extracting(Task::id).containsExactly("build");
        assertThat(task(loaded, "build").children()).extracting(Task::id).containsExactly("install", "use", "report");
        assertThat(in).contains("""
                      # says it is done
                      - id: report
                        type: io.kestra.plugin.core.log.Log
                        message: done
                """);
        String out = apply(FlowEdits.of(in).moveOut("report"), in);
        assertThat(valid(out).flow().tasks()).extracting(Task::id).containsExactly("build", "report");
        assertThat(comments(out)).containsExactlyInAnyOrderElementsOf(comments(FLOW));
        assertThat(FlowEdits.of(FLOW).moveInto("build", "build")).isInstanceOf(EditResult.Refused.class);
        assertThat(FlowEdits.of(FLOW).moveInto("report", "install")).isInstanceOf(EditResult.Refused.class);
    }

    @Test
    void aTaskMovedOutGoesAfterTheCommentsThatEndItsParentNotAboveThemIntoItsOwnScript() {
        String in = """
                id: f
                namespace: n
                tasks:
                  - id: wd
                    type: io.kestra.plugin.core.flow.WorkingDirectory
                    tasks:
                      - id: use
                        type: io.kestra.plugin.scripts.shell.Script
                        script: |
                          ./deps/tool
                      - id: install
                        type: io.kestra.plugin.scripts.shell.Commands
                        commands: [echo one]
                        # inside install
                  - id: report
                    type: io.kestra.plugin.core.log.Log
                    message: done
                """;
        String out = apply(FlowEdits.of(in).moveOut("use"), in);
        assertThat(valid(out).flow().tasks()).extracting(Task::id).containsExactly("wd", "use", "report");
        assertThat(out).contains("""
                        # inside install
                  - id: use
                """);
        assertThat(((dev.flowbench.flow.ScriptTask) task(valid(out), "use")).script()).isEqualTo("./deps/tool\n");
    }

    @Test
    void whatCannotBeDoneInPlaceIsRefusedWithAReason() {
        assertThat(FlowEdits.of("id: x\n  bad: [").set("a", List.of("b"), "c")).isInstanceOf(EditResult.Refused.class);
        assertThat(FlowEdits.of(FLOW).set("nope", List.of("timeout"), "PT1M"))
                .isEqualTo(EditResult.refused("there is no task nope in the flow"));
        assertThat(FlowEdits.of(FLOW).set("report", List.of("id"), null)).isInstanceOf(EditResult.Refused.class);
        String oneLine = "id: f\nnamespace: n\ntasks: [{id: a, type: io.kestra.plugin.core.log.Log, message: hi}]\n";
        assertThat(FlowEdits.of(oneLine).remove("a")).isInstanceOf(EditResult.Refused.class);
        assertThat(apply(FlowEdits.of(oneLine).set("a", List.of("message"), "bye"), oneLine)).contains("message: bye}");
    }

    @Test
    void theCaretFindsTheInnermostTaskAndATaskFindsItsText() {
        FlowEdits edits = FlowEdits.of(FLOW);
        assertThat(edits.taskAt(FLOW.indexOf("./deps/tool"))).contains("use");
        assertThat(edits.taskAt(FLOW.indexOf("ttl: PT1H"))).contains("build");
        assertThat(edits.taskAt(FLOW.indexOf("namespace"))).isEmpty();
        int[] span = edits.taskSpan("report").orElseThrow();
        assertThat(FLOW.substring(span[0], span[1])).isEqualTo("- id: report\n    type: io.kestra.plugin.core.log.Log\n    message: done");
    }
}
