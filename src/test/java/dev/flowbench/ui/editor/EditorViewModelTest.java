package dev.flowbench.ui.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.flowbench.flow.Problem;
import dev.flowbench.ui.app.UiTasks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The editor's view-model without a toolkit: text, problems, saving, files changed on disk. */
class EditorViewModelTest {

    private static final String VALID = """
            id: hello
            namespace: company.team
            tasks:
              - id: say
                type: io.kestra.plugin.core.log.Log
                message: hi
            """;

    @TempDir
    Path dir;

    private final UiTasks now = UiTasks.sameThread();

    private EditorViewModel open(Path file) {
        List<EditorViewModel> opened = new ArrayList<>();
        EditorViewModel.open(now, file, opened::add);
        return opened.get(0);
    }

    @Test
    void aProblemAppearsAtItsLineWhenTypedAndVanishesWhenFixed() throws Exception {
        EditorViewModel editor = open(Files.writeString(dir.resolve("hello.yml"), VALID));
        assertThat(editor.problems()).isEmpty();
        editor.edit(VALID.replace("message: hi", "mesage: hi"));
        assertThat(editor.problems()).extracting(Problem::line, Problem::code)
                .containsExactly(tuple(4, "missing-property"), tuple(6, "unknown-property"));
        assertThat(editor.errorCountProperty().get()).isEqualTo(2);
        editor.edit(VALID);
        assertThat(editor.problems()).isEmpty();
        assertThat(editor.errorCountProperty().get()).isZero();
    }

    @Test
    void dirtyUntilSavedAndTheFileIsWrittenWhole() throws Exception {
        Path file = Files.writeString(dir.resolve("hello.yml"), VALID);
        EditorViewModel editor = open(file);
        assertThat(editor.isDirty()).isFalse();
        editor.edit(VALID + "# more\n");
        assertThat(editor.isDirty()).isTrue();
        List<Boolean> saved = new ArrayList<>();
        editor.save(saved::add);
        assertThat(saved).containsExactly(true);
        assertThat(editor.isDirty()).isFalse();
        assertThat(file).hasContent(VALID + "# more\n");
        try (var files = Files.list(dir)) {
            assertThat(files).as("no temporary file left beside it").containsExactly(file);
        }
    }

    @Test
    void anUntitledFlowIsSavedAsAFileAndTakesItsName() {
        EditorViewModel editor = EditorViewModel.untitled(now, VALID);
        assertThat(editor.titleProperty().get()).matches("Untitled-\\d+\\.yml");
        assertThat(editor.isDirty()).as("untouched since its template: nothing to lose on closing").isFalse();
        assertThat(editor.suggestedFileName()).as("Save As proposes the flow's id").isEqualTo("hello.yml");
        editor.edit(VALID + "# mine\n");
        assertThat(editor.isDirty()).isTrue();
        List<Boolean> saved = new ArrayList<>();
        editor.save(saved::add);
        assertThat(saved).containsExactly(false);
        editor.saveAs(dir.resolve("new_flow.yml"), saved::add);
        assertThat(saved).containsExactly(false, true);
        assertThat(editor.titleProperty().get()).isEqualTo("new_flow.yml");
        assertThat(dir.resolve("new_flow.yml")).hasContent(VALID + "# mine\n");
    }

    @Test
    void aChangeOnDiskIsOfferedForReload() throws Exception {
        Path file = Files.writeString(dir.resolve("hello.yml"), VALID);
        EditorViewModel editor = open(file);
        editor.checkDisk();
        assertThat(editor.changedOnDiskProperty().get()).as("nothing changed").isFalse();
        Files.writeString(file, VALID.replace("hi", "changed elsewhere"));
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        editor.checkDisk();
        assertThat(editor.changedOnDiskProperty().get()).isTrue();
        assertThat(editor.bannerProperty().get()).contains("hello.yml changed on disk");
        editor.reload();
        assertThat(editor.text()).contains("changed elsewhere");
        assertThat(editor.isDirty()).isFalse();
        assertThat(editor.bannerProperty().get()).isEmpty();
    }

    @Test
    void keepingMineAfterAChangeOnDiskLeavesTheEditorDirty() throws Exception {
        Path file = Files.writeString(dir.resolve("hello.yml"), VALID);
        EditorViewModel editor = open(file);
        Files.writeString(file, "id: other\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        editor.checkDisk();
        editor.keepMine();
        assertThat(editor.isDirty()).isTrue();
        editor.checkDisk();
        assertThat(editor.changedOnDiskProperty().get()).as("not offered again for the same change").isFalse();
    }

    @Test
    void anUnreadableFileOpensReadOnlyWithItsReason() throws Exception {
        Path latin1 = Files.write(dir.resolve("latin1.yml"), new byte[] {'i', 'd', ':', ' ', (byte) 0xE9});
        EditorViewModel editor = open(latin1);
        assertThat(editor.readOnlyProperty().get()).isTrue();
        assertThat(editor.bannerProperty().get()).contains("not UTF-8 text");
        editor.edit("anything");
        assertThat(editor.text()).isEmpty();
    }

    @Test
    void aValidationResultForTextThatChangedSinceIsDropped() {
        Deque<Runnable> pending = new ArrayDeque<>();
        UiTasks deferred = new UiTasks() { // jobs wait until the test runs them, as a slow background thread would
            @Override
            public <T> void run(Callable<T> job, Consumer<T> done, Consumer<Throwable> failed) {
                pending.add(() -> {
                    try {
                        done.accept(job.call());
                    } catch (Exception e) {
                        failed.accept(e);
                    }
                });
            }

            @Override
            public void later(Duration delay, Runnable action) {
                action.run();
            }

            @Override
            public void onFxThread(Runnable action) {
                action.run();
            }
        };
        EditorViewModel editor = EditorViewModel.untitled(deferred, VALID);
        pending.poll().run();
        editor.edit("id: [broken");
        Runnable broken = pending.poll();
        editor.edit(VALID);
        Runnable fixed = pending.poll();
        fixed.run();
        broken.run(); // arrives last, but is for an older text
        assertThat(editor.problems()).isEmpty();
        assertThat(editor.validatedProperty().get().source().text()).isEqualTo(VALID);
    }
}
