package dev.flowbench.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.flowbench.engine.CacheResult;
import dev.flowbench.engine.WorkDirectories;
import dev.flowbench.engine.WorkFiles;
import dev.flowbench.store.Database;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The kept tree: a HIT moves the last run's tree back into the working directory, and nothing a run or anybody else
 * does to those files can reach a later HIT of the entry they came from. Runs are played as the engine plays them:
 * restore into a new working directory, the task's changes, save, release, delete.
 */
class KeptTreeTest {

    private static final CacheKey KEY = new CacheKey("company.team", "flow", "working_dir");
    private static final List<String> PATTERNS = List.of("venv/**");

    @TempDir
    Path home;
    @TempDir
    Path original;

    private Database database;
    private CacheStore store;
    private Map<String, String> expected;

    @BeforeEach
    void open() throws Exception {
        database = Database.open(home.resolve("flowbench.db"));
        store = CacheStore.open(database, home.resolve("cache"), CacheStore.DEFAULT_MAX_BYTES);
        Trees.venvLike(original);
        expected = cachedPart(original);
    }

    @AfterEach
    void close() throws Exception {
        database.close();
    }

    /** One WorkingDirectory run: what the cache did before and after the task, and why the tree was not kept. */
    private record Run(RestoreResult restore, SaveResult save, Optional<String> notKept) {
    }

    private interface Task {
        void run(Path directory) throws Exception;
    }

    private Run run(boolean succeeds, Task task) throws Exception {
        Path directory = WorkDirectories.create(home.resolve("work"), "wd-test-");
        RestoreResult restored = store.restore(KEY, PATTERNS, "PT1H", directory, "e");
        if (!restored.hit()) {
            copyTree(original, directory);
        }
        task.run(directory);
        SaveResult saved = store.save(KEY, PATTERNS, "PT1H", directory, succeeds, restored.hit() ? restored.manifest() : null, "e");
        Optional<String> notKept = store.release(directory);
        WorkFiles.deleteTree(directory);
        return new Run(restored, saved, notKept);
    }

    /** What a HIT now puts in a working directory, in a run that leaves it alone (so that its tree is kept after). */
    private Map<String, String> hitNow(String... reasonContains) throws Exception {
        Map<String, Map<String, String>> seen = new java.util.HashMap<>();
        Run look = run(true, dir -> seen.put("tree", cachedPart(dir)));
        assertThat(look.restore().hit()).as(look.restore().reason()).isTrue();
        if (reasonContains.length > 0) {
            assertThat(look.restore().reason()).contains(reasonContains);
        }
        assertThat(look.save().outcome()).isEqualTo(CacheResult.UNCHANGED);
        return seen.get("tree");
    }

    /** The same, for a HIT that must come from the archive: no tree was kept. */
    private Map<String, String> hitFromArchive() throws Exception {
        assertThat(home.resolve("cache/kept").resolve(store.find(KEY).orElseThrow().blob())).doesNotExist();
        return hitNow();
    }

    private Path keptFolder() throws Exception {
        return home.resolve("cache/kept").resolve(store.find(KEY).orElseThrow().blob());
    }

    @Test
    void theSavingRunsTreeIsKeptAndTheNextHitMovesItBackExactlyAsTheArchiveWould() throws Exception {
        Run first = run(true, dir -> { });
        assertThat(first.save().outcome()).isEqualTo(CacheResult.SAVED);
        assertThat(first.notKept()).isEmpty();
        assertThat(keptFolder().resolve("tree")).isDirectory();
        assertThat(store.find(KEY).orElseThrow().keptBytes()).isEqualTo(first.save().bytes());

        Path warm = WorkDirectories.create(home.resolve("work"), "wd-warm-");
        RestoreResult hit = store.restore(KEY, PATTERNS, "PT1H", warm, "e");
        assertThat(hit.reason()).contains("by moving back the last run's tree");
        assertThat(keptFolder()).as("the tree is the run's while it runs").doesNotExist();
        // another run meanwhile restores from the archive: the same tree, to the second
        Path cold = WorkDirectories.create(home.resolve("work"), "wd-cold-");
        RestoreResult fromArchive = store.restore(KEY, PATTERNS, "PT1H", cold, "e");
        assertThat(fromArchive.reason()).doesNotContain("moving back");
        assertThat(cachedPart(warm)).isEqualTo(expected).isEqualTo(cachedPart(cold));

        assertThat(store.save(KEY, PATTERNS, "PT1H", warm, true, hit.manifest(), "e").outcome()).isEqualTo(CacheResult.UNCHANGED);
        assertThat(store.release(warm)).isEmpty();
        assertThat(warm).as("moved away, not deleted").doesNotExist();
        assertThat(store.save(KEY, PATTERNS, "PT1H", cold, true, fromArchive.manifest(), "e").outcome())
                .isEqualTo(CacheResult.UNCHANGED);
        assertThat(store.release(cold)).hasValueSatisfying(why -> assertThat(why).contains("another run kept its tree first"));
        assertThat(hitNow("moving back")).isEqualTo(expected);
    }

