package dev.flowbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The topology driven as a user drives it: it follows what is typed, a click on a task selects its text and the caret
 * selects its box, and the picture's edits change the text (comments kept), each undone in one step.
 */
class TopologyTest {

    private static final String FLOW = """
            id: pictured
            namespace: company.team
            tasks:
              # builds
              - id: build
                type: io.kestra.plugin.core.flow.WorkingDirectory
                cache:
                  patterns: [out/**]
                tasks:
                  - id: make
                    type: io.kestra.plugin.scripts.shell.Commands
                    commands: [mkdir -p out]
              # reports
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
        window.open(home, flows, "pictured.yml", FLOW, "report");
    }

    @AfterEach
    void stop() throws Exception {
        window.close();
    }

    private CodeArea editor() {
        return window.editor();
    }

    private Map<String, ? extends Node> boxes() {
        return window.topology().boxes();
    }

    private Node box(String taskId) {
        return window.box(taskId);
    }

    /** The open menu's item of that text: a box or a tab may show the same word, so the lookup stays in the menu. */
    private Node menuItem(String text) throws Exception {
        await(() -> robot.lookup(".context-menu .menu-item").match(item -> hasLabel(item, text)).tryQuery().isPresent());
        return robot.lookup(".context-menu .menu-item").match(item -> hasLabel(item, text)).query();
    }

    private boolean hasLabel(Node item, String text) {
        return robot.from(item).lookup(".label").match(label -> text.equals(((Label) label).getText())).tryQuery()
                .isPresent();
    }

    private static boolean selected(Node node) {
        return node.getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName().equals("selected"));
    }

    private static void await(Supplier<Boolean> condition) throws Exception {
        FlowWindow.await(condition);
    }

    @Test
    void thePictureFollowsWhatIsTypedAndKeepsItsLastGoodStateWhileTheTextDoesNotRead() throws Exception {
        assertThat(boxes().keySet()).containsExactlyInAnyOrder("build", "make", "report");
        int id = FLOW.indexOf("id: report") + "id: ".length();
        robot.clickOn("#editor");
        robot.interact(() -> editor().selectRange(id, id + "report".length()));
        robot.write("summary");
        await(() -> box("summary") != null && box("report") == null);

        robot.press(KeyCode.CONTROL).type(KeyCode.END).release(KeyCode.CONTROL);
        robot.write("bad: [unclosed");
        await(() -> robot.lookup("#topology-stale").queryAs(Label.class).isVisible());
        assertThat(box("summary")).as("the last good picture stays").isNotNull();
        for (int i = 0; i < 20 && editor().getText().contains("bad"); i++) {
            robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        }
        await(() -> !robot.lookup("#topology-stale").queryAs(Label.class).isVisible());
    }

    @Test
    void aBoxRunsTheFlowUpToItsTaskOrItAloneAndMarksTheTasksReused() throws Exception {
        await(() -> !robot.lookup("#run").queryAs(javafx.scene.control.Button.class).isDisabled());
        FlowWindow.requestMenu(robot, box("report"));
        FlowWindow.choose(robot, FlowWindow.shownMenu("topology-menu"), "Run Up to Here");
        await(() -> headline().contains("SUCCESS") && headline().contains("up to 'report'"));
        assertThat(reused(box("build"))).isFalse();

        FlowWindow.requestMenu(robot, box("report"));
        FlowWindow.choose(robot, FlowWindow.shownMenu("topology-menu"), "Run This Task");
        await(() -> headline().contains("SUCCESS") && headline().contains("only 'report'"));
        assertThat(headline()).contains("2 tasks reused from earlier runs");
        assertThat(reused(box("build"))).as("the group and its task were taken from the first run").isTrue();
        assertThat(reused(box("make"))).isTrue();
        assertThat(reused(box("report"))).isFalse();
    }

    private String headline() {
        return robot.lookup("#run-headline").queryAs(Label.class).getText();
    }

    private static boolean reused(Node node) {
        return node.getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName().equals("reused"));
    }

    @Test
    void aClickSelectsTheTasksTextAndTheCaretSelectsItsBox() throws Exception {
        window.clickBox("make");
        await(() -> selected(box("make")));
        String chosen = marked();
        assertThat(chosen).startsWith("- id: make").contains("commands: [mkdir -p out]").doesNotContain("report");
        assertThat(editor().getSelectedText()).as("marked, not selected: a key replaces nothing").isEmpty();
        assertThat(editor().getCaretPosition()).isEqualTo(FLOW.indexOf("- id: make"));

        robot.interact(() -> editor().moveTo(FLOW.indexOf("message: done")));
        await(() -> selected(box("report")) && !selected(box("make")));

        window.clickHeader("build");
        await(() -> selected(box("build")));
        assertThat(selected(box("make"))).as("the caret at the end of the group's text stays on the group").isFalse();
        assertThat(marked()).startsWith("- id: build").contains("id: make");
    }

    private static javafx.scene.control.MenuItem item(javafx.scene.control.ContextMenu menu, String text) {
        return menu.getItems().stream().filter(item -> text.equals(item.getText())).findFirst().orElseThrow();
    }

    /** The text of the task the picture marked in the editor. */
    private String marked() {
        javafx.scene.Node at = editor();
        while (at != null && !(at instanceof dev.flowbench.ui.editor.EditorView)) {
            at = at.getParent();
        }
        return ((dev.flowbench.ui.editor.EditorView) at).markedTaskText();
    }

    @Test
    void thePicturesEditsChangeTheTextKeepItsCommentsAndUndoInOneStep() throws Exception {
        window.clickBox("report");
        await(() -> selected(box("report")));
        robot.type(KeyCode.DELETE);
        await(() -> box("report") == null && !editor().getText().contains("id: report"));
        assertThat(editor().getText()).contains("# builds", "# reports", "id: make");

        robot.clickOn(editor()).press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        await(() -> editor().getText().equals(FLOW) && box("report") != null);

        window.clickBox("make");
        await(() -> selected(box("make")));
        robot.press(KeyCode.CONTROL).type(KeyCode.D).release(KeyCode.CONTROL);
        await(() -> box("make_copy") != null);
        assertThat(editor().getText()).contains("  - id: make_copy\n        type: io.kestra.plugin.scripts.shell.Commands");

        window.clickBox("report");
        await(() -> selected(box("report")));
        robot.press(KeyCode.ALT).type(KeyCode.UP).release(KeyCode.ALT);
        await(() -> editor().getText().indexOf("id: report") < editor().getText().indexOf("id: build"));
        assertThat(editor().getText().indexOf("# reports")).isLessThan(editor().getText().indexOf("id: report"));
        FlowWindow.requestMenu(robot, box("report"));
        javafx.scene.control.ContextMenu menu = FlowWindow.shownMenu("topology-menu");
        assertThat(item(menu, "Move up").isDisable()).as("first of its list").isTrue();
        assertThat(item(menu, "Move out of its group").isDisable()).as("in no group").isTrue();
        assertThat(item(menu, "Move down").isDisable()).isFalse();
        robot.interact(menu::hide);

        robot.clickOn("#topology-add");
        robot.clickOn(menuItem("Log"));
        await(() -> box("log") != null && selected(box("log")));
        assertThat(selected(box("report"))).as("the task added is the one selected").isFalse();
        assertThat(marked()).startsWith("- id: log");
        assertThat(editor().getText().indexOf("id: log")).as("right after the selected task")
                .isLessThan(editor().getText().indexOf("id: build"));
    }

    @Test
    void fitKeepsALargeFlowReadableAndEachFlowKeepsItsOwnZoom() throws Exception {
        StringBuilder large = new StringBuilder("id: large\nnamespace: company.team\ntasks:\n");
        for (int i = 0; i < 60; i++) {
            large.append("  - id: step_").append(i).append("\n    type: io.kestra.plugin.core.log.Log\n    message: m\n");
        }
        java.nio.file.Path largeFile = java.nio.file.Files.writeString(flows.resolve("large.yml"), large.toString());
        dev.flowbench.ui.topology.TopologyView view = window.topology();
        robot.interact(() -> view.setZoom(1.5));
        window.openFile(largeFile);
        FlowWindow.await(() -> window.box("step_59") != null);
        assertThat(view.zoom()).as("a flow opened shows at its own zoom").isEqualTo(1.0);
        robot.clickOn("#topology-fit");
        FlowWindow.await(() -> view.zoom() < 1.0);
        assertThat(view.zoom()).as("never below readable: the picture scrolls instead").isGreaterThanOrEqualTo(0.6);
        double fitted = view.zoom();
        robot.interact(() -> tabs().getSelectionModel().select(0));
        FlowWindow.await(() -> window.editor().getText().equals(FLOW));
        FlowWindow.await(() -> view.zoom() == 1.5);
        robot.interact(() -> tabs().getSelectionModel().select(1));
        FlowWindow.await(() -> view.zoom() == fitted);
    }

    private javafx.scene.control.TabPane tabs() {
        return robot.lookup("#editor-tabs").queryAs(javafx.scene.control.TabPane.class);
    }
}
