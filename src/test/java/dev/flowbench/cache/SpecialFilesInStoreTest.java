package dev.flowbench.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.flowbench.engine.CacheResult;
import dev.flowbench.engine.State;
import dev.flowbench.engine.TaskOutcome;
import dev.flowbench.engine.WorkDirectories;
import dev.flowbench.engine.WorkFiles;
import dev.flowbench.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the cache keeps on disk (archives, seals, stored output files) replaced by something that is not a regular
 * file: a pipe nobody writes to, a link to {@code /dev/zero}. Each is a MISS (or a HIT from the archive) with its
 * reason, at once: nothing hangs, nothing reads without end, nothing fails the run.
 */
class SpecialFilesInStoreTest {

    private static final CacheKey KEY = new CacheKey("company.team", "flow", "working_dir");
    private static final List<String> VENV = List.of("venv/**");
    private static final Duration AT_ONCE = Duration.ofSeconds(20);

    @TempDir
    Path home;
    @TempDir
    Path source;

    private Database database;
    private CacheStore store;

    @BeforeEach
    void open() throws Exception {
        database = Database.open(home.resolve("db"));
        store = CacheStore.open(database, home.resolve("cache"), CacheStore.DEFAULT_MAX_BYTES);
        Trees.venvLike(source);
    }

    @AfterEach
    void close() throws Exception {
        database.close();
    }

    private static void fifo(Path path) throws Exception {
        Files.deleteIfExists(path);
        assertThat(new ProcessBuilder("mkfifo", path.toString()).start().waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    /** Saves the tree and lets a run keep it, as the engine does. */
    private String savedAndKept() throws Exception {
        Path dir = WorkDirectories.create(home.resolve("work"), "wd-");
        copy(source, dir);
        assertThat(store.save(KEY, VENV, "PT1H", dir, true, null, "e1").outcome()).isEqualTo(CacheResult.SAVED);
        assertThat(store.release(dir)).isEmpty();
        return store.find(KEY).orElseThrow().blob();
    }

    private RestoreResult restore() throws Exception {
        Path dir = WorkDirectories.create(home.resolve("work"), "wd-");
        return assertTimeoutPreemptively(AT_ONCE, () -> store.restore(KEY, VENV, "PT1H", dir, "e2"));
    }

    @Test
    void anArchiveThatIsAPipeIsACorruptEntryRemovedAtOnce() throws Exception {
        String blob = savedAndKept();
        WorkFiles.deleteTree(home.resolve("cache/kept").resolve(blob)); // the archive must serve
        fifo(home.resolve("cache/entries").resolve(blob));

        RestoreResult restored = restore();
        assertThat(restored.hit()).isFalse();
        assertThat(restored.reason()).contains("corrupt").contains("not a regular file but a pipe, a device or a socket");
        assertThat(store.find(KEY)).isEmpty();
        assertThat(assertTimeoutPreemptively(AT_ONCE, () -> store.list())).isEmpty();
    }

    @Test
    void aSealThatIsAPipeOrALinkToDevZeroSendsTheHitToTheArchive() throws Exception {
        String blob = savedAndKept();
        Path seal = home.resolve("cache/kept").resolve(blob).resolve("seal");
        fifo(seal);
        assertThat(assertTimeoutPreemptively(AT_ONCE, () -> store.list())).hasSize(1); // the browser lists it
        RestoreResult first = restore();
        assertThat(first.hit()).isTrue();
        assertThat(first.reason()).contains("from the archive: the kept tree's seal is unreadable").contains("not a regular file");

        String again = savedAndKeptAfterAHit();
        seal = home.resolve("cache/kept").resolve(again).resolve("seal");
        Files.delete(seal);
        Files.createSymbolicLink(seal, Path.of("/dev/zero"));
        RestoreResult second = restore();
        assertThat(second.hit()).isTrue();
        assertThat(second.reason()).contains("from the archive: the kept tree's seal is unreadable").contains("a symbolic link");
    }

    /** A run that leaves the restored tree alone: its tree is kept again. */
    private String savedAndKeptAfterAHit() throws Exception {
        Path dir = WorkDirectories.create(home.resolve("work"), "wd-");
        RestoreResult hit = store.restore(KEY, VENV, "PT1H", dir, "e3");
        assertThat(store.save(KEY, VENV, "PT1H", dir, true, hit.manifest(), "e3").outcome()).isEqualTo(CacheResult.UNCHANGED);
        assertThat(store.release(dir)).isEmpty();
        return store.find(KEY).orElseThrow().blob();
    }

    @Test
    void aStoredOutputFileThatIsAPipeIsACorruptTaskEntry() throws Exception {
        Path storage = Files.createDirectories(home.resolve("executions/e1/extract"));
        Path file = Files.writeString(storage.resolve("rows.csv"), "a,b\n1,2\n");
        TaskOutcome outcome = new TaskOutcome(State.SUCCESS, null, Map.of("outputFiles", Map.of("rows.csv", file.toString())));
        store.storeTask(KEY, "definition", "PT1H", outcome, "e1");
        String digest = Manifest.sha256Of(file);
        fifo(home.resolve("cache/task-files").resolve(digest));

        var reuse = assertTimeoutPreemptively(AT_ONCE, () -> store.reuseTask(KEY, "definition", "PT1H",
                home.resolve("executions/e2/extract"), "e2"));
        assertThat(reuse.outcome()).isEmpty();
        assertThat(reuse.reason()).contains("corrupt").contains("not a regular file");
        assertThat(store.taskEntries()).isEmpty();
    }

    private static void copy(Path from, Path to) throws Exception {
        try (var walk = Files.walk(from)) {
            for (Path path : walk.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, java.nio.file.LinkOption.NOFOLLOW_LINKS, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