    @Test
    void pathsOutsideThePatternsAreLeftBehindAndATreeFromTheArchiveIsKeptAfterItsRun() throws Exception {
        run(true, dir -> { });
        store.invalidateAll();
        run(true, dir -> { }); // saved again: kept
        Path kept = keptFolder();
        WorkFiles.deleteTree(kept); // as if never kept: the next hit restores from the archive
        Run fromArchive = run(true, dir -> {
            Files.writeString(dir.resolve("build.log"), "not cached");
            Files.writeString(dir.resolve("venv/lib/notes.md"), "matched by venv/**: a change");
        });
        assertThat(fromArchive.restore().reason()).doesNotContain("moving back");
        assertThat(fromArchive.save().outcome()).isEqualTo(CacheResult.SAVED);
        assertThat(keptFolder().resolve("tree/build.log")).doesNotExist();
        assertThat(keptFolder().resolve("tree/not-cached.txt")).doesNotExist();
        assertThat(hitNow("moving back")).containsKey("venv/lib/notes.md");
    }

    /** What a task may do to the files restored for it. */
    enum Tamper {
        EDIT_IN_PLACE_KEEPING_SIZE_AND_TIME, TRUNCATE, DELETE, CHMOD, REPLACE_BY_RENAME, CHMOD_AND_BACK;

