package dev.flowbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The window's panes as a keyboard user drives them: each shown and hidden (View menu, shortcuts, buttons), the dock
 * maximised, every place reached by a shortcut with the focus in it; sizes that come back after the window was made
 * small and large again, and after a restart; Alt+letter opens menus and never types into the flow.
 */
class WindowLayoutTest {

    private static final String FLOW = """
            id: panes
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

    private FlowWindow window = new FlowWindow();
    private FxRobot robot = window.robot;

    @BeforeEach
    void start() throws Exception {
        window.open(home, flows, "panes.yml", FLOW, "say");
    }

    @AfterEach
    void stop() throws Exception {
        window.close();
    }

    private Stage stage() {
        return (Stage) Window.getWindows().stream().filter(w -> w instanceof Stage s && s.getScene() != null
                && s.getScene().getRoot().getStyleClass().contains("main-window")).findFirst().orElseThrow();
    }

    /** Whether the node of {@code id} is in the window and visible. */
    private boolean shown(String id) {
        Node node = stage().getScene().lookup("#" + id);
        return node != null && node.isVisible() && node.getScene() != null && node.localToScene(node.getBoundsInLocal()).getWidth() > 0
                && inTree(node);
    }

    private static boolean inTree(Node node) {
        for (Node at = node; at != null; at = at.getParent()) {
            if (at.getParent() == null) {
                return at == at.getScene().getRoot();
            }
        }
        return false;
    }

    private void keys(KeyCode... codes) {
        robot.push(codes);
    }

    private String focusedId() {
        Scene scene = stage().getScene();
        for (Node at = scene.getFocusOwner(); at != null; at = at.getParent()) {
            if (at.getId() != null) {
                return at.getId();
            }
        }
        return "";
    }

    @Test
    void eachPaneHidesAndShowsFromItsShortcutAndItsToolbarButtonAndTheDockMaximises() throws Exception {
        robot.interact(() -> window.editor().requestFocus());
        keys(KeyCode.CONTROL, KeyCode.B);
        FlowWindow.await(() -> !shown("workspace"));
        keys(KeyCode.CONTROL, KeyCode.J);
        FlowWindow.await(() -> !shown("dock"));
        keys(KeyCode.CONTROL, KeyCode.ALT, KeyCode.B);
        FlowWindow.await(() -> !shown("topology"));
        assertThat(shown("editor-tabs")).isTrue();

        robot.clickOn("#toggle-workspace");
        robot.clickOn("#toggle-dock");
        robot.clickOn("#toggle-side");
        FlowWindow.await(() -> shown("workspace") && shown("dock") && shown("topology"));

        keys(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.J);
        FlowWindow.await(() -> shown("dock") && !shown("editor-tabs") && !shown("topology") && !shown("workspace"));
        robot.clickOn("#dock-maximize");
        FlowWindow.await(() -> shown("dock") && shown("editor-tabs") && shown("topology") && shown("workspace"));
        robot.clickOn("#dock-hide");
        FlowWindow.await(() -> !shown("dock"));
    }

    @Test
    void everyPlaceIsReachedByItsShortcutWithTheFocusInIt() throws Exception {
        robot.interact(() -> window.editor().requestFocus());
        keys(KeyCode.CONTROL, KeyCode.DIGIT1);
        FlowWindow.await(() -> focusedId().equals("problems"));
        assertThat(robot.lookup("#dock").queryAs(TabPane.class).getSelectionModel().getSelectedIndex()).isZero();
        keys(KeyCode.CONTROL, KeyCode.DIGIT0);
        FlowWindow.await(() -> focusedId().equals("editor"));
        keys(KeyCode.CONTROL, KeyCode.DIGIT3);
        FlowWindow.await(() -> focusedId().equals("cache-table"));
        keys(KeyCode.CONTROL, KeyCode.DIGIT4);
        FlowWindow.await(() -> focusedId().equals("history"));
        keys(KeyCode.CONTROL, KeyCode.DIGIT2);
        FlowWindow.await(() -> focusedId().equals("task-runs"));
        keys(KeyCode.CONTROL, KeyCode.B); // hidden: going to it shows it
        FlowWindow.await(() -> !shown("workspace"));
        keys(KeyCode.CONTROL, KeyCode.DIGIT5);
        FlowWindow.await(() -> shown("workspace") && focusedId().equals("workspace"));
        keys(KeyCode.CONTROL, KeyCode.DIGIT6);
        FlowWindow.await(() -> focusedId().equals("topology"));
    }

    @Test
    void altAndALetterOpensAMenuAndTypesNothingIntoTheFlow() throws Exception {
        int end = window.editor().getText().length();
        robot.interact(() -> {
            robot.interact(() -> window.editor().requestFocus());
            window.editor().moveTo(end);
        });
        keys(KeyCode.ALT, KeyCode.F);
        keys(KeyCode.ESCAPE);
        keys(KeyCode.ALT, KeyCode.R);
        keys(KeyCode.ESCAPE);
        robot.interact(() -> window.editor().requestFocus());
        robot.write("x");
        FlowWindow.await(() -> window.editor().getText().equals(FLOW + "x"));
    }

    @Test
    void theDocksAndTheWorkspacesSizesComeBackAfterTheWindowWasSmallAndAfterARestart() throws Exception {
        robot.interact(() -> {
            stage().setWidth(1600);
            stage().setHeight(1000);
        });
        FlowWindow.await(() -> stage().getScene().getWidth() == 1600);
        Node dock = robot.lookup("#dock").query();
        Node tree = robot.lookup("#workspace").query();
        FlowWindow.await(() -> dock.getBoundsInLocal().getHeight() > 0);
        double dockHeight = height(dock);
        double treeWidth = width(tree);
        robot.interact(() -> {
            stage().setWidth(800);
            stage().setHeight(500);
        });
        FlowWindow.await(() -> stage().getScene().getWidth() == 800 && height(dock) < dockHeight && width(tree) < treeWidth);
        robot.interact(() -> {
            stage().setWidth(1600);
            stage().setHeight(1000);
        });
        FlowWindow.await(() -> Math.abs(height(dock) - dockHeight) < 3 && Math.abs(width(tree) - treeWidth) < 3);

        keys(KeyCode.CONTROL, KeyCode.ALT, KeyCode.B); // the picture hidden: remembered across a restart
        FlowWindow.await(() -> !shown("topology"));
        window.close();
        assertThat(Files.readString(home.resolve("ui.properties"))).contains("panes.sideShown=false");
        window = new FlowWindow();
        robot = window.robot;
        window.openText(home, flows, "panes.yml", FLOW);
        FlowWindow.await(() -> shown("editor-tabs") && !shown("topology") && shown("workspace"));
    }

    private static double height(Node node) {
        return node.getLayoutBounds().getHeight();
    }

    private static double width(Node node) {
        return node.getLayoutBounds().getWidth();
    }
}
