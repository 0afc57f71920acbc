package dev.flowbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowbench.ui.app.FlowbenchApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeView;
import javafx.scene.image.Image;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The desktop app driven as a user drives it, headless (Monocle): it starts on a folder of flows, and the test
 * types, clicks and reads what the window shows through the node ids that are its public contract.
 */
class DesktopAppTest {

    private static final String FLOW = """
            id: hello
            namespace: company.team
            tasks:
              - id: say
                type: io.kestra.plugin.core.log.Log
                message: hi
            """;

    @TempDir
    Path home;
    @TempDir
    Path flows;

    private final FxRobot robot = new FxRobot();
    private Application app;
    private Stage stage;
    private Path hello;

    @BeforeEach
    void startTheAppOnAFolder() throws Exception {
        System.setProperty("flowbench.home", home.toString());
        hello = Files.writeString(flows.resolve("hello.yml"), FLOW);
        Files.writeString(flows.resolve("other.yml"), FLOW.replace("id: hello", "id: other"));
        stage = FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(FlowbenchApp.class, flows.toString(), hello.toString());
        robot.interact(() -> stage.requestFocus());
        await(() -> editor() != null && editor().getText().equals(FLOW));
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
        System.clearProperty("flowbench.home");
    }

    private CodeArea editor() {
        return robot.lookup("#editor").tryQueryAs(CodeArea.class).orElse(null);
    }

    /** The rows' text as shown: "line:column  message ...". */
    private List<String> rowTexts() {
        return robot.lookup("#problems .list-cell").queryAll().stream()
                .map(cell -> ((javafx.scene.control.ListCell<?>) cell).getText()).filter(text -> text != null).toList();
    }

    private Node treeCell(String name) {
        Predicate<Node> named = cell -> name.equals(((TreeCell<?>) cell).getText());
        return robot.lookup("#workspace .tree-cell").match(named).query();
    }

