package dev.flowbench.ui.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowbench.app.Workspace;
import dev.flowbench.engine.State;
import dev.flowbench.ui.app.UiTasks;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run panel's tabs without a toolkit: which tab a run goes to, how many are kept, what closing does. */
class RunsViewModelTest {

    @TempDir
    Path home;
    private Workspace workspace;
    private RunsViewModel runs;

    @BeforeEach
    void open() throws Exception {
        System.setProperty("flowbench.home", home.toString());
        workspace = Workspace.open(notice -> { });
        runs = new RunsViewModel(UiTasks.sameThread(), () -> workspace);
    }

    @AfterEach
    void close() {
        runs.runs().forEach(RunViewModel::stop);
        await(() -> runs.runs().stream().noneMatch(run -> run.runningProperty().get()));
        workspace.close();
        System.clearProperty("flowbench.home");
    }

    private static String flow(String id, String command) {
        return """
                id: %s
                namespace: n
                tasks:
                  - id: t
                    type: io.kestra.plugin.scripts.shell.Commands
                    commands: ["%s"]
                """.formatted(id, command);
    }

    private static void await(BooleanSupplier condition) {
        for (int i = 0; i < 600 && !condition.getAsBoolean(); i++) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        assertThat(condition.getAsBoolean()).as("in time").isTrue();
    }

    private void runAndWait(String name, String text) {
        long before = runs.recordedRunsProperty().get();
        runs.run(text, null, name, () -> { });
        await(() -> runs.recordedRunsProperty().get() > before);
    }

    @Test
    void theFirstRunTakesTheUnusedTabAndAnotherFlowGetsATabOfItsOwnWhileTheFirstRuns() {
        assertThat(runs.runs()).hasSize(1);
        RunViewModel unused = runs.runs().get(0);
        runs.run(flow("sleepy", "sleep 30"), null, "sleepy.yml", () -> { });
        assertThat(runs.runs()).containsExactly(unused);
        await(() -> unused.runningProperty().get());

        runAndWait("quick.yml", flow("quick", "echo hi"));
        assertThat(runs.runs()).hasSize(2);
        RunViewModel quick = runs.runs().get(1);
        assertThat(runs.selectedProperty().get()).isEqualTo(quick);
        assertThat(runs.stateProperty().get()).as("the status bar follows the tab in front").isEqualTo(State.SUCCESS);
        assertThat(runs.selectedRunningProperty().get()).isFalse();
        assertThat(unused.runningProperty().get()).as("the other goes on").isTrue();

        runAndWait("quick.yml", flow("quick", "echo again"));
        assertThat(runs.runs()).as("an idle tab of the same flow is used again").hasSize(2);

        runs.run(flow("sleepy", "sleep 30"), null, "sleepy.yml", () -> { }); // its tab is busy: a new one
        assertThat(runs.runs()).hasSize(3);
        runs.selectedProperty().set(unused);
        assertThat(runs.selectedRunningProperty().get()).isTrue();
        runs.stop();
        await(() -> unused.stateProperty().get() == State.KILLED);
    }

    @Test
    void beyondTheLimitTheOldestIdleTabsGo() {
        for (int i = 0; i < RunsViewModel.MAX_TABS + 2; i++) {
            runAndWait("f" + i + ".yml", flow("f" + i, "echo " + i));
        }
        assertThat(runs.runs()).hasSize(RunsViewModel.MAX_TABS);
        assertThat(runs.runs().get(0).titleProperty().get()).isEqualTo("f2.yml");
        assertThat(runs.selectedProperty().get().titleProperty().get()).isEqualTo("f" + (RunsViewModel.MAX_TABS + 1) + ".yml");
    }

    @Test
    void closingTheLastTabLeavesAnUnusedOneAndARunningTabCannotBeClosed() {
        runs.run(flow("sleepy", "sleep 30"), null, "sleepy.yml", () -> { });
        RunViewModel sleepy = runs.runs().get(0);
        await(() -> sleepy.runningProperty().get());
        runs.close(sleepy);
        assertThat(runs.runs()).containsExactly(sleepy);

        sleepy.stop();
        await(() -> !sleepy.runningProperty().get());
        runs.close(sleepy);
        assertThat(runs.runs()).hasSize(1).doesNotContain(sleepy);
        assertThat(runs.selectedProperty().get().isUnused()).isTrue();
        assertThat(runs.headlineProperty().get()).isEqualTo("No run yet");
    }

    @Test
    void theLinesRehearsalLeavesTheUnusedTabAsItWasAndAFirstRunShowsItsOwnLinesOnly() {
        RunViewModel unused = runs.runs().get(0);
        runs.rehearseLines();
        assertThat(unused.isUnused()).isTrue();
        assertThat(unused.logs()).isEmpty();
        assertThat(unused.droppedLinesProperty().get()).isZero();
        runAndWait("hi.yml", flow("hi", "echo hi"));
        assertThat(unused.logs()).extracting(LogRow::message).containsExactly("hi");
    }
}
