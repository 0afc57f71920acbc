package dev.flowbench.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowbench.app.FlowFiles;
import dev.flowbench.flow.KestraVersion;
import dev.flowbench.ui.editor.EditorViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window's state without a toolkit: what it opens at start, and what it remembers. */
class AppViewModelTest {

    @TempDir
    Path home;

    private AppViewModel app(UiSettings settings) {
        return new AppViewModel(UiTasks.sameThread(), settings, home.resolve("ui.properties"), home.resolve("samples"));
    }

    @Test
    void aFirstStartOpensTheSampleFlows() throws Exception {
        AppViewModel app = app(new UiSettings());
        app.start(List.of());
        assertThat(app.folderProperty().get()).isEqualTo(home.resolve("samples"));
        assertThat(home.resolve("samples")).isDirectoryContaining(p -> p.getFileName().toString().equals("shell_cached_tree.yml"));
        try (var samples = Files.list(home.resolve("samples"))) {
            assertThat(samples).hasSize(FlowFiles.SAMPLES.size());
        }
        assertThat(app.editors()).isEmpty();
    }

    @Test
    void theKestraFlowsAreCheckedForIsASettingThatChecksTheOpenFlowsAgainAndIsRemembered() throws Exception {
        Path folder = Files.createDirectories(home.resolve("flows"));
        Path old = Files.writeString(folder.resolve("old.yml"), "id: old\nnamespace: n\ninputs:\n  - id: flag\n"
                + "    type: BOOLEAN\n    defaults: true\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n"
                + "    message: hi\n");
        try {
            AppViewModel app = app(new UiSettings());
            app.start(List.of(folder));
            app.open(old);
            EditorViewModel editor = app.selectedProperty().get();
            editor.validateNow();
            assertThat(editor.errorCountProperty().get()).as("BOOLEAN is gone from Kestra 2").isEqualTo(1);
            app.checkFor(KestraVersion.KESTRA_1_3);
            assertThat(editor.errorCountProperty().get()).as("and valid for Kestra 1.3").isZero();
            app.persistNow();
            assertThat(UiSettings.load(home.resolve("ui.properties")).kestra()).isEqualTo(KestraVersion.KESTRA_1_3);
            AppViewModel again = app(UiSettings.load(home.resolve("ui.properties")));
            assertThat(EditorViewModel.checkedFor()).isEqualTo(KestraVersion.KESTRA_1_3);
            again.checkFor(KestraVersion.KESTRA_2);
            assertThat(EditorViewModel.validate(Files.readString(old)).hasErrors()).isTrue();
        } finally {
            EditorViewModel.checkFor(KestraVersion.KESTRA_2); // the setting is the window's: leave it as others expect
        }
    }

    @Test
    void eachWorkspaceFolderKeepsItsOwnKestraAndTheOpenFlowsFollowWhenTheFolderChanges() throws Exception {
        Path legacyFolder = Files.createDirectories(home.resolve("legacy"));
        Path currentFolder = Files.createDirectories(home.resolve("current"));
        Path old = Files.writeString(legacyFolder.resolve("old.yml"), "id: old\nnamespace: n\ninputs:\n  - id: flag\n"
                + "    type: BOOLEAN\n    defaults: true\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n"
                + "    message: hi\n");
        try {
            AppViewModel app = app(new UiSettings());
            app.start(List.of(legacyFolder));
            app.open(old);
            EditorViewModel editor = app.selectedProperty().get();
            app.checkFor(KestraVersion.KESTRA_1_3);
            assertThat(editor.errorCountProperty().get()).isZero();
            app.openFolder(currentFolder);
            assertThat(app.kestraProperty().get()).as("a folder never set is checked for Kestra 2").isEqualTo(KestraVersion.KESTRA_2);
            assertThat(editor.errorCountProperty().get()).as("the open flow is checked again").isEqualTo(1);
            app.openFolder(legacyFolder);
            assertThat(app.kestraProperty().get()).isEqualTo(KestraVersion.KESTRA_1_3);
            assertThat(editor.errorCountProperty().get()).isZero();
            app.persistNow();
            UiSettings again = UiSettings.load(home.resolve("ui.properties"));
            assertThat(again.kestra()).isEqualTo(KestraVersion.KESTRA_1_3);
            again.setWorkspace(currentFolder);
            assertThat(again.kestra()).isEqualTo(KestraVersion.KESTRA_2);
        } finally {
            EditorViewModel.checkFor(KestraVersion.KESTRA_2); // the checker is shared: leave it as others expect
        }
    }

    @Test
    void theTabsAndThemeOfLastTimeComeBackAndAFileRemovedSinceIsSkipped() throws Exception {
        Path folder = Files.createDirectories(home.resolve("flows"));
        Path a = Files.writeString(folder.resolve("a.yml"), "id: a\n");
        Path b = Files.writeString(folder.resolve("b.yml"), "id: b\n");
        AppViewModel first = app(new UiSettings());
        first.start(List.of(folder));
        first.open(a);
        first.open(b);
        first.setTheme(UiSettings.Theme.DARK);
        first.rememberWindow(new UiSettings.WindowPlace(10, 20, 900, 700, false));
        first.persistNow();
        Files.delete(a);

        AppViewModel second = app(UiSettings.load(home.resolve("ui.properties")));
        second.start(List.of());
        assertThat(second.folderProperty().get()).isEqualTo(folder);
        assertThat(second.editors()).extracting(EditorViewModel::path).containsExactly(b);
        assertThat(second.selectedProperty().get().path()).isEqualTo(b);
        assertThat(second.themeProperty().get()).isEqualTo(UiSettings.Theme.DARK);
        assertThat(second.settings().window().width()).isEqualTo(900);
        assertThat(second.recentFiles()).containsExactly(b, a);
    }

    @Test
    void aMessageToldGoesAfterAWhileOrAtTheNextActionOnceSeenButAnotherMessageIsNotCutShortByTheFirstsTimer() {
        java.util.List<Runnable> timers = new java.util.ArrayList<>();
        UiTasks later = new UiTasks() {
            @Override
            public <T> void run(java.util.concurrent.Callable<T> job, java.util.function.Consumer<T> done,
                                java.util.function.Consumer<Throwable> failed) {
                UiTasks.sameThread().run(job, done, failed);
            }

            @Override
            public void later(java.time.Duration delay, Runnable action) {
                timers.add(action);
            }

            @Override
            public void onFxThread(Runnable action) {
                action.run();
            }
        };
        long[] now = {0};
        AppViewModel app = new AppViewModel(later, new UiSettings(), home.resolve("ui.properties"), home.resolve("samples"));
        app.useClock(() -> now[0]);

        app.tell("log is already first in its list");
        app.userActed(); // the click that made it: not yet seen
        assertThat(app.noticeProperty().get()).isEqualTo("log is already first in its list");
        now[0] += AppViewModel.READ_IN.toNanos() + 1;
        app.userActed();
        assertThat(app.noticeProperty().get()).isEmpty();

        app.tell("first");
        app.tell("second");
        timers.get(timers.size() - 2).run(); // the first message's time is up: it is not the one shown
        assertThat(app.noticeProperty().get()).isEqualTo("second");
        timers.get(timers.size() - 1).run();
        assertThat(app.noticeProperty().get()).isEmpty();
    }
}
