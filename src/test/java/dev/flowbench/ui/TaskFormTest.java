package dev.flowbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The task form driven as a user drives it: it shows the task selected in the picture, and what is typed, ticked or
 * chosen in it becomes an edit of the text (one undo step each, comments kept); a value it finds wrong stays in the
 * field with the reason, unwritten; a renamed task stays selected.
 */
class TaskFormTest {

    private static final String FLOW = """
            id: formed
            namespace: company.team
            tasks:
              # the cached tree
              - id: build
                type: io.kestra.plugin.core.flow.WorkingDirectory
                cache:
                  patterns:
                    - deps/**   # kept
                  ttl: PT1H
                tasks:
                  - id: install
                    type: io.kestra.plugin.scripts.shell.Commands
                    taskRunner:
                      type: io.kestra.plugin.core.runner.Process
                    commands:
                      - echo one
              # done
              - id: report
                type: io.kestra.plugin.core.log.Log
                message: done
            """;

    @TempDir
    Path home;
    @TempDir
    Path flows;

    private final FlowWindow window = new FlowWindow();
    private final FxRobot robot = window.robot;

    @BeforeEach
    void start() throws Exception {
        window.open(home, flows, "formed.yml", FLOW, "report");
    }

    @AfterEach
    void stop() throws Exception {
        window.close();
    }

    private CodeArea editor() {
        return window.editor();
    }

    private Node box(String taskId) {
        return window.box(taskId);
    }

    private <T extends Node> T field(String id, Class<T> type) {
        return robot.lookup("#" + id).queryAs(type);
    }

    private String title() {
        return robot.lookup("#task-form-title").tryQueryAs(Label.class).filter(Node::isVisible).map(Label::getText).orElse("");
    }

    private void select(String taskId) throws Exception {
        window.clickHeader(taskId);
        await(() -> title().equals(taskId));
    }

    /** Shows a field of the form (it may be below the fold) and clicks into it. */
    private void clickInto(Node node) {
        robot.interact(() -> {
            javafx.scene.control.ScrollPane scroller = robot.lookup(".form-scroller").queryAs(javafx.scene.control.ScrollPane.class);
            double y = scroller.getContent().sceneToLocal(node.localToScene(0, 0)).getY();
            double hidden = scroller.getContent().getBoundsInLocal().getHeight() - scroller.getViewportBounds().getHeight();
            scroller.setVvalue(hidden <= 0 ? 0 : Math.min(1, Math.max(0, (y - 40) / hidden)));
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(node);
    }

    private static void await(Supplier<Boolean> condition) throws Exception {
        FlowWindow.await(condition);
    }

    /**
     * Ctrl+Z in the editor. It is focused where its caret is: a click would move the caret to wherever the click falls
     * (which depends on the fonts' line height), and the form follows the caret to that line's task.
     */
    private void undo() {
        focusEditor();
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
    }

    private void focusEditor() {
        robot.interact(() -> editor().requestFocus());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theFormShowsTheSelectedTaskAndItsEditsChangeTheTextOneUndoStepEach() throws Exception {
        assertThat(robot.lookup("#task-form-empty").queryAs(Label.class).isVisible()).as("nothing selected yet").isTrue();
        select("build");
        assertThat(field("task-form-cache-ttl", TextField.class).getText()).isEqualTo("PT1H");
        assertThat(field("task-form-cache-ttl-preview", Label.class).getText()).isEqualTo("= 1 hour");

        TextField ttl = field("task-form-cache-ttl", TextField.class);
        clickInto(ttl);
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL).write("P1D");
        await(() -> field("task-form-cache-ttl-preview", Label.class).getText().equals("= 1 day"));
        robot.type(KeyCode.ENTER);
        await(() -> editor().getText().equals(FLOW.replace("ttl: PT1H", "ttl: P1D")));

        undo();
        await(() -> editor().getText().equals(FLOW));
        await(() -> field("task-form-cache-ttl", TextField.class).getText().equals("PT1H"));

        select("install");
        TextField firstCommand = robot.from(field("task-form-commands", Node.class)).lookup(".form-list-item").queryAs(TextField.class);
        clickInto(robot.lookup("#task-form-commands-add").query());
        robot.write("echo two").type(KeyCode.ENTER);
        await(() -> editor().getText().contains("          - echo one\n          - echo two\n"));
        assertThat(firstCommand.getText()).isEqualTo("echo one");

        CheckBox allowFailure = field("task-form-allowFailure", CheckBox.class);
        clickInto(allowFailure);
        await(() -> editor().getText().contains("        allowFailure: true\n"));
        assertThat(editor().getText()).contains("# the cached tree", "# kept", "# done");

        undo();
        await(() -> !editor().getText().contains("allowFailure"));
        undo();
        await(() -> editor().getText().equals(FLOW));
    }

    @Test
    void aWrongValueStaysInTheFieldWithTheReasonAndTheValidatorsProblemsShowOnTheirFields() throws Exception {
        select("build");
        TextField ttl = field("task-form-cache-ttl", TextField.class);
        clickInto(ttl);
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL).write("soon").type(KeyCode.ENTER);
        await(() -> field("task-form-cache-ttl-message", Label.class).getText().contains("ISO-8601"));
        assertThat(editor().getText()).as("not written").isEqualTo(FLOW);
        assertThat(ttl.getText()).isEqualTo("soon");

        int at = FLOW.indexOf("PT1H");
        focusEditor();
        robot.interact(() -> editor().replaceText(at, at + "PT1H".length(), "later"));
        await(() -> field("task-form-cache-ttl", TextField.class).getText().equals("later")
                && field("task-form-cache-ttl-message", Label.class).isVisible());
    }

    @Test
    void aRenamedTaskStaysSelectedAndAChoiceIsWrittenWhenChosen() throws Exception {
        select("install");
        TextField id = field("task-form-id", TextField.class);
        clickInto(id);
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL).write("report").type(KeyCode.ENTER);
        await(() -> field("task-form-id-message", Label.class).getText().contains("already"));
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL).write("setup").type(KeyCode.ENTER);
        await(() -> editor().getText().contains("- id: setup") && box("setup") != null && title().equals("setup"));

