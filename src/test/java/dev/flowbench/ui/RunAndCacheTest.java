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
        start(new String[] {name, text});
    }

    /** Opens the window on the flows folder with these files (name, text, name, text...) in tabs, the last in front. */
    private void start(String... namesAndTexts) throws Exception {
        System.setProperty("flowbench.home", home.toString());
        List<String> arguments = new java.util.ArrayList<>(List.of(flows.toString()));
        for (int i = 0; i < namesAndTexts.length; i += 2) {
            arguments.add(Files.writeString(flows.resolve(namesAndTexts[i]), namesAndTexts[i + 1]).toString());
        }
        stage = FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(FlowbenchApp.class, arguments.toArray(String[]::new));
        robot.interact(() -> stage.requestFocus());
        String last = namesAndTexts[namesAndTexts.length - 1];
        await(() -> editor() != null && editor().getText().equals(last));
        await(() -> !robot.lookup("#run").queryAs(Button.class).isDisabled()); // the history and cache are open
    }

    /** Brings the editor tab of {@code name} to the front, as a click on it does. */
    private void selectEditorTab(String name) throws Exception {
        javafx.scene.control.TabPane tabs = robot.lookup("#editor-tabs").queryAs(javafx.scene.control.TabPane.class);
        javafx.scene.control.Tab tab = tabs.getTabs().stream().filter(t -> t.getText().startsWith(name)).findFirst().orElseThrow();
        robot.interact(() -> tabs.getSelectionModel().select(tab));
        await(() -> editor() != null && editor().getText().contains("id: " + name.replace(".yml", "")));
    }

    private javafx.scene.control.TabPane runTabs() {
        return robot.lookup("#run-tabs").queryAs(javafx.scene.control.TabPane.class);
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

    /** The task-runs row of {@code taskId}. */
    private Node taskRow(String taskId) {
        return robot.lookup("#task-runs .tree-table-row-cell")
                .match(node -> ((javafx.scene.control.TreeTableRow<?>) node).getItem() instanceof dev.flowbench.ui.run.TaskRunRow row
                        && row.taskId().equals(taskId)).query();
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

    /** The log's lines, read on the FX thread: the list changes there while a run streams into it. */
    private List<String> logLines() {
        try {
            return WaitForAsyncUtils.asyncFx(() -> robot.lookup("#logs").queryAs(dev.flowbench.ui.run.LogView.class).getItems()
                    .stream().map(dev.flowbench.ui.run.LogRow::message).toList()).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not read the log's lines", e);
        }
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
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<String> task = robot.lookup("#log-task").queryAs(javafx.scene.control.ComboBox.class);
        assertThat(task.getItems()).containsExactly("All tasks", "build_tree", "install", "use_tree", "report");
        robot.interact(() -> task.setValue("report")); // the lines of one task
        await(() -> logLines().equals(List.of("200 modules ready")));
        robot.interact(() -> task.setValue("All tasks"));
        await(() -> logLines().contains("deps restored: 202 files"));

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
        await(() -> ((dev.flowbench.ui.run.TaskRunRow) row.getItem()).outputFilesProperty().get().size() == 1);
        FlowWindow.requestMenu(robot, row);
        javafx.scene.control.ContextMenu menu = FlowWindow.shownMenu("task-run-menu");
        assertThat(menu.getItems()).extracting(javafx.scene.control.MenuItem::getText)
                .containsExactly("Run Up to Here", "Run This Task", null, "Open report.txt", "Show report.txt in its folder");
        robot.interact(menu::hide);
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
        List<String> drawn = robot.lookup("#logs .log-text").queryAllAs(javafx.scene.text.Text.class).stream()
                .filter(text -> text.getParent().isVisible()).map(javafx.scene.text.Text::getText).toList();
        assertThat(drawn).anyMatch(text -> text.contains("more characters: copy the line for all of it") && text.length() < 2_200);
    }

    /** The texts of the log's rows on screen, top to bottom. */
    private List<String> drawnLogLines() {
        return robot.lookup("#logs .log-text").queryAllAs(javafx.scene.text.Text.class).stream()
                .filter(text -> text.getParent().isVisible())
                .sorted(java.util.Comparator.comparingDouble(text -> text.getParent().getLayoutY()))
                .map(javafx.scene.text.Text::getText).toList();
    }

    @Test
    void theLogFollowsItsTailUntilScrolledUpAndCopiesTheSelectedLines() throws Exception {
        start("count.yml", """
                id: count
                namespace: company.team
                tasks:
                  - id: count
                    type: io.kestra.plugin.scripts.shell.Commands
                    taskRunner:
                      type: io.kestra.plugin.core.runner.Process
                    commands:
                      - seq 1 300
                """);
        robot.clickOn("#run");
        await(() -> headline().contains("SUCCESS") && logLines().size() == 300);
        await(() -> !drawnLogLines().isEmpty() && drawnLogLines().get(drawnLogLines().size() - 1).endsWith("[count] 300"));
        javafx.scene.control.ToggleButton follow = robot.lookup("#log-follow").queryAs(javafx.scene.control.ToggleButton.class);
        assertThat(follow.isSelected()).isTrue();

        // back towards the first lines (a positive deltaY, which Monocle makes of a robot's DOWN)
        robot.moveTo("#logs").scroll(5, javafx.geometry.VerticalDirection.DOWN);
        await(() -> !follow.isSelected());
        assertThat(drawnLogLines()).noneMatch(line -> line.endsWith("[count] 300"));

        List<String> onScreen = drawnLogLines();
        Node logs = robot.lookup("#logs").query();
        javafx.geometry.Bounds box = logs.localToScreen(logs.getBoundsInLocal());
        robot.clickOn(box.getMinX() + 60, box.getMinY() + 10); // the first row on screen
        robot.press(KeyCode.SHIFT).clickOn(box.getMinX() + 60, box.getMinY() + 50).release(KeyCode.SHIFT); // to the third
        robot.press(KeyCode.CONTROL).type(KeyCode.C).release(KeyCode.CONTROL);
        String[] lines = new String[1];
        robot.interact(() -> lines[0] = javafx.scene.input.Clipboard.getSystemClipboard().getString());
        assertThat(lines[0]).isEqualTo(String.join("\n", onScreen.subList(0, 3)));

        robot.type(KeyCode.END); // back to the newest line, following again
        await(() -> follow.isSelected() && drawnLogLines().get(drawnLogLines().size() - 1).endsWith("[count] 300"));
    }

    /** A flow that says it goes to sleep, then sleeps two minutes. */
    private static final String SLEEPY = """
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
            """;

    @Test
    void stopKillsALongRunningFlow() throws Exception {
        start("sleepy.yml", SLEEPY);
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

        robot.clickOn(formButton("Run"));
        await(() -> robot.lookup("#input-times-error").queryAs(Label.class).isVisible());
        assertThat(robot.lookup("#input-times-error").queryAs(Label.class).getText()).isEqualTo("is required")
                .doesNotContain("--input");
        robot.clickOn("#input-times").write("many");
        robot.clickOn(formButton("Run"));
        await(() -> robot.lookup("#input-times-error").queryAs(Label.class).getText().equals("'many' is not an integer"));
        assertThat(taskStates()).isEmpty(); // nothing ran

        robot.doubleClickOn("#input-times").write("3");
        await(() -> !robot.lookup("#input-times-error").queryAs(Label.class).isVisible()); // fixed: its problem goes
        robot.clickOn(formButton("Run"));
        await(() -> headline().contains("SUCCESS"));
        assertThat(logLines()).contains("hello world x3");

        robot.clickOn("#run"); // the form proposes the last run's values
        await(() -> robot.lookup("#inputs-form").tryQuery().isPresent());
        assertThat(robot.lookup("#input-times").queryAs(javafx.scene.control.TextField.class).getText()).isEqualTo("3");
        robot.clickOn(formButton("Cancel"));
        await(() -> robot.lookup("#inputs-form").tryQuery().isEmpty());

        robot.clickOn("#history-tab"); // run again from the history: the same inputs, no form
        await(() -> robot.lookup("#history .table-row-cell").queryAll().stream()
                .anyMatch(row -> ((javafx.scene.control.TableRow<?>) row).getItem() != null));
        robot.clickOn(robot.lookup("#history .table-row-cell").match(row -> ((javafx.scene.control.TableRow<?>) row).getItem() != null)
                .queryAs(Node.class));
        robot.clickOn("#rerun");
        await(() -> headline().contains("SUCCESS"));
        robot.clickOn("#history-tab"); // the history lists what its tab shows
        await(() -> robot.lookup("#history").queryAs(TableView.class).getItems().size() == 2);
        robot.clickOn("#run-tab");
        assertThat(logLines()).contains("hello world x3");
        assertThat(robot.lookup("#inputs-form").tryQuery()).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private TableView<CacheEntry> cacheTable() {
        return robot.lookup("#cache-table").queryAs(TableView.class);
    }

    /**
     * The row of the cache table showing an entry that {@code wanted} accepts. A table keeps spare rows, hidden, with
     * the items they last showed: only a visible row showing one of the table's items is a row on screen.
     */
    private Node cacheRow(java.util.function.Predicate<CacheEntry> wanted) {
        return robot.lookup("#cache-table .table-row-cell").match(node -> node instanceof javafx.scene.control.TableRow<?> row
                && row.isVisible() && row.getItem() instanceof CacheEntry entry && cacheTable().getItems().contains(entry)
                && wanted.test(entry)).query();
    }

    /**
     * Clicks the row and waits for the table to select it. Under Monocle a click just after a dialog closed can be
     * delivered to the closing dialog's window: such a click is made again, at most twice.
     */
    private void clickUntilSelected(Supplier<Node> row) throws Exception {
        for (int attempt = 0; ; attempt++) {
            robot.clickOn(row.get());
            try {
                WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> cacheTable().getSelectionModel().getSelectedItem() != null);
                return;
            } catch (java.util.concurrent.TimeoutException lost) {
                if (attempt == 2) {
                    throw lost;
                }
            }
        }
    }

    private List<String> cacheKeys() {
        return cacheTable().getItems().stream().map(entry -> entry.key().toString()).toList();
    }

    @Test
    void aTaskWithTaskCacheShowsItsHitAndItsStoredOutcomeIsInvalidatedFromTheBrowser() throws Exception {
        start("reuse.yml", """
                id: reuse
                namespace: test
                tasks:
                  - id: extract
                    type: io.kestra.plugin.scripts.shell.Commands
                    taskCache:
                      enabled: true
                      ttl: PT1H
                    commands:
                      - echo extracting
                      - echo '::{"outputs":{"rows":1000}}::'
                  - id: transform
                    type: io.kestra.plugin.core.log.Log
                    message: "{{ outputs.extract.vars.rows }} rows"
                """);
        robot.clickOn("#run");
        await(() -> headline().contains("SUCCESS") && badges("extract").equals(List.of("MISS")));
        robot.type(KeyCode.F5);
        await(() -> headline().contains("SUCCESS") && badges("extract").equals(List.of("HIT")) && logLines().contains("1000 rows"));
        assertThat(logLines()).as("the task was not run").doesNotContain("extracting");

        robot.clickOn("#cache-tab");
        @SuppressWarnings("unchecked")
        TableView<dev.flowbench.cache.TaskCacheEntry> outcomes = robot.lookup("#cache-tasks").queryAs(TableView.class);
        await(() -> outcomes.getParent().isVisible() && outcomes.getItems().size() == 1);
        assertThat(outcomes.getItems().get(0).key().toString()).isEqualTo("test/reuse/extract");
        assertThat(robot.lookup("#cache-totals").queryAs(Label.class).getText()).endsWith(", 1 task outcome");
        robot.interact(() -> {
            outcomes.requestFocus();
            outcomes.getSelectionModel().select(0);
        });
        robot.type(KeyCode.DELETE);
        await(() -> robot.lookup("#invalidate-confirmation").tryQuery().isPresent());
        assertThat(robot.lookup("#invalidate-confirmation").queryAs(javafx.scene.control.DialogPane.class).getHeaderText())
                .contains("test/reuse/extract");
        robot.type(KeyCode.ENTER);
        await(() -> outcomes.getItems().isEmpty() && !outcomes.getParent().isVisible()); // shown only while there are some

        robot.type(KeyCode.F5);
        await(() -> headline().contains("SUCCESS") && badges("extract").equals(List.of("MISS")) && logLines().contains("extracting"));
    }

    @Test
    void runUpToHereFromTheCaretReusesTheTasksBeforeAndRunThisTaskFromARowRunsItAlone() throws Exception {
        Path ran = flows.resolve("ran.txt");
        String text = """
                id: part
                namespace: test
                tasks:
                  - id: extract
                    type: io.kestra.plugin.scripts.shell.Commands
                    taskRunner:
                      type: io.kestra.plugin.core.runner.Process
                    commands:
                      - echo extract >> %1$s
                      - echo '::{"outputs":{"rows":1000}}::'
                  - id: transform
                    type: io.kestra.plugin.scripts.shell.Commands
                    taskRunner:
                      type: io.kestra.plugin.core.runner.Process
                    commands:
                      - echo transform >> %1$s
                      - echo "{{ outputs.extract.vars.rows }} rows"
                  - id: load
                    type: io.kestra.plugin.scripts.shell.Commands
                    taskRunner:
                      type: io.kestra.plugin.core.runner.Process
                    commands:
                      - echo load >> %1$s
                """.formatted(ran);
        start("part.yml", text);
        robot.clickOn("#run");
        await(() -> headline().contains("SUCCESS"));
        assertThat(Files.readAllLines(ran)).containsExactly("extract", "transform", "load");

        robot.interact(() -> {
            editor().requestFocus();
            editor().moveTo(text.indexOf("echo transform"));
        });
        robot.press(KeyCode.CONTROL).type(KeyCode.F5).release(KeyCode.CONTROL); // Run Up to Here
        await(() -> headline().contains("SUCCESS") && headline().contains("up to 'transform'"));
        assertThat(Files.readAllLines(ran)).as("extract reused, load not in the part").containsExactly("extract", "transform", "load",
                "transform");
        assertThat(badges("extract")).containsExactly("REUSED");
        assertThat(taskStates()).containsExactly("extract=SUCCESS", "transform=SUCCESS", "load=null");
        assertThat(robot.lookup("#task-runs .state-cell").queryAllAs(javafx.scene.control.TreeTableCell.class).stream()
                .map(javafx.scene.control.Labeled::getText)).contains("not in run");
        assertThat(logLines()).contains("1000 rows");

        FlowWindow.requestMenu(robot, taskRow("load"));
        FlowWindow.choose(robot, FlowWindow.shownMenu("task-run-menu"), "Run This Task");
        await(() -> headline().contains("SUCCESS") && headline().contains("only 'load'"));
        assertThat(Files.readAllLines(ran)).containsExactly("extract", "transform", "load", "transform", "load");
        assertThat(badges("extract")).containsExactly("REUSED");
        assertThat(badges("transform")).containsExactly("REUSED");

        FlowWindow.requestMenu(robot, taskRow("transform"));
        javafx.scene.control.ContextMenu transformMenu = FlowWindow.shownMenu("task-run-menu");
        assertThat(transformMenu.getItems()).extracting(javafx.scene.control.MenuItem::getText)
                .anyMatch(item -> item != null && item.startsWith("Open Execution "));
        robot.interact(transformMenu::hide);

        robot.interact(() -> editor().requestFocus());
        robot.press(KeyCode.ALT).type(KeyCode.F5).release(KeyCode.ALT); // Run Fresh
        await(() -> headline().contains("SUCCESS") && headline().contains("fresh"));
        assertThat(Files.readAllLines(ran)).as("a fresh run runs everything").containsExactly("extract", "transform", "load",
                "transform", "load", "extract", "transform", "load");
    }

    @Test
    void anEntryInvalidatedFromTheBrowserMakesTheNextRunMissInvalidated() throws Exception {
        start("shell_cached_tree.yml", sample("shell_cached_tree.yml"));
        robot.clickOn("#run");
        await(() -> headline().contains("SUCCESS"));
        robot.clickOn("#cache-tab");
        await(() -> cacheKeys().equals(List.of("flowbench.samples/shell_cached_tree/build_tree")));
        assertThat(robot.lookup("#cache-totals").queryAs(Label.class).getText()).startsWith("1 entry, ");

        robot.clickOn(cacheRow(entry -> true));
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

    @Test
    void twoFlowsRunAtOnceEachInATabOfItsOwn() throws Exception {
        start("sleepy.yml", SLEEPY, "quick.yml", """
                id: quick
                namespace: company.team
                tasks:
                  - id: hello
                    type: io.kestra.plugin.core.log.Log
                    message: quick hello
                """);
        selectEditorTab("sleepy.yml");
        robot.clickOn("#run");
        await(() -> logLines().contains("going to sleep"));
        robot.clickOn("#history-tab"); // listed while it runs
        await(() -> robot.lookup("#history").queryAs(TableView.class).getItems().stream().anyMatch(run ->
                ((dev.flowbench.store.ExecutionSummary) run).state() == dev.flowbench.engine.State.RUNNING));

        selectEditorTab("quick.yml");
        robot.clickOn("#run"); // while the other runs
        await(() -> headline().contains("quick.yml: SUCCESS"));
        assertThat(logLines()).containsExactly("quick hello");
        assertThat(runTabs().getTabs()).extracting(javafx.scene.control.Tab::getText).containsExactly("sleepy.yml", "quick.yml");
        assertThat(runTabs().getTabs().get(0).getTooltip().getText()).startsWith("Running sleepy.yml");
        assertThat(runTabs().getTabs().get(0).isClosable()).as("a running tab stays until stopped").isFalse();
        assertThat(robot.lookup("#stop").queryAs(Button.class).isDisabled()).as("the quick one is over").isTrue();

        robot.interact(() -> runTabs().getSelectionModel().select(0));
        await(() -> headline().startsWith("Running sleepy.yml") && logLines().equals(List.of("going to sleep")));
        robot.clickOn("#stop");
        await(() -> headline().contains("sleepy.yml: KILLED"));
        assertThat(taskStates()).containsExactly("nap=KILLED");
        await(() -> runTabs().getTabs().get(0).isClosable());

        selectEditorTab("quick.yml");
        robot.type(KeyCode.F5); // the flow's own tab again, not a third
        await(() -> runTabs().getSelectionModel().getSelectedIndex() == 1 && headline().contains("quick.yml: SUCCESS"));
        assertThat(runTabs().getTabs()).hasSize(2);
    }

    private static final String TWO_CACHES = """
            id: two_caches
            namespace: company.team
            tasks:
              - id: first
                type: io.kestra.plugin.core.flow.WorkingDirectory
                cache:
                  patterns: [a.txt]
                tasks:
                  - id: write_a
                    type: io.kestra.plugin.scripts.shell.Commands
                    taskRunner:
                      type: io.kestra.plugin.core.runner.Process
                    commands: [echo a > a.txt]
              - id: second
                type: io.kestra.plugin.core.flow.WorkingDirectory
                cache:
                  patterns: [b.txt]
                tasks:
                  - id: write_b
                    type: io.kestra.plugin.scripts.shell.Commands
                    taskRunner:
                      type: io.kestra.plugin.core.runner.Process
                    commands: [echo b > b.txt]
            """;

    @Test
    void invalidatingAFlowClearsItsEntriesOnlyAndAnEventOpensItsExecution() throws Exception {
        start("shell_cached_tree.yml", sample("shell_cached_tree.yml"), "two_caches.yml", TWO_CACHES);
        robot.clickOn("#run");
        await(() -> headline().contains("two_caches.yml: SUCCESS"));
        selectEditorTab("shell_cached_tree.yml");
        robot.clickOn("#run");
        await(() -> headline().contains("shell_cached_tree.yml: SUCCESS"));

        robot.clickOn("#history-tab"); // each execution's hits and misses, as badges
        await(() -> robot.lookup("#history").queryAs(TableView.class).getItems().size() == 2);
        await(() -> robot.lookup("#history .cache-badge").queryAllAs(Label.class).stream().filter(Node::isVisible)
                .map(Label::getText).toList().containsAll(List.of("2 MISS", "MISS")));

        robot.clickOn("#cache-tab");
        await(() -> cacheKeys().size() == 3);
        robot.clickOn(cacheRow(entry -> entry.key().taskId().equals("second")));
        robot.clickOn("#invalidate-flow");
        await(() -> robot.lookup("#invalidate-confirmation").tryQuery().isPresent());
        javafx.scene.control.DialogPane asked = robot.lookup("#invalidate-confirmation").queryAs(javafx.scene.control.DialogPane.class);
        assertThat(asked.getHeaderText()).contains("company.team/two_caches");
        assertThat(asked.getContentText()).contains("company.team/two_caches/first", "company.team/two_caches/second")
                .doesNotContain("shell_cached_tree");
        robot.type(KeyCode.ENTER);
        await(() -> cacheKeys().equals(List.of("flowbench.samples/shell_cached_tree/build_tree")));
        await(() -> robot.lookup("#invalidate-confirmation").tryQuery().isEmpty() && stage.isFocused()); // the dialog gone

        clickUntilSelected(() -> cacheRow(entry -> true));
        @SuppressWarnings("unchecked")
        ListView<dev.flowbench.cache.CacheEventRecord> events = robot.lookup("#cache-events").queryAs(ListView.class);
        await(() -> events.getItems().stream().anyMatch(e -> e.event().equals("SAVED")));
        String saver = events.getItems().stream().filter(e -> e.event().equals("SAVED")).findFirst().orElseThrow().executionId();
        robot.interact(() -> events.getSelectionModel().select(events.getItems().stream().filter(e -> e.event().equals("SAVED"))
                .findFirst().orElseThrow()));
        robot.clickOn(events).type(KeyCode.ENTER); // opens the execution behind the event
        await(() -> headline().contains(saver) && headline().contains("from the history"));
        assertThat(badges("build_tree")).containsExactly("MISS", "SAVED");
    }
}
