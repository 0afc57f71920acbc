package dev.flowbench.ui.kv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowbench.app.Workspace;
import dev.flowbench.engine.KvValue;
import dev.flowbench.store.KvStore;
import dev.flowbench.ui.app.UiTasks;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The KV place's state: what the home's store holds, set and removed through it, bad input told and not written. */
class KvViewModelTest {

    @TempDir
    Path home;
    private Workspace workspace;
    private KvViewModel model;

    @BeforeEach
    void open() throws Exception {
        System.setProperty("flowbench.home", home.toString());
        workspace = Workspace.open(notice -> { });
        model = new KvViewModel(UiTasks.sameThread(), () -> workspace);
    }

    @AfterEach
    void close() throws Exception {
        workspace.close();
        System.clearProperty("flowbench.home");
    }

    @Test
    void listsSetsAndRemovesWhatFlowsAndTheCommandLineSee() {
        workspace.keyValues().set("team", "written", new KvValue("by a flow", KvValue.Type.STRING), true, null);
        model.refresh();
        assertThat(model.entries()).extracting(KvStore.Entry::key).containsExactly("written");

        model.set("team", "limit", "5", KvValue.Type.NUMBER, "PT1H");
        assertThat(model.noticeProperty().get()).isEqualTo("Set team / limit.");
        assertThat(workspace.keyValues().get("team", "limit").orElseThrow().forExpressions()).isEqualTo(5L);
        KvStore.Entry limit = model.entries().stream().filter(e -> e.key().equals("limit")).findFirst().orElseThrow();
        assertThat(limit.expiresAt()).isNotNull();

        model.remove(limit);
        assertThat(workspace.keyValues().get("team", "limit")).isEmpty();
        assertThat(model.entries()).extracting(KvStore.Entry::key).containsExactly("written");
    }

    @Test
    void badInputIsToldAndNothingIsWritten() {
        model.set("team", "limit", "five", KvValue.Type.NUMBER, null);
        assertThat(model.noticeProperty().get()).isEqualTo("Not set: the value 'five' is not a NUMBER.");
        model.set("team", "", "x", null, null);
        assertThat(model.noticeProperty().get()).isEqualTo("A namespace and a key are needed to set a value.");
        model.set("team", "k", "x", null, "soon");
        assertThat(model.noticeProperty().get()).contains("'soon' is not an ISO-8601 duration");
        assertThat(workspace.keyValues().entries(null)).isEmpty();
    }
}
