package dev.flowbench.cache;

import dev.flowbench.engine.CacheResult;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowbench.store.Database;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheStoreTest {

    private static final CacheKey KEY = new CacheKey("company.team", "flow", "working_dir");
    private static final List<String> VENV = List.of("venv/**");

    @TempDir
    Path home;
    @TempDir
    Path source;
    @TempDir
    Path target;

    private Database database;
    private CacheStore store;

    @BeforeEach
    void open() throws Exception {
        database = Database.open(home.resolve("db"));
        store = CacheStore.open(database, home.resolve("cache"), CacheStore.DEFAULT_MAX_BYTES);
    }

    @AfterEach
    void close() throws Exception {
        database.close();
    }

    private SaveResult save(Path dir, String ttl) throws Exception {
        return store.save(KEY, VENV, ttl, dir, true, null, "exec");
    }

    private Map<String, String> cachedPart(Path root) throws Exception {
        Map<String, String> all = Trees.describe(root);
        all.keySet().removeIf(path -> !path.startsWith("venv/"));
        return all;
    }

    @Test
    void aVenvLikeTreeRoundTripsExactly() throws Exception {
        Trees.venvLike(source);
        SaveResult saved = save(source, "PT1H");
        assertThat(saved.outcome()).isEqualTo(CacheResult.SAVED);

        RestoreResult restored = store.restore(KEY, VENV, "PT1H", target, "exec2");
        assertThat(restored.hit()).as(restored.reason()).isTrue();
        assertThat(cachedPart(target)).isEqualTo(cachedPart(source));
        assertThat(Trees.describe(target)).doesNotContainKey("not-cached.txt");
        assertThat(Files.isSymbolicLink(target.resolve("venv/bin/python"))).isTrue();
        assertThat(Files.isExecutable(target.resolve("venv/bin/pip"))).isTrue();
        assertThat(target.resolve("venv/include/empty")).isEmptyDirectory();
        assertThat(restored.reason()).matches("restored \\d+ files \\([0-9.]+ KB\\) in [0-9.]+ s");
        assertThat(store.find(KEY).orElseThrow().hits()).isEqualTo(1);
    }

    @Test
    void whatWasRestoredIsNotSavedAgain() throws Exception {
        Trees.venvLike(source);
        save(source, "PT1H");
        String blob = store.find(KEY).orElseThrow().blob();
        RestoreResult restored = store.restore(KEY, VENV, "PT1H", target, "exec2");

        SaveResult again = store.save(KEY, VENV, "PT1H", target, true, restored.manifest(), "exec2");
        assertThat(again.outcome()).isEqualTo(CacheResult.UNCHANGED);
        assertThat(store.find(KEY).orElseThrow().blob()).isEqualTo(blob);

        Files.writeString(target.resolve("venv/bin/activate"), "changed");
        SaveResult changed = store.save(KEY, VENV, "PT1H", target, true, restored.manifest(), "exec3");
        assertThat(changed.outcome()).isEqualTo(CacheResult.SAVED);
        assertThat(store.find(KEY).orElseThrow().blob()).isNotEqualTo(blob);
        assertThat(Files.list(home.resolve("cache/entries")).count()).isEqualTo(1);
    }

    @Test
    void theTtlIsReadAtRunTimeFromTheLastExecution() throws Exception {
        Trees.venvLike(source);
        save(source, "PT1H");
        ageLastExecution(Duration.ofMinutes(90));

        // edited longer: still valid
        assertThat(store.restore(KEY, VENV, "PT5H", target, "e").hit()).isTrue();
        // the hit slid the window: 90 minutes later again, a PT1H ttl has passed
        ageLastExecution(Duration.ofMinutes(90));
        Path other = Files.createTempDirectory(home, "other");
        RestoreResult expired = store.restore(KEY, VENV, "pt1h", other, "e");
        assertThat(expired.hit()).isFalse();
        assertThat(expired.reason()).isEqualTo("expired 30 min ago");
        assertThat(store.find(KEY)).isEmpty();
        assertThat(other).isEmptyDirectory();
    }

    @Test
    void withoutATtlAnEntryNeverExpires() throws Exception {
        Trees.venvLike(source);
        save(source, null);
        ageLastExecution(Duration.ofDays(400));
        assertThat(store.restore(KEY, VENV, null, target, "e").hit()).isTrue();
        assertThat(store.find(KEY).orElseThrow().expiresAt()).isEmpty();
    }

    @Test
    void aManualInvalidationIsTheReasonOfTheNextMiss() throws Exception {
        Trees.venvLike(source);
        save(source, "PT1H");
        assertThat(store.invalidate(List.of(KEY, new CacheKey("a", "b", "c")))).containsExactly(KEY);
        RestoreResult miss = store.restore(KEY, VENV, "PT1H", target, "e");
        assertThat(miss.hit()).isFalse();
        assertThat(miss.reason()).matches("invalidated \\d+ s ago");
        assertThat(Files.list(home.resolve("cache/entries")).count()).isZero();
        save(source, "PT1H");
        assertThat(store.restore(KEY, VENV, "PT1H", Files.createTempDirectory(home, "t"), "e").hit()).isTrue();
    }

    @Test
    void aCorruptArchiveIsAMissThatRemovesItsEntryAndWhatWasRestored() throws Exception {
        Trees.venvLike(source);
        save(source, "PT1H");
        Path archive = home.resolve("cache/entries").resolve(store.find(KEY).orElseThrow().blob());
        try (RandomAccessFile file = new RandomAccessFile(archive.toFile(), "rw")) {
            file.seek(file.length() - 20);
            int b = file.read();
            file.seek(file.length() - 20);
            file.write(b ^ 0x5A);
        }
        RestoreResult result = store.restore(KEY, VENV, "PT1H", target, "e");
        assertThat(result.hit()).isFalse();
        assertThat(result.reason()).startsWith("corrupt: ").endsWith("the entry was removed");
        assertThat(target).isEmptyDirectory();
        assertThat(store.find(KEY)).isEmpty();
        assertThat(archive).doesNotExist();
        assertThat(store.events(KEY, 10)).extracting(CacheEventRecord::event).contains("MISS", "INVALIDATED");
    }

    @Test
    void aFailedWorkingDirectoryKeepsThePreviousEntry() throws Exception {
        Trees.venvLike(source);
        save(source, "PT1H");
        String blob = store.find(KEY).orElseThrow().blob();
        Files.writeString(source.resolve("venv/bin/activate"), "half-installed");
        SaveResult result = store.save(KEY, VENV, "PT1H", source, false, null, "failed-exec");
        assertThat(result.outcome()).isEqualTo(CacheResult.NOT_SAVED);
        assertThat(result.reason()).contains("failed").contains("previous entry");
        assertThat(store.find(KEY).orElseThrow().blob()).isEqualTo(blob);
    }

    @Test
    void patternsThatMatchNothingAreReported() throws Exception {
        Trees.venvLike(source);
        SaveResult result = store.save(KEY, List.of("venv/**", "node_modules/**"), "PT1H", source, true, null, "e");
        assertThat(result.unmatchedPatterns()).containsExactly("node_modules/**");
        SaveResult nothing = store.save(new CacheKey("n", "f", "t"), List.of("missing/**"), "PT1H", source, true, null, "e");
        assertThat(nothing.outcome()).isEqualTo(CacheResult.NOT_SAVED);
        assertThat(nothing.reason()).contains("no file matched");
    }

    @Test
    void keysAreExactIds() throws Exception {
        Trees.venvLike(source);
        CacheKey underscore = new CacheKey("n", "f", "my_task");
        CacheKey dash = new CacheKey("n", "f", "my-task");
        store.save(underscore, VENV, null, source, true, null, "e");
        assertThat(store.restore(dash, VENV, null, target, "e").hit()).isFalse();
        assertThat(store.restore(underscore, VENV, null, target, "e").hit()).isTrue();
    }

    @Test
    void changedPatternsInvalidateTheEntry() throws Exception {
        Trees.venvLike(source);
        save(source, "PT1H");
        RestoreResult result = store.restore(KEY, List.of("venv/bin/**"), "PT1H", target, "e");
        assertThat(result.hit()).isFalse();
        assertThat(result.reason()).contains("patterns changed");
    }

    @Test
    void theSizeLimitEvictsTheLeastRecentlyUsedEntries() throws Exception {
        database.close();
        database = Database.open(home.resolve("db"));
        store = CacheStore.open(database, home.resolve("cache"), 200_000);
        Path big = Files.createDirectories(source.resolve("venv"));
        java.util.Random random = new java.util.Random(1);
        byte[] noise = new byte[60_000];
        random.nextBytes(noise);
        Files.write(big.resolve("noise.bin"), noise);
        for (String task : List.of("first", "second", "third")) {
            store.save(new CacheKey("n", "f", task), VENV, null, source, true, null, "e");
            Thread.sleep(5);
        }
        store.restore(new CacheKey("n", "f", "first"), VENV, null, target, "e"); // "first" is used again: "second" is oldest
        SaveResult fourth = store.save(new CacheKey("n", "f", "fourth"), VENV, null, source, true, null, "e");
        assertThat(fourth.evicted()).containsExactly(new CacheKey("n", "f", "second"));
        assertThat(store.list()).extracting(e -> e.key().taskId()).containsExactlyInAnyOrder("first", "third", "fourth");
        assertThat(store.totalCompressedBytes()).isLessThanOrEqualTo(200_000);
    }

    @Test
    void invalidationByFlowExpiryOrAll() throws Exception {
        Trees.venvLike(source);
        store.save(new CacheKey("n", "a", "t1"), VENV, "PT1H", source, true, null, "e");
        store.save(new CacheKey("n", "a", "t2"), VENV, "PT1H", source, true, null, "e");
        store.save(new CacheKey("n", "b", "t1"), VENV, "PT1M", source, true, null, "e");
        store.save(new CacheKey("n", "c", "t1"), VENV, null, source, true, null, "e");
        try (Statement statement = database.connection().createStatement()) {
            statement.execute("UPDATE cache_entries SET last_execution_at = last_execution_at - 120000");
        }
        assertThat(store.invalidateExpired(Instant.now())).containsExactly(new CacheKey("n", "b", "t1"));
        assertThat(store.invalidateFlow("n", "a")).hasSize(2);
        assertThat(store.invalidateAll()).containsExactly(new CacheKey("n", "c", "t1"));
        assertThat(store.list()).isEmpty();
    }

    @Test
    void leftoversOfDeadWritersAreRemovedOnOpen() throws Exception {
        Trees.venvLike(source);
        save(source, null);
        Path partial = Files.writeString(home.resolve("cache/tmp/2147483646-dead.partial"), "half");
        Path orphan = Files.writeString(home.resolve("cache/entries/2147483646-orphan.tar.zst"), "unindexed");
        store = CacheStore.open(database, home.resolve("cache"), CacheStore.DEFAULT_MAX_BYTES);
        assertThat(partial).doesNotExist();
        assertThat(orphan).doesNotExist();
        assertThat(store.restore(KEY, VENV, null, target, "e").hit()).isTrue();
    }

    private void ageLastExecution(Duration by) throws Exception {
        try (Statement statement = database.connection().createStatement()) {
            statement.execute("UPDATE cache_entries SET last_execution_at = last_execution_at - " + by.toMillis());
        }
    }

    @Test
    void listingAndInvalidatingAnswerWhileALongSaveRuns() throws Exception {
        Path venv = Files.createDirectories(source.resolve("venv"));
        java.util.Random random = new java.util.Random(7);
        byte[] block = new byte[1 << 20];
        for (int i = 0; i < 128; i++) { // incompressible: the save takes a second or so
            random.nextBytes(block);
            Files.write(venv.resolve("blob-" + i), block);
        }
        java.util.concurrent.atomic.AtomicBoolean saving = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread saver = new Thread(() -> {
            try {
                save(source, "PT1H");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                saving.set(false);
            }
        });
        saver.start();
        Thread.sleep(50); // the save is under way
        int answeredDuringSave = 0;
        while (saving.get()) {
            store.list();
            store.invalidate(List.of(new CacheKey("company.team", "nothing", "here")));
            if (saving.get()) {
                answeredDuringSave++;
            }
        }
        saver.join();
        assertThat(answeredDuringSave).as("list and invalidate answered while the save ran").isGreaterThan(0);
        assertThat(store.find(KEY)).isPresent();
    }
}
