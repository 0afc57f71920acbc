package dev.flowbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowbench.store.KvStore;
import java.nio.file.Path;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/** The dock's KV place: a key typed and set shows in kv-table; chosen and removed, it is gone, from the store too. */
class KvPlaceTest {

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

    @SuppressWarnings("unchecked")
    private TableView<KvStore.Entry> table() {
        return robot.lookup("#kv-table").queryAs(TableView.class);
    }

    @Test
    void aKeySetInTheWindowIsListedAndRemoved() throws Exception {
        window.open(home, flows, "counter.yml", """
                id: counter
                namespace: team
                tasks:
                  - id: count
                    type: io.kestra.plugin.core.kv.Set
                    key: runs
                    value: "1"
                """, "count");
        robot.clickOn("#kv-tab");
        FlowWindow.await(() -> robot.lookup("#kv-table").tryQuery().isPresent());
        robot.clickOn("#kv-namespace").write("team");
        robot.clickOn("#kv-key").write("greeting");
        robot.clickOn("#kv-value").write("hello there");
        robot.clickOn("#kv-set");
        FlowWindow.await(() -> table().getItems().stream().anyMatch(e -> e.key().equals("greeting")));
        KvStore.Entry greeting = table().getItems().stream().filter(e -> e.key().equals("greeting")).findFirst().orElseThrow();
        assertThat(greeting.namespace()).isEqualTo("team");
        assertThat(greeting.value().text()).isEqualTo("hello there");

        robot.interact(() -> table().getSelectionModel().select(greeting));
        robot.clickOn("#kv-remove");
        FlowWindow.await(() -> table().getItems().stream().noneMatch(e -> e.key().equals("greeting")));
        assertThat(robot.lookup("#kv-notice").queryAs(Label.class).getText()).isEqualTo("Removed team / greeting.");
    }
}
