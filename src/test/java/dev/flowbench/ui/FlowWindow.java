package dev.flowbench.ui;

import dev.flowbench.ui.app.FlowbenchApp;
import dev.flowbench.ui.topology.TopologyView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window opened on one flow, for the tests that drive its editor and its picture: started with the flow's
 * folder as the workspace and the flow in a tab, once the flow's picture is drawn; its editor, the picture's boxes,
 * and clicks on them as a user makes them (scrolled into view first).
 */
final class FlowWindow {

    final FxRobot robot = new FxRobot();
    private Application app;

    /** Opens {@code text} as {@code name} in {@code flows}, the data in {@code home}; returns once {@code drawnTask} is drawn. */
    void open(Path home, Path flows, String name, String text, String drawnTask) throws Exception {
        System.setProperty("flowbench.home", home.toString());
        Path flow = Files.writeString(flows.resolve(name), text);
        Stage stage = FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(FlowbenchApp.class, flows.toString(), flow.toString());
        robot.interact(stage::requestFocus);
        await(() -> editor() != null && editor().getText().equals(text) && box(drawnTask) != null);
    }

    /** Opens {@code text} as {@code name} and returns as soon as the editor shows it, before its picture is drawn. */
    void openText(Path home, Path flows, String name, String text) throws Exception {
        System.setProperty("flowbench.home", home.toString());
        Path flow = Files.writeString(flows.resolve(name), text);
        Stage stage = FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(FlowbenchApp.class, flows.toString(), flow.toString());
        robot.interact(stage::requestFocus);
        await(() -> editor() != null && editor().getText().equals(text));
    }

    void close() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
        System.clearProperty("flowbench.home");
    }

    CodeArea editor() {
        return robot.lookup("#editor").tryQueryAs(CodeArea.class).orElse(null);
    }

    TopologyView topology() {
        return robot.lookup("#topology").queryAs(TopologyView.class);
    }

    Node box(String taskId) {
        return robot.lookup("#topology").tryQuery().isEmpty() ? null : topology().boxes().get(taskId);
    }

    /** Clicks the middle of a task's box, scrolled into view first. */
    void clickBox(String taskId) {
        robot.interact(() -> topology().reveal(taskId));
        robot.clickOn(box(taskId));
    }

    /** Clicks a task's box near its top-left corner: on a group's header, not on the tasks inside it. */
    void clickHeader(String taskId) {
        robot.interact(() -> topology().reveal(taskId));
        robot.clickOn(robot.point(box(taskId)).atPosition(Pos.TOP_LEFT).atOffset(new Point2D(12, 8)));
    }

    /** Opens a file of the workspace in a tab of its own, as a double click in the workspace does. */
    void openFile(Path file) throws Exception {
        String name = file.getFileName().toString();
        String text = Files.readString(file);
        await(() -> robot.lookup("#workspace .tree-cell").queryAll().stream()
                .anyMatch(cell -> name.equals(((javafx.scene.control.TreeCell<?>) cell).getText())));
        Node cell = robot.lookup("#workspace .tree-cell").queryAll().stream()
                .filter(node -> name.equals(((javafx.scene.control.TreeCell<?>) node).getText())).findFirst().orElseThrow();
        robot.doubleClickOn(cell);
        await(() -> editor() != null && editor().getText().equals(text));
    }

    static void await(Supplier<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.get();
        });
    }

    /** Asks {@code node} for its context menu, as a right click does (Monocle makes no context menu event of one). */
    static void requestMenu(FxRobot robot, Node node) {
        javafx.geometry.Bounds bounds = node.localToScreen(node.getBoundsInLocal());
        robot.interact(() -> node.fireEvent(new javafx.scene.input.ContextMenuEvent(javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED,
                4, 4, bounds.getMinX() + 4, bounds.getMinY() + 4, false, null)));
    }

    /** The context menu with {@code id} that is showing now. */
    static javafx.scene.control.ContextMenu shownMenu(String id) throws Exception {
        await(() -> javafx.stage.Window.getWindows().stream().anyMatch(w -> w instanceof javafx.scene.control.ContextMenu menu
                && menu.isShowing() && id.equals(menu.getId())));
        return (javafx.scene.control.ContextMenu) javafx.stage.Window.getWindows().stream()
                .filter(w -> w instanceof javafx.scene.control.ContextMenu menu && menu.isShowing() && id.equals(menu.getId()))
                .findFirst().orElseThrow();
    }

    /** Hides {@code menu} and fires its item of {@code text}, as a click on it does. */
    static void choose(FxRobot robot, javafx.scene.control.ContextMenu menu, String text) {
        javafx.scene.control.MenuItem item = menu.getItems().stream().filter(each -> text.equals(each.getText())).findFirst()
                .orElseThrow(() -> new AssertionError("no menu item '" + text + "'"));
        robot.interact(() -> {
            menu.hide();
            item.fire();
        });
    }
}
