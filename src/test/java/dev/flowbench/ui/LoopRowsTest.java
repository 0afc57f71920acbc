package dev.flowbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowbench.engine.State;
import dev.flowbench.ui.run.TaskRunRow;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/** A Loop's iterations in the task table (task-runs): a row each under the Loop's, with its index, value and state. */
class LoopRowsTest {

    private static final int VALUES = 200;

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

    @Test
    void aLoopOf200ValuesShows200IterationRowsWithTheirStates() throws Exception {
        String values = IntStream.range(0, VALUES).mapToObj(i -> "v" + i).collect(Collectors.joining(", ", "[", "]"));
        window.open(home, flows, "loop.yml", """
                id: loop
                namespace: test
                tasks:
                  - id: each
                    type: io.kestra.plugin.core.flow.Loop
                    concurrencyLimit: 0
                    values: VALUES
                    tasks:
                      - id: check
                        type: io.kestra.plugin.core.execution.Fail
                        condition: "{{ item.value == 'v7' }}"
                        allowFailure: true
                """.replace("VALUES", values), "check");
        FlowWindow.await(() -> !robot.lookup("#run").queryAs(Button.class).isDisabled());
        robot.clickOn("#run");
        FlowWindow.await(() -> robot.lookup("#run-headline").queryAs(Label.class).getText().matches("loop.yml: [A-Z]+ in .*"));
        @SuppressWarnings("unchecked")
        TreeTableView<TaskRunRow> table = robot.lookup("#task-runs").queryAs(TreeTableView.class);
        TreeItem<TaskRunRow> loop = table.getRoot().getChildren().stream().filter(item -> item.getValue().taskId().equals("each"))
                .findFirst().orElseThrow();
        List<TaskRunRow> iterations = loop.getChildren().stream().map(TreeItem::getValue).filter(TaskRunRow::isIteration).toList();
        assertThat(iterations).hasSize(VALUES);
        assertThat(iterations).extracting(TaskRunRow::label).contains("#0 v0", "#199 v199");
        assertThat(iterations).extracting(row -> row.stateProperty().get()).containsOnly(State.SUCCESS, State.WARNING);
        assertThat(iterations).filteredOn(row -> row.stateProperty().get() == State.WARNING).extracting(TaskRunRow::value)
                .containsExactly("v7");

        robot.clickOn("#only-failed");
        FlowWindow.await(() -> shownIterations(loop).size() == 1);
        assertThat(shownIterations(loop)).containsExactly("#7 v7");
        robot.clickOn("#only-failed");
        robot.clickOn("#iteration-search").write("v19");
        FlowWindow.await(() -> shownIterations(loop).size() == 11);
        assertThat(shownIterations(loop)).contains("#19 v19", "#199 v199");
        assertThat(loop.getChildren().get(0).getValue().taskId()).as("the Loop's task row stays first").isEqualTo("check");
    }

    @Test
    void pastAThousandIterationsTheFirstThousandShowAndTheSearchFindsTheOthers() throws Exception {
        String values = IntStream.range(0, 1_050).mapToObj(i -> "n" + i).collect(Collectors.joining(", ", "[", "]"));
        window.open(home, flows, "many.yml", """
                id: many
                namespace: test
                tasks:
                  - id: each
                    type: io.kestra.plugin.core.flow.Loop
                    concurrencyLimit: 0
                    values: VALUES
                    tasks:
                      - id: say
                        type: io.kestra.plugin.core.log.Log
                        message: "{{ item.value }}"
                """.replace("VALUES", values), "say");
        FlowWindow.await(() -> !robot.lookup("#run").queryAs(Button.class).isDisabled());
        robot.clickOn("#run");
        FlowWindow.await(() -> robot.lookup("#run-headline").queryAs(Label.class).getText().matches("many.yml: [A-Z]+ in .*"));
        @SuppressWarnings("unchecked")
        TreeTableView<TaskRunRow> table = robot.lookup("#task-runs").queryAs(TreeTableView.class);
        TreeItem<TaskRunRow> loop = table.getRoot().getChildren().get(0);
        FlowWindow.await(() -> shownIterations(loop).size() == 1_000);
        assertThat(loop.getValue().iterations()).hasSize(1_050);
        robot.clickOn("#iteration-search").write("n1049");
        FlowWindow.await(() -> shownIterations(loop).equals(List.of("#1049 n1049")));
    }

    private static List<String> shownIterations(TreeItem<TaskRunRow> loop) {
        return loop.getChildren().stream().map(TreeItem::getValue).filter(TaskRunRow::isIteration).map(TaskRunRow::label).toList();
    }
}