        void apply(Path root) throws Exception {
            Path file = root.resolve("venv/lib/python3.11/site-packages/pkg/__init__.py");
            FileTime time = Files.getLastModifiedTime(file);
            switch (this) {
                case EDIT_IN_PLACE_KEEPING_SIZE_AND_TIME -> {
                    try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
                        raw.write("EVIL".getBytes(StandardCharsets.US_ASCII));
                    }
                    Files.setLastModifiedTime(file, time);
                }
                case TRUNCATE -> new RandomAccessFile(file.toFile(), "rw").getChannel().truncate(3).close();
                case DELETE -> Files.delete(file);
                case CHMOD -> Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxrwxrwx"));
                case REPLACE_BY_RENAME -> {
                    Path other = Files.writeString(root.resolve("venv/other"), "VERSION = '6.6'\n");
                    Files.setLastModifiedTime(other, time);
                    Files.move(other, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
                case CHMOD_AND_BACK -> {
                    var before = Files.getPosixFilePermissions(file);
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxrwxrwx"));
                    Files.setPosixFilePermissions(file, before);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Tamper.class)
    void whatAFailingRunDoesToItsFilesNeverReachesTheNextHit(Tamper tamper) throws Exception {
        run(true, dir -> { });
        Run failed = run(false, tamper::apply);
        assertThat(failed.restore().reason()).contains("moving back");
        assertThat(failed.save().outcome()).isEqualTo(CacheResult.NOT_SAVED);
        assertThat(hitFromArchive()).isEqualTo(expected);
    }

    @Test
    void aFailingRunThatLeftItsFilesAloneKeepsTheFastPath() throws Exception {
        run(true, dir -> { });
        Run failed = run(false, dir -> Files.writeString(dir.resolve("error.log"), "boom"));
        assertThat(failed.notKept()).isEmpty();
        assertThat(hitNow("moving back")).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(value = Tamper.class, names = {"EDIT_IN_PLACE_KEEPING_SIZE_AND_TIME", "CHMOD_AND_BACK"})
    void aChangeThatKeepsPathsSizesModesAndTimesIsSavedNotTakenForUnchanged(Tamper tamper) throws Exception {
        run(true, dir -> { });
        Map<String, Map<String, String>> after = new java.util.HashMap<>();
        Run sneaky = run(true, dir -> {
            tamper.apply(dir);
            after.put("tree", cachedPart(dir));
        });
        assertThat(sneaky.restore().reason()).contains("moving back");
        assertThat(sneaky.save().outcome()).as(sneaky.save().reason()).isEqualTo(CacheResult.SAVED);
        assertThat(hitNow("moving back")).isEqualTo(after.get("tree"));
        WorkFiles.deleteTree(keptFolder());
        assertThat(hitFromArchive()).as("the archive holds the change too").isEqualTo(after.get("tree"));
    }

    @ParameterizedTest
    @EnumSource(Tamper.class)
    void aKeptTreeTamperedWithBetweenRunsIsDetectedAndTheArchiveServes(Tamper tamper) throws Exception {
        run(true, dir -> { });
        tamper.apply(keptFolder().resolve("tree"));
        assertThat(hitNow("from the archive: the kept tree was not as kept")).isEqualTo(expected);
    }

    @Test
    void aFileOrFolderAddedToAKeptTreeIsDetected() throws Exception {
        run(true, dir -> { });
        Files.writeString(keptFolder().resolve("tree/venv/bin/intruder"), "x");
        assertThat(hitNow("from the archive: the kept tree was not as kept")).isEqualTo(expected);
        Files.createDirectory(keptFolder().resolve("tree/venv/new-folder")); // kept again by that run
        assertThat(hitNow("a folder's content changed after it was kept")).isEqualTo(expected);
        Files.writeString(keptFolder().resolve("tree/outside.txt"), "x");
        assertThat(hitNow("the kept tree was not as kept")).isEqualTo(expected);
    }

    @Test
    void aSealWhoseHorizonsWereMovedLaterToLetAnEditedTreeThroughIsRefused() throws Exception {
        run(true, dir -> { });
        Path seal = keptFolder().resolve("seal");
        Tamper.EDIT_IN_PLACE_KEEPING_SIZE_AND_TIME.apply(keptFolder().resolve("tree"));
        java.util.Properties p = new java.util.Properties();
        try (var in = Files.newBufferedReader(seal)) {
            p.load(in);
        }
        String later = java.time.Instant.now().plusSeconds(3600).toString();
        p.setProperty("filesHorizon", later);
        p.setProperty("foldersHorizon", later);
        try (var out = Files.newBufferedWriter(seal)) {
            p.store(out, null);
        }
        assertThat(hitNow("from the archive: the kept tree's seal is unreadable (its signature does not match"))
                .isEqualTo(expected);
        assertThat(hitNow("moving back")).as("the tree kept after that run is signed again").isEqualTo(expected);
    }

    @Test
    void treesSignedWithAKeyThatIsGoneAreNotUsedAndTheKeyIsOnlyItsOwnersToRead() throws Exception {
        run(true, dir -> { });
        Path key = home.resolve("cache/seal-key");
        assertThat(Files.getPosixFilePermissions(key)).containsExactlyInAnyOrder(
                java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        Files.delete(key);
        store = CacheStore.open(database, home.resolve("cache"), CacheStore.DEFAULT_MAX_BYTES); // a new key is made
        assertThat(key).exists();
        assertThat(hitNow("its signature does not match")).isEqualTo(expected);
        assertThat(hitNow("moving back")).isEqualTo(expected);
    }

    @Test
    void anotherProcessRestoringWhileTheTreeIsTakenGetsACompleteTreeFromTheArchive() throws Exception {
        run(true, dir -> { });
        Path warm = WorkDirectories.create(home.resolve("work"), "wd-warm-");
        assertThat(store.restore(KEY, PATTERNS, "PT1H", warm, "e").reason()).contains("moving back");
        Path other = Files.createDirectories(home.resolve("other-process"));
        Process restoring = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CacheProbe.class.getName(), "restore", home.toString(), other.toString(),
                KEY.toString(), String.join(",", PATTERNS)).redirectErrorStream(true).start();
        assertThat(restoring.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(restoring.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).startsWith("HIT restored");
        assertThat(cachedPart(other)).isEqualTo(expected).isEqualTo(cachedPart(warm));
    }

    @Test
    void whatACrashLeftIsRemovedWhenTheCacheIsNextOpened() throws Exception {
        run(true, dir -> { });
        long dead = deadPid();
        Path kept = home.resolve("cache/kept");
        Files.createDirectories(kept.resolve(dead + "-claim-1234/tree/venv"));
        Files.createDirectories(kept.resolve(dead + "-keep-5678/tree/venv"));
        Files.createDirectories(kept.resolve("1-00000000-0000-0000-0000-000000000000.tar.zst/tree")); // no entry names it
        store = CacheStore.open(database, home.resolve("cache"), CacheStore.DEFAULT_MAX_BYTES);
        try (Stream<Path> left = Files.list(kept)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly(store.find(KEY).orElseThrow().blob());
        }
        assertThat(hitNow("moving back")).isEqualTo(expected);
    }

    @Test
    void aTreeThatWouldPassTheSizeLimitIsNotKeptAndOthersGoFirst() throws Exception {
        Run first = run(true, dir -> { });
        long archive = store.find(KEY).orElseThrow().compressedBytes();
        long tree = first.save().bytes();
        CacheKey other = new CacheKey("company.team", "flow", "other");
        Path otherDir = WorkDirectories.create(home.resolve("work"), "wd-other-");
        copyTree(original, otherDir);
        store.save(other, PATTERNS, null, otherDir, true, null, "e");
        store.release(otherDir);
        assertThat(store.find(other).orElseThrow().keptBytes()).isPositive();

        // room for both archives and one tree: keeping this key's tree again removes the other's, not its archive
        database.close();
        database = Database.open(home.resolve("flowbench.db"));
        store = CacheStore.open(database, home.resolve("cache"), 2 * archive + tree + tree / 2);
        run(true, dir -> { });
        assertThat(store.find(KEY).orElseThrow().keptBytes()).isEqualTo(tree);
        assertThat(store.find(other)).hasValueSatisfying(entry -> assertThat(entry.keptBytes()).isZero());

        database.close();
        database = Database.open(home.resolve("flowbench.db"));
        store = CacheStore.open(database, home.resolve("cache"), 2 * archive + tree / 2);
        Run tight = run(true, dir -> { });
        assertThat(tight.notKept()).hasValueSatisfying(why -> assertThat(why).contains("would pass the cache's limit"));
        assertThat(store.find(KEY).orElseThrow().keptBytes()).isZero();
        assertThat(store.find(other)).isPresent();
    }

    @Test
    void invalidatingAnEntryRemovesItsKeptTreeToo() throws Exception {
        run(true, dir -> { });
        Path kept = keptFolder();
        assertThat(store.invalidate(List.of(KEY))).containsExactly(KEY);
        assertThat(kept).doesNotExist();
    }

    @Test
    void aWorkingDirectoryOnAnotherFilesystemFallsBackToTheArchiveAndSaysWhy() throws Exception {
        Path shm = Path.of("/dev/shm");
        assumeThat(Files.isDirectory(shm) && Files.isWritable(shm)).as("a tmpfs at /dev/shm").isTrue();
        assumeThat(Files.getAttribute(shm, "unix:dev")).isNotEqualTo(Files.getAttribute(home, "unix:dev"));
        run(true, dir -> { });
        Path elsewhere = Files.createTempDirectory(shm, "flowbench-kept-test-");
        try {
            Path directory = Files.createDirectory(elsewhere.resolve("wd"));
            RestoreResult hit = store.restore(KEY, PATTERNS, "PT1H", directory, "e");
            assertThat(hit.reason()).contains("from the archive: the working directory", "another filesystem", "work.dir");
            assertThat(cachedPart(directory)).isEqualTo(expected);
            store.save(KEY, PATTERNS, "PT1H", directory, true, hit.manifest(), "e");
            assertThat(store.release(directory)).hasValueSatisfying(why -> assertThat(why).contains("another filesystem"));
            assertThat(keptFolder()).as("the tree kept before is still there").isDirectory();
        } finally {
            WorkFiles.deleteTree(elsewhere);
        }
    }

    private static Map<String, String> cachedPart(Path root) throws Exception {
        Map<String, String> all = Trees.describe(root);
        all.keySet().removeIf(path -> !path.startsWith("venv/"));
        return all;
    }

    private static void copyTree(Path from, Path to) throws Exception {
        Process copy = new ProcessBuilder("cp", "-a", from + "/.", to.toString()).redirectErrorStream(true).start();
        assertThat(copy.waitFor()).isZero();
    }

    private static long deadPid() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        assertThat(Files.exists(Path.of("/proc/" + gone.pid()), LinkOption.NOFOLLOW_LINKS)).isFalse();
        return gone.pid();
    }
}
