package dev.flowbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowbench.engine.LogLevel;
import dev.flowbench.ui.run.LogRow;
import dev.flowbench.ui.run.LogView;
import dev.flowbench.ui.run.TaskRunRow;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TreeTableCell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * Why a run ended as it did, said where the user looks: the failure under its task in the log, on its row, in the
 * headline; the tasks it never reached greyed as "not run"; the cache's decisions in the log; a running task's time.
 */
class RunOutcomesTest {

    @TempDir
    Path home;
    @TempDir
    Path flows;

    private final FlowWindow window = new FlowWindow();
    private final FxRobot robot = window.robot;

    @AfterEach
    void stop() throws Exception {
        window.close();
    }

    private void run(String name, String flow, String drawn) throws Exception {
        window.open(home, flows, name, flow, drawn);
        FlowWindow.await(() -> !robot.lookup("#run").queryAs(Button.class).isDisabled());
        robot.clickOn("#run");
    }

    private String headline() {
        return robot.lookup("#run-headline").queryAs(Label.class).getText();
    }

    private List<LogRow> log() {
        return List.copyOf(robot.lookup("#logs").queryAs(LogView.class).getItems());
    }

    /** The text of the cell of {@code styleClass} in the task-runs row of {@code taskId}. */
    private String cell(String taskId, String styleClass) {
        return robot.lookup("#task-runs ." + styleClass).queryAllAs(TreeTableCell.class).stream()
                .filter(cell -> cell.getItem() instanceof TaskRunRow row && row.taskId().equals(taskId))
                .map(cell -> cell.getText() == null ? "" : cell.getText()).findFirst().orElse("");
    }