    private static void await(Supplier<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.get();
        });
    }

    private void typeAtEnd(String text) {
        robot.clickOn("#editor");
        robot.press(KeyCode.CONTROL).type(KeyCode.END).release(KeyCode.CONTROL);
        robot.write(text);
    }

    @Test
    void theWindowOpensWithItsTitleIconsTreeAndTheGivenFile() throws Exception {
        assertThat(stage.getTitle()).isEqualTo("hello.yml - Flowbench");
        assertThat(stage.getIcons()).extracting(Image::getWidth).containsExactly(16.0, 32.0, 64.0, 128.0, 256.0, 512.0);
        await(() -> robot.lookup("#workspace").queryAs(TreeView.class).getExpandedItemCount() == 2);
        assertThat(robot.lookup("#run-panel").tryQuery()).isPresent();
        assertThat(robot.lookup("#cache-panel").tryQuery()).isPresent();
        assertThat(robot.lookup("#problems").tryQuery()).isPresent();
    }

    @Test
    void aProblemTypedAppearsAtItsLineAndVanishesWhenFixed() throws Exception {
        typeAtEnd("descripton: typo");
        await(() -> rowTexts().stream().anyMatch(row -> row.startsWith("7:1  unknown property 'descripton'")));
        assertThat(robot.lookup("#status-errors").queryLabeled().getText()).isEqualTo("1");
        robot.press(KeyCode.SHIFT).type(KeyCode.HOME).release(KeyCode.SHIFT).type(KeyCode.BACK_SPACE);
        await(() -> rowTexts().isEmpty());
        assertThat(robot.lookup("#status-errors").queryLabeled().getText()).isEqualTo("0");
    }

    @Test
    void aDidYouMeanSuggestionAppliesFromTheProblemsList() throws Exception {
        typeAtEnd("descripton: typo");
        await(() -> !rowTexts().isEmpty());
        Node row = robot.lookup("#problems .list-cell").nth(0).query();
        Bounds bounds = row.localToScreen(row.getBoundsInLocal());
        robot.interact(() -> row.fireEvent(new ContextMenuEvent(ContextMenuEvent.CONTEXT_MENU_REQUESTED, 4, 4,
                bounds.getMinX() + 4, bounds.getMinY() + 4, false, null))); // Monocle makes no context menu event of a right click
        robot.clickOn("Use 'description'");
        await(() -> editor().getText().endsWith("description: typo") && rowTexts().isEmpty());
    }

    @Test
    void aKestra1ForEachIsRewrittenAsALoopFromTheProblemsListInOneUndoStep() throws Exception {
        String legacy = """
                id: hello
                namespace: company.team
                tasks:
                  - id: each
                    type: io.kestra.plugin.core.flow.ForEach
                    values: [a, b]
                    tasks:
                      # said per value
                      - id: say
                        type: io.kestra.plugin.core.log.Log
                        message: "{{ taskrun.value }}"
                """;
        robot.interact(() -> editor().replaceText(legacy));
        await(() -> rowTexts().stream().anyMatch(row -> row.startsWith("5:11  ForEach was removed in Kestra 2.0")));
        Node row = robot.lookup("#problems .list-cell").match(cell -> ((javafx.scene.control.ListCell<?>) cell).getText() != null
                && ((javafx.scene.control.ListCell<?>) cell).getText().startsWith("5:11")).query();
        Bounds bounds = row.localToScreen(row.getBoundsInLocal());
        robot.interact(() -> row.fireEvent(new ContextMenuEvent(ContextMenuEvent.CONTEXT_MENU_REQUESTED, 4, 4,
                bounds.getMinX() + 4, bounds.getMinY() + 4, false, null)));
        robot.clickOn("Rewrite ForEach as Loop");
        await(() -> editor().getText().equals(legacy.replace("flow.ForEach", "flow.Loop")
                .replace("values: [a, b]\n", "values: [a, b]\n    concurrencyLimit: 1\n").replace("taskrun.value", "item.value")));
        // the ForEach problem was listed until the text changed: gone once the rewritten text is validated (a Loop runs here)
        await(() -> rowTexts().stream().noneMatch(text -> text.contains("removed in Kestra 2.0")));
        robot.clickOn("#editor");
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        await(() -> editor().getText().equals(legacy));
    }

    @Test
    void controlPeriodAppliesTheQuickFixAtTheCaret() throws Exception {
        String legacy = FLOW.replace("io.kestra.plugin.core.log.Log\n    message: hi", "io.kestra.plugin.core.debug.Echo\n    format: hi");
        robot.interact(() -> editor().replaceText(legacy));
        await(() -> rowTexts().stream().anyMatch(row -> row.startsWith("5:11  Echo was removed in Kestra 2.0")));
        robot.clickOn("#editor");
        robot.interact(() -> editor().moveTo(legacy.indexOf("Echo")));
        robot.press(KeyCode.CONTROL).type(KeyCode.PERIOD).release(KeyCode.CONTROL);
        await(() -> editor().getText().equals(FLOW));
    }

    @Test
    void completesATaskTypeAPropertyAndAnOutputsName() throws Exception {
        typeAtEnd("  - id: shout\n");
        robot.write("type: ");
        await(() -> robot.lookup("#completion-list").tryQuery().isPresent());
        robot.write("Commands");
        await(() -> robot.lookup("#completion-list").queryAs(ListView.class).getItems().size() >= 1);
        robot.type(KeyCode.ENTER);
        await(() -> editor().getText().contains("type: io.kestra.plugin.scripts.shell.Commands"));

        robot.type(KeyCode.ENTER).write("timeo");
        robot.press(KeyCode.CONTROL).type(KeyCode.SPACE).release(KeyCode.CONTROL);
        await(() -> robot.lookup("#completion-list").tryQuery().map(Node::isVisible).orElse(false));
        robot.type(KeyCode.ENTER);
        await(() -> editor().getText().contains("    timeout: "));

        robot.write("PT1M").type(KeyCode.ENTER).write("commands: [\"echo {{ outputs.");
        await(() -> robot.lookup("#completion-list").tryQuery().map(Node::isVisible).orElse(false)
                && robot.lookup("#completion-list").queryAs(ListView.class).getItems().toString().contains("say"));
    }

    @Test
    void saveThenCloseWithUnsavedChangesAsksAndReopenShowsTheSavedText() throws Exception {
        typeAtEnd("# saved line");
        robot.press(KeyCode.CONTROL).type(KeyCode.S).release(KeyCode.CONTROL);
        await(() -> {
            try {
                return Files.readString(hello).endsWith("# saved line");
            } catch (Exception e) {
                return false;
            }
        });
        TabPane tabs = robot.lookup("#editor-tabs").queryAs(TabPane.class);
        assertThat(tabs.getTabs()).extracting(Tab::getText).containsExactly("hello.yml");
        robot.write("\n# not saved");
        await(() -> tabs.getTabs().get(0).getText().equals("hello.yml *"));
        robot.press(KeyCode.CONTROL).type(KeyCode.W).release(KeyCode.CONTROL);
        await(() -> robot.lookup("Don't Save").tryQuery().isPresent());
        robot.clickOn("Don't Save");
        await(() -> tabs.getTabs().isEmpty());
        assertThat(Files.readString(hello)).doesNotContain("not saved");

        TreeView<?> tree = robot.lookup("#workspace").queryAs(TreeView.class);
        robot.doubleClickOn(treeCell("hello.yml"));
        await(() -> editor() != null && editor().getText().endsWith("# saved line"));
        assertThat(tree).isNotNull();
    }

    @Test
    void aFlowOpensFromTheTree() throws Exception {
        robot.doubleClickOn(treeCell("other.yml"));
        await(() -> editor() != null && editor().getText().contains("id: other"));
        assertThat(stage.getTitle()).isEqualTo("other.yml - Flowbench");
    }

    @Test
    void aSingleClickPreviewsAFileInATabTheNextClickReplacesAndADoubleClickOrAnEditKeeps() throws Exception {
        Files.writeString(flows.resolve("third.yml"), FLOW.replace("id: hello", "id: third"));
        javafx.scene.control.TabPane tabs = robot.lookup("#editor-tabs").queryAs(javafx.scene.control.TabPane.class);
        await(() -> robot.lookup("#workspace .tree-cell").queryAll().stream()
                .anyMatch(cell -> "third.yml".equals(((TreeCell<?>) cell).getText())));
        robot.clickOn(treeCell("other.yml"));
        await(() -> editor().getText().contains("id: other"));
        assertThat(tabs.getTabs()).hasSize(2);
        assertThat(tabs.getSelectionModel().getSelectedItem().getStyleClass()).contains("preview-tab");
        robot.clickOn(treeCell("third.yml"));
        await(() -> editor().getText().contains("id: third"));
        assertThat(tabs.getTabs()).as("the preview replaced, in its place").hasSize(2);
        assertThat(tabs.getTabs().get(1).getText()).startsWith("third.yml");

        robot.doubleClickOn(treeCell("third.yml"));
        await(() -> !tabs.getSelectionModel().getSelectedItem().getStyleClass().contains("preview-tab"));
        robot.clickOn(treeCell("other.yml"));
        await(() -> editor().getText().contains("id: other"));
        assertThat(tabs.getTabs()).as("a kept tab stays").hasSize(3);
        robot.clickOn(editor());
        robot.write("# edited\n");
        await(() -> !tabs.getSelectionModel().getSelectedItem().getStyleClass().contains("preview-tab"));
        assertThat(tabs.getTabs()).hasSize(3);
    }

    @Test
    void theThemeSwitchesAndIsRemembered() throws Exception {
        assertThat(stage.getScene().getRoot().getStyleClass()).contains("theme-light");
        robot.clickOn((Button) robot.lookup("#tool-theme").query());
        await(() -> stage.getScene().getRoot().getStyleClass().contains("theme-dark"));
        await(() -> {
            try {
                return Files.readString(home.resolve("ui.properties")).contains("theme=DARK");
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(dark(stage.getScene().getFill())).as("the window's own background").isTrue();

        FxToolkit.cleanupApplication(app); // started again: dark from its first frame, before anything is styled
        FxToolkit.cleanupStages();
        stage = FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(FlowbenchApp.class, flows.toString(), hello.toString());
        assertThat(stage.getScene().getRoot().getStyleClass()).contains("theme-dark");
        assertThat(dark(stage.getScene().getFill())).isTrue();
    }

    private static boolean dark(javafx.scene.paint.Paint fill) {
        return fill instanceof javafx.scene.paint.Color color && color.getBrightness() < 0.2;
    }

    @Test
    void aFileEditedOnDiskIsOfferedForReload() throws Exception {
        Files.writeString(hello, FLOW.replace("message: hi", "message: edited elsewhere"));
        await(() -> robot.lookup("#editor-banner").tryQuery().map(Node::isVisible).orElse(false));
        robot.clickOn("Reload");
        await(() -> editor().getText().contains("edited elsewhere"));
        assertThat(robot.lookup("#editor-banner").query().isVisible()).isFalse();
    }

    @Test
    void theTreeFollowsFilesCreatedAndDeletedOnDisk() throws Exception {
        TreeView<?> tree = robot.lookup("#workspace").queryAs(TreeView.class);
        await(() -> tree.getExpandedItemCount() == 2);
        Path created = Files.writeString(flows.resolve("created.yml"), FLOW.replace("id: hello", "id: created"));
        await(() -> tree.getExpandedItemCount() == 3);
        Files.delete(created);
        Files.delete(flows.resolve("other.yml"));
        await(() -> tree.getExpandedItemCount() == 1);
    }
}