        @SuppressWarnings("unchecked")
        ComboBox<String> runner = field("task-form-taskRunner-type", ComboBox.class);
        clickInto(runner);
        String docker = "io.kestra.plugin.scripts.runner.docker.Docker";
        // the list shows a type by its short name
        await(() -> robot.lookup(".list-cell").match(cell -> "Docker".equals(((javafx.scene.control.ListCell<?>) cell).getText()))
                .tryQuery().isPresent());
        robot.clickOn(robot.lookup(".list-cell").match(cell -> "Docker".equals(((javafx.scene.control.ListCell<?>) cell).getText()))
                .queryAs(Node.class));
        await(() -> editor().getText().contains("        taskRunner:\n          type: " + docker + "\n"));
    }

    @Test
    void theFoldedPropertiesOfKestrasSchemaAreMadeWhenMoreIsOpened() throws Exception {
        select("install");
        await(() -> robot.lookup("#task-form-more").tryQuery().filter(Node::isVisible).isPresent()
                && robot.lookup("#task-form-commands").tryQuery().isPresent());
        assertThat(robot.lookup("#task-form-logLevel").tryQuery()).as("folded away until More is opened").isEmpty();
        clickInto(robot.lookup("#task-form-more").query());
        await(() -> robot.lookup("#task-form-logLevel").tryQuery().filter(Node::isVisible).isPresent());
    }

    @Test
    void aCaretPutInATaskBeforeThePictureIsFirstDrawnShowsThatTasksForm() throws Exception {
        window.close();
        FlowWindow early = new FlowWindow();
        early.openText(home, flows, "early.yml", FLOW);
        try {
            int at = FLOW.indexOf("message: done");
            early.robot.interact(() -> {
                early.editor().requestFocus();
                early.editor().moveTo(at);
            });
            FlowWindow.await(() -> early.robot.lookup("#task-form-title").tryQueryAs(Label.class).filter(Node::isVisible)
                    .map(Label::getText).orElse("").equals("report"));
        } finally {
            early.close();
            window.open(home, flows, "formed.yml", FLOW, "report"); // for the @AfterEach
        }
    }
}