    private boolean greyed(String taskId) {
        return robot.lookup("#task-runs .state-cell").queryAllAs(TreeTableCell.class).stream()
                .filter(cell -> cell.getItem() instanceof TaskRunRow row && row.taskId().equals(taskId))
                .anyMatch(cell -> cell.getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName().equals("not-run")));
    }

    @Test
    void aFailureIsSaidInTheLogUnderItsTaskOnItsRowAndInTheHeadlineAndTheTasksAfterAreNotRun() throws Exception {
        run("failing.yml", """
                id: failing
                namespace: test
                tasks:
                  - id: fine
                    type: io.kestra.plugin.scripts.shell.Commands
                    commands:
                      - echo fine
                  - id: broken
                    type: io.kestra.plugin.scripts.shell.Commands
                    commands:
                      - echo about to fail
                      - exit 3
                  - id: after
                    type: io.kestra.plugin.core.log.Log
                    message: never
                """, "after");
        FlowWindow.await(() -> headline().contains("FAILED"));
        assertThat(headline()).startsWith("failing.yml: FAILED in ").endsWith(": task 'broken' FAILED: exited with code 3");

        List<LogRow> log = log();
        int said = log.stream().map(LogRow::message).toList().indexOf("about to fail");
        LogRow failure = log.get(said + 1);
        assertThat(failure.taskId()).isEqualTo("broken");
        assertThat(failure.level()).isEqualTo(LogLevel.ERROR);
        assertThat(failure.stream()).isEqualTo("flowbench");
        assertThat(failure.message()).isEqualTo("FAILED: exited with code 3");

        FlowWindow.await(() -> cell("after", "state-cell").equals("not run"));
        assertThat(greyed("after")).isTrue();
        assertThat(greyed("broken")).isFalse();
        assertThat(cell("broken", "message-cell")).isEqualTo("exited with code 3");
        assertThat(cell("after", "message-cell")).isEqualTo("not run: the run ended before it (a task before it failed)");
    }

    @Test
    void eachFlowShowsItsOwnRunInTheStatusBarAndBringsItsRunTabForward() throws Exception {
        run("first.yml", """
                id: first
                namespace: company.team
                tasks:
                  - id: hello
                    type: io.kestra.plugin.core.log.Log
                    message: first
                """, "hello");
        FlowWindow.await(() -> headline().contains("SUCCESS"));
        String firstHeadline = headline();
        FlowWindow.await(() -> statusRun().equals(firstHeadline));

        java.nio.file.Path second = java.nio.file.Files.writeString(flows.resolve("second.yml"), """
                id: second
                namespace: company.team
                tasks:
                  - id: other
                    type: io.kestra.plugin.core.log.Log
                    message: second
                """);
        window.openFile(second);
        FlowWindow.await(() -> statusRun().isEmpty());
        assertThat(headline()).as("the run panel still shows the first flow's run").isEqualTo(firstHeadline);

        FlowWindow.await(() -> !robot.lookup("#run").queryAs(Button.class).isDisabled());
        robot.clickOn("#run");
        FlowWindow.await(() -> headline().contains("SUCCESS") && !headline().equals(firstHeadline));
        String secondHeadline = headline();
        FlowWindow.await(() -> statusRun().equals(secondHeadline));

        robot.interact(() -> robot.lookup("#editor-tabs").queryAs(javafx.scene.control.TabPane.class).getSelectionModel().select(0));
        FlowWindow.await(() -> headline().equals(firstHeadline) && statusRun().equals(firstHeadline));
    }

    private String statusRun() {
        String text = robot.lookup("#status-run").queryAs(Label.class).getText();
        return text == null ? "" : text;
    }

    @Test
    void theCachesDecisionsAreInTheLogAndARunningTaskShowsHowLongItHasRun() throws Exception {
        run("cached.yml", """
                id: cached
                namespace: test
                tasks:
                  - id: wd
                    type: io.kestra.plugin.core.flow.WorkingDirectory
                    cache:
                      patterns: ["out/**"]
                    tasks:
                      - id: slow
                        type: io.kestra.plugin.scripts.shell.Commands
                        commands:
                          - mkdir -p out && echo x > out/x
                          - sleep 3
                """, "slow");
        FlowWindow.await(() -> cell("slow", "state-cell").equals("RUNNING") && cell("slow", "figure-cell").matches("[12].0 s"));
        FlowWindow.await(() -> headline().contains("SUCCESS"));
        List<String> wdLines = log().stream().filter(row -> "wd".equals(row.taskId())).map(LogRow::message).toList();
        assertThat(wdLines).contains("cache MISS: no entry yet").anyMatch(line -> line.startsWith("cache SAVED: saved 1 files"));
        assertThat(log().stream().filter(row -> "wd".equals(row.taskId())).map(LogRow::stream)).containsOnly("cache");
    }

    @Test
    void runThisTaskWhoseInputsNoEarlierRunHasSaysWhichBeforeAnythingRunsAndOffersRunUpToHere() throws Exception {
        String flow = """
                id: parted
                namespace: test
                tasks:
                  - id: extract
                    type: io.kestra.plugin.scripts.shell.Commands
                    commands:
                      - echo '::{"outputs":{"count":3}}::'
                  - id: transform
                    type: io.kestra.plugin.core.log.Log
                    message: "count {{ outputs.extract.vars.count }}"
                """;
        window.open(home, flows, "parted.yml", flow, "transform");
        FlowWindow.await(() -> !robot.lookup("#run").queryAs(Button.class).isDisabled());
        int at = flow.indexOf("message: \"count");
        robot.interact(() -> {
            window.editor().requestFocus();
            window.editor().moveTo(at);
        });
        robot.push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.SHIFT, javafx.scene.input.KeyCode.F5);
        FlowWindow.await(() -> robot.lookup("#part-offer").tryQuery().isPresent());
        Node offer = robot.lookup("#part-offer").query();
        String said = robot.from(offer).lookup(".label").queryAllAs(Label.class).stream().map(Label::getText)
                .filter(text -> text != null && text.contains("needs")).findFirst().orElse("");
        assertThat(said).contains("task 'transform' needs outputs.extract.vars.count, which no earlier run has produced");
        assertThat(robot.lookup("#history").tryQuery().map(n -> ((javafx.scene.control.TableView<?>) n).getItems().size()).orElse(0))
                .as("nothing ran, nothing recorded").isZero();
        robot.clickOn(robot.from(offer).lookup(".button").match(b -> ((Button) b).getText().startsWith("Run Up to")).queryAs(Button.class));
        FlowWindow.await(() -> headline().contains("SUCCESS") && headline().contains("up to 'transform'"));
        assertThat(log().stream().map(LogRow::message)).contains("count 3");

        robot.interact(() -> window.editor().requestFocus());
        robot.push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.SHIFT, javafx.scene.input.KeyCode.F5);
        FlowWindow.await(() -> headline().contains("SUCCESS") && headline().contains("only 'transform'"));
        assertThat(robot.lookup("#part-offer").tryQuery()).isEmpty();
    }
}
