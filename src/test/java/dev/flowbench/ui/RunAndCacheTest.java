package dev.flowbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowbench.cache.CacheEntry;
import dev.flowbench.ui.app.FlowbenchApp;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeTableView;
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
 * The run panel and the cache browser driven as a user drives them: Run and Stop, the tasks with their states and
 * cache badges, the log; the cache's entries, invalidated from the window, and saved by the command line meanwhile.
 */
class RunAndCacheTest {

    @TempDir
    Path home;
    @TempDir
    Path flows;

    private final FxRobot robot = new FxRobot();
    private Application app;
    private Stage stage;

    private void start(String name, String text) throws Exception {
        System.setProperty("flowbench.home", home.toString());
        Path flow = Files.writeString(flows.resolve(name), text);
        stage = FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(FlowbenchApp.class, flows.toString(), flow.toString());
        robot.interact(() -> stage.requestFocus());
        await(() -> editor() != null && editor().getText().equals(text));
        await(() -> !robot.lookup("#run").queryAs(Button.class).isDisabled()); // the history and cache are open
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
        System.clearProperty("flowbench.home");
    }

    private CodeArea editor() {
        return robot.lookup("#editor").tryQueryAs(CodeArea.class).orElse(null);
    }

    /** {@code flowbench run FLOW} in a process of its own, on the window's data home, as a user in a terminal. */
    private Process runFromCommandLine(String flow) throws Exception {
        ProcessBuilder command = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.flowbench.Launcher", "run", flows.resolve(flow).toString());
        command.environment().put("FLOWBENCH_HOME", home.toString());
        return command.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static String sample(String name) throws Exception {
        try (InputStream in = Objects.requireNonNull(RunAndCacheTest.class.getResourceAsStream("/dev/flowbench/samples/" + name))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static void await(Supplier<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.get();
        });
    }

    private String headline() {
        return robot.lookup("#run-headline").queryAs(Label.class).getText();
    }

    /** The badges shown in the task-runs row of {@code taskId}, left to right. */
    private List<String> badges(String taskId) {
        return robot.lookup("#task-runs .cache-badge").queryAllAs(Label.class).stream()
                .filter(Node::isVisible)
                .filter(badge -> rowOf(badge).equals(taskId))
                .map(Label::getText).toList();
    }

    private static String rowOf(Node node) {
        Node at = node;
        while (at != null && !(at instanceof javafx.scene.control.TreeTableRow<?>)) {
            at = at.getParent();
        }
        Object item = at == null ? null : ((javafx.scene.control.TreeTableRow<?>) at).getItem();
        return item == null ? "" : ((dev.flowbench.ui.run.TaskRunRow) item).taskId();
    }

    private List<String> taskStates() {
        @SuppressWarnings("unchecked")
        TreeTableView<dev.flowbench.ui.run.TaskRunRow> table = robot.lookup("#task-runs").queryAs(TreeTableView.class);
        List<String> states = new java.util.ArrayList<>();
        collect(table.getRoot(), states);
        return states;
    }

    private static void collect(TreeItem<dev.flowbench.ui.run.TaskRunRow> item, List<String> states) {
        for (TreeItem<dev.flowbench.ui.run.TaskRunRow> child : item.getChildren()) {
            states.add(child.getValue().taskId() + "=" + child.getValue().stateProperty().get());
            collect(child, states);
        }
    }

    private List<String> logLines() {
        return robot.lookup("#logs").queryAs(ListView.class).getItems().stream()
                .map(row -> ((dev.flowbench.ui.run.LogRow) row).message()).toList();
    }

    @Test
    void aCachedFlowRunTwiceShowsMissThenHitWithItsTasksAndLogs() throws Exception {
        start("shell_cached_tree.yml", sample("shell_cached_tree.yml"));

        robot.clickOn("#run");
        await(() -> headline().contains("SUCCESS"));
        assertThat(taskStates()).containsExactly("build_tree=SUCCESS", "install=SUCCESS", "use_tree=SUCCESS", "report=SUCCESS");
        await(() -> badges("build_tree").equals(List.of("MISS", "SAVED")));
        assertThat(logLines()).contains("deps installed", "tool v1", "200 modules ready");

        robot.type(KeyCode.F5);
        await(() -> headline().contains("SUCCESS") && logLines().contains("deps restored: 202 files"));
        await(() -> badges("build_tree").equals(List.of("HIT", "UNCHANGED")));
        assertThat(logLines()).doesNotContain("deps installed");

        robot.clickOn("#timeline-tab"); // a bar per task, even for a task of a few milliseconds, and a click selects it
        List<Node> bars = List.copyOf(robot.lookup("#timeline .timeline-bar").queryAll());
        assertThat(bars).hasSize(4).allMatch(bar -> bar.getBoundsInLocal().getWidth() >= 8);
        robot.clickOn(bars.get(bars.size() - 1));
        @SuppressWarnings("unchecked")
        TreeTableView<dev.flowbench.ui.run.TaskRunRow> tasks = robot.lookup("#task-runs").queryAs(TreeTableView.class);
        await(() -> tasks.isVisible() && tasks.getSelectionModel().getSelectedItem() != null);
        assertThat(tasks.getSelectionModel().getSelectedItem().getValue().taskId()).isEqualTo("report");

        robot.clickOn("#cache-tab"); // the activity counts both decisions
        await(() -> robot.lookup("#cache-saved").queryAs(Label.class).getText().contains("1 hit, 1 miss; ")); // the estimate itself: CacheSavingsTest (here a HIT need not beat a MISS)
        @SuppressWarnings("unchecked")
        javafx.scene.chart.StackedBarChart<String, Number> chart = robot.lookup("#cache-chart")
                .queryAs(javafx.scene.chart.StackedBarChart.class);
        assertThat(chart.getData().get(0).getData()).extracting(d -> d.getYValue().intValue()).contains(1);
    }

    @Test
    void aTasksOutputFilesAreOfferedInItsRowsMenu() throws Exception {
        start("report.yml", """
                id: report
                namespace: company.team
                tasks:
                  - id: make
                    type: io.kestra.plugin.scripts.shell.Commands
                    taskRunner:
                      type: io.kestra.plugin.core.runner.Process
                    outputFiles: [report.txt]
                    commands:
                      - echo done > report.txt
                """);
        robot.clickOn("#run");
        await(() -> headline().contains("SUCCESS"));
        javafx.scene.control.TreeTableRow<?> row = robot.lookup("#task-runs .tree-table-row-cell")
                .match(node -> ((javafx.scene.control.TreeTableRow<?>) node).getItem() != null)
                .queryAs(javafx.scene.control.TreeTableRow.class);
        await(() -> row.getContextMenu() != null);
        assertThat(row.getContextMenu().getItems()).extracting(javafx.scene.control.MenuItem::getText)
                .containsExactly("Open report.txt", "Show report.txt in its folder");
    }

    @Test
    void aLineOfMegabytesIsCutOnScreenAndTheWindowStaysUsable() throws Exception {
        start("wide.yml", """
                id: wide
                namespace: company.team
                tasks:
                  - id: wide
                    type: io.kestra.plugin.scripts.shell.Commands
                    taskRunner:
                      type: io.kestra.plugin.core.runner.Process
                    commands:
                      - head -c 3000000 /dev/zero | tr '\\0' x; echo
                      - echo after
                """);
        robot.clickOn("#run");
        await(() -> headline().contains("SUCCESS"));
        assertThat(logLines()).contains("after");
        List<String> drawn = robot.lookup("#logs .log-cell").queryAllAs(javafx.scene.control.ListCell.class).stream()
                .map(cell -> cell.getText()).filter(text -> text != null).map(String::valueOf).toList();
        assertThat(drawn).anyMatch(text -> text.contains("more characters: copy the line for all of it") && text.length() < 2_200);
    }

    @Test
    void stopKillsALongRunningFlow() throws Exception {
        start("sleepy.yml", """
                id: sleepy
                namespace: company.team
                tasks:
                  - id: nap
                    type: io.kestra.plugin.scripts.shell.Commands
                    taskRunner:
                      type: io.kestra.plugin.core.runner.Process
                    commands:
                      - echo going to sleep
                      - sleep 120
                """);
        robot.clickOn("#run");
        await(() -> logLines().contains("going to sleep"));
        assertThat(robot.lookup("#stop").queryAs(Button.class).isDisabled()).isFalse();

        robot.clickOn("#stop");
        await(() -> headline().contains("KILLED"));
        assertThat(taskStates()).containsExactly("nap=KILLED");
        assertThat(robot.lookup("#stop").queryAs(Button.class).isDisabled()).isTrue();
    }

    @Test
    void aFlowWithErrorsDoesNotRunAndTheProblemsSayWhy() throws Exception {
        start("broken.yml", """
                id: broken
                namespace: company.team
                tasks:
                  - id: x
                    type: io.kestra.plugin.core.log.Log
                """);
        robot.clickOn("#run");
        await(() -> robot.lookup("#run-notice").queryAs(Label.class).getText().contains("has errors"));
        assertThat(robot.lookup("#dock").queryAs(javafx.scene.control.TabPane.class).getSelectionModel().getSelectedItem().getId())
                .isEqualTo("problems-tab");
        assertThat(taskStates()).isEmpty();
    }

    private Node formButton(String text) {
        return robot.from(robot.lookup("#inputs-form").queryAs(Node.class)).lookup(".button")
                .match(node -> text.equals(((Button) node).getText())).query();
    }

    @Test
    void aFlowWithInputsAsksForThemAndShowsAProblemOnItsFieldBeforeRunning() throws Exception {
        start("greet.yml", """
                id: greet
                namespace: company.team
                inputs:
                  - id: who
                    type: STRING
                    defaults: world
                  - id: times
                    type: INT
                tasks:
                  - id: say
                    type: io.kestra.plugin.core.log.Log
                    message: "hello {{ inputs.who }} x{{ inputs.times }}"
                """);
        robot.clickOn("#run");
        await(() -> robot.lookup("#inputs-form").tryQuery().isPresent());
        assertThat(robot.lookup("#input-who").queryAs(javafx.scene.control.TextField.class).getText()).isEqualTo("world");

        robot.clickOn("#input-times").write("many");
        robot.clickOn(formButton("Run"));
        await(() -> robot.lookup("#input-times-error").queryAs(Label.class).isVisible());
        assertThat(robot.lookup("#input-times-error").queryAs(Label.class).getText()).contains("times");
        assertThat(taskStates()).isEmpty(); // nothing ran

        robot.doubleClickOn("#input-times").write("3");
        robot.clickOn(formButton("Run"));
        await(() -> headline().contains("SUCCESS"));
        assertThat(logLines()).contains("hello world x3");

        robot.clickOn("#history-tab"); // run again from the history: the same inputs, no form
        await(() -> robot.lookup("#history .table-row-cell").queryAll().stream()
                .anyMatch(row -> ((javafx.scene.control.TableRow<?>) row).getItem() != null));
        robot.clickOn(robot.lookup("#history .table-row-cell").match(row -> ((javafx.scene.control.TableRow<?>) row).getItem() != null)
                .queryAs(Node.class));
        robot.clickOn("#rerun");
        await(() -> headline().contains("SUCCESS") && robot.lookup("#history").queryAs(TableView.class).getItems().size() == 2);
        assertThat(logLines()).contains("hello world x3");
        assertThat(robot.lookup("#inputs-form").tryQuery()).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private TableView<CacheEntry> cacheTable() {
        return robot.lookup("#cache-table").queryAs(TableView.class);
    }

    private List<String> cacheKeys() {
        return cacheTable().getItems().stream().map(entry -> entry.key().toString()).toList();
    }

    @Test
    void anEntryInvalidatedFromTheBrowserMakesTheNextRunMissInvalidated() throws Exception {
        start("shell_cached_tree.yml", sample("shell_cached_tree.yml"));
        robot.clickOn("#run");
        await(() -> headline().contains("SUCCESS"));
        robot.clickOn("#cache-tab");
        await(() -> cacheKeys().equals(List.of("flowbench.samples/shell_cached_tree/build_tree")));
        assertThat(robot.lookup("#cache-totals").queryAs(Label.class).getText()).startsWith("1 entry, ");

        robot.clickOn(robot.lookup("#cache-table .table-row-cell").match(row -> ((javafx.scene.control.TableRow<?>) row).getItem() != null)
                .queryAs(Node.class));
        @SuppressWarnings("unchecked")
        javafx.scene.control.TreeView<Object> files = robot.lookup("#cache-files").queryAs(javafx.scene.control.TreeView.class);
        await(() -> files.getRoot() != null && files.getRoot().getChildren().size() == 1);
        assertThat(files.getRoot().getChildren().get(0).getValue().toString()).startsWith("deps/");
        assertThat(files.getRoot().getChildren().get(0).getChildren()).extracting(item -> item.getValue().toString())
                .anyMatch(line -> line.startsWith("tool -> bin/tool"));
        robot.clickOn("#invalidate");
        await(() -> robot.lookup("#invalidate-confirmation").tryQuery().isPresent());
        assertThat(robot.lookup("#invalidate-confirmation").queryAs(javafx.scene.control.DialogPane.class).getHeaderText())
                .contains("flowbench.samples/shell_cached_tree/build_tree");
        robot.type(KeyCode.ENTER); // the default button confirms
        await(() -> cacheKeys().isEmpty());

        robot.type(KeyCode.F5);
        await(() -> headline().contains("SUCCESS") && badges("build_tree").equals(List.of("MISS", "SAVED")));
        @SuppressWarnings("unchecked")
        TreeTableView<dev.flowbench.ui.run.TaskRunRow> table = robot.lookup("#task-runs").queryAs(TreeTableView.class);
        assertThat(table.getRoot().getChildren().get(0).getValue().cacheReasonProperty().get()).contains("MISS: invalidated");
        await(() -> cacheKeys().size() == 1);
    }

    @Test
    void anEntrySavedByTheCommandLineAppearsWithoutARefresh() throws Exception {
        String text = sample("shell_cached_tree.yml");
        start("shell_cached_tree.yml", text);
        robot.clickOn("#cache-tab");
        assertThat(cacheKeys()).isEmpty();

        Process cli = runFromCommandLine("shell_cached_tree.yml");
        assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(cli.exitValue()).isZero();

        await(() -> cacheKeys().equals(List.of("flowbench.samples/shell_cached_tree/build_tree")));
    }

    @Test
    void theHistoryListsRunsOfTheWindowAndTheCommandLineAndReopensOne() throws Exception {
        start("shell_cached_tree.yml", sample("shell_cached_tree.yml"));
        robot.clickOn("#run");
        await(() -> headline().contains("SUCCESS"));
        Process cli = runFromCommandLine("shell_cached_tree.yml");
        assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();

        robot.clickOn("#history-tab");
        @SuppressWarnings("unchecked")
        TableView<dev.flowbench.store.ExecutionSummary> history = robot.lookup("#history").queryAs(TableView.class);
        await(() -> history.getItems().size() == 2);
        assertThat(history.getItems()).allMatch(run -> run.state() == dev.flowbench.engine.State.SUCCESS);
        String windowRun = history.getItems().get(1).id(); // the older one: the window's, a MISS

        robot.doubleClickOn(robot.lookup("#history .table-row-cell").match(row -> ((javafx.scene.control.TableRow<?>) row).getItem()
                instanceof dev.flowbench.store.ExecutionSummary run && run.id().equals(windowRun)).queryAs(Node.class));
        await(() -> headline().contains(windowRun));
        assertThat(taskStates()).contains("build_tree=SUCCESS", "install=SUCCESS");
        assertThat(badges("build_tree")).containsExactly("MISS", "SAVED");
        assertThat(logLines()).contains("deps installed");
    }
}
