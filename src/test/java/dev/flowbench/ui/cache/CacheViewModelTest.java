package dev.flowbench.ui.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowbench.app.Workspace;
import dev.flowbench.cache.CacheEntry;
import dev.flowbench.cache.CacheKey;
import dev.flowbench.engine.State;
import dev.flowbench.flow.check.FlowValidator;
import dev.flowbench.ui.app.UiTasks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache browser's state without a toolkit: entries, totals, invalidation, and entries that vanish meanwhile. */
class CacheViewModelTest {

    @TempDir
    Path home;
    private Workspace workspace;
    private CacheViewModel model;

    @BeforeEach
    void open() throws Exception {
        System.setProperty("flowbench.home", home.toString());
        workspace = Workspace.open(notice -> { });
        model = new CacheViewModel(UiTasks.sameThread(), () -> workspace);
    }

    @AfterEach
    void close() {
        workspace.close();
        System.clearProperty("flowbench.home");
    }

    /** Runs a flow whose WorkingDirectories {@code tasks} each cache one file. */
    private void runCached(String flowId, String... tasks) throws Exception {
        StringBuilder yaml = new StringBuilder("id: " + flowId + "\nnamespace: n\ntasks:\n");
        for (String task : tasks) {
            yaml.append("""
                      - id: %s
                        type: io.kestra.plugin.core.flow.WorkingDirectory
                        cache:
                          patterns: [f.txt]
                        tasks:
                          - id: %s_write
                            type: io.kestra.plugin.scripts.shell.Commands
                            commands: [echo x > f.txt]
                    """.formatted(task, task));
        }
        var result = workspace.startRun(new FlowValidator().validate(yaml.toString()).flow(), Map.of(), null, List.of())
                .execution().await(Duration.ofMinutes(1));
        assertThat(result.state()).isEqualTo(State.SUCCESS);
    }

    private List<String> keys() {
        return model.entries().stream().map(entry -> entry.key().toString()).sorted().toList();
    }

    @Test
    void listsEveryEntryWithTotalsAndInvalidatesAFlowsEntriesOnly() throws Exception {
        runCached("one", "a", "b");
        runCached("two", "c");
        model.refresh();
        assertThat(keys()).containsExactly("n/one/a", "n/one/b", "n/two/c");
        assertThat(model.totalsProperty().get()).startsWith("3 entries, ").contains("% of the 10.0 GB limit");

        model.invalidateFlow("n", "one");
        assertThat(keys()).containsExactly("n/two/c");
        assertThat(model.noticeProperty().get()).isEqualTo("Invalidated 2 entries.");
    }

    @Test
    void anEntryRemovedByAnotherProcessWhileSelectedLeavesTheSelectionQuietly() throws Exception {
        runCached("one", "a");
        model.refresh();
        CacheEntry entry = model.entries().get(0);
        model.selectedProperty().set(entry);
        assertThat(model.events()).extracting(e -> e.event()).contains("SAVED", "MISS");
        assertThat(model.files()).isNotEmpty();

        try (Workspace other = Workspace.open(notice -> { })) { // as `flowbench cache rm` in a terminal does
            other.cache().invalidate(List.of(CacheKey.parse("n/one/a")));
        }
        model.refresh();
        assertThat(model.entries()).isEmpty();
        assertThat(model.selectedProperty().get()).isNull();
        assertThat(model.events()).isEmpty();
        assertThat(model.files()).isEmpty();

        model.invalidate(List.of(entry.key())); // a confirmation answered after the entry went
        assertThat(model.noticeProperty().get()).isEqualTo("Nothing to invalidate (already gone).");
    }
}
