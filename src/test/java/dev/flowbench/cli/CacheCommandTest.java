package dev.flowbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheCommandTest {

    private static final String FLOW = "sample-flows/shell_cached_tree.yml";
    private static final String KEY = "flowbench.samples/shell_cached_tree/build_tree";

    @TempDir
    Path home;

    @BeforeEach
    void pointHomeAtATemporaryFolder() {
        System.setProperty("flowbench.home", home.toString());
    }

    @AfterEach
    void restore() {
        System.clearProperty("flowbench.home");
    }

    private static ValidateCommandTest.Result run(String... args) {
        return ValidateCommandTest.run(args);
    }

    @Test
    void runPrintsACacheLinePerWorkingDirectory() {
        ValidateCommandTest.Result first = run("run", FLOW);
        assertThat(first.exit()).isZero();
        assertThat(first.out()).contains("[build_tree] cache MISS: no entry yet")
                .containsPattern("\\[build_tree] cache SAVED: saved 203 files \\(.+\\) in [0-9.]+ s");
        ValidateCommandTest.Result second = run("run", FLOW);
        assertThat(second.out()).containsPattern("\\[build_tree] cache HIT: restored 203 files \\([0-9.]+ KB\\) in [0-9.]+ s");
        String id = second.out().substring(second.out().lastIndexOf("execution ") + "execution ".length()).strip();
        assertThat(run("runs", "show", id).out()).contains("[build_tree] cache HIT: restored 203 files", "cache UNCHANGED");

        List<String> listed = run("runs").out().lines().toList(); // each execution's hits and misses, newest first
        assertThat(listed.get(0)).contains("CACHE");
        assertThat(listed.get(1)).contains(id, "1 hit, 0 misses");
        assertThat(listed.get(2)).contains("0 hits, 1 miss");
    }

    @Test
    void runsJsonCountsEachExecutionsHitsAndMisses() throws Exception {
        run("run", FLOW);
        run("run", FLOW);
        com.fasterxml.jackson.databind.JsonNode runs = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run("runs", "--json").out());
        assertThat(runs.get(0).get("cacheHits").asInt()).isEqualTo(1);
        assertThat(runs.get(0).get("cacheMisses").asInt()).isZero();
        assertThat(runs.get(1).get("cacheHits").asInt()).isZero();
        assertThat(runs.get(1).get("cacheMisses").asInt()).isEqualTo(1);
    }

    @Test
    void jsonRunEmitsCacheEvents() throws Exception {
        run("run", FLOW);
        ValidateCommandTest.Result result = run("run", "--json", FLOW);
        List<JsonNode> cache = result.out().lines().map(CacheCommandTest::json)
                .filter(e -> e.get("type").asText().equals("cache")).toList();
        assertThat(cache).extracting(e -> e.get("result").asText()).containsExactly("HIT", "UNCHANGED");
        assertThat(cache.get(0).get("taskId").asText()).isEqualTo("build_tree");
        assertThat(cache.get(0).get("reason").asText()).startsWith("restored 203 files");
    }

    @Test
    void lsShowAndRm() throws Exception {
        run("run", FLOW);
        run("run", FLOW);
        ValidateCommandTest.Result ls = run("cache", "ls", "--json");
        JsonNode entry = json(ls.out()).get(0);
        assertThat(entry.get("key").asText()).isEqualTo(KEY);
        assertThat(entry.get("kind").asText()).isEqualTo("workingDirectory");
        assertThat(entry.get("namespace").asText()).isEqualTo("flowbench.samples");
        assertThat(entry.get("flowId").asText()).isEqualTo("shell_cached_tree");
        assertThat(entry.get("taskId").asText()).isEqualTo("build_tree");
        assertThat(entry.get("patterns").get(0).asText()).isEqualTo("deps/**");
        assertThat(entry.get("ttl").asText()).isEqualTo("PT10M");
        assertThat(entry.get("fileCount").asLong()).isEqualTo(203);
        assertThat(entry.get("sizeBytes").asLong()).isPositive();
        assertThat(entry.get("hits").asLong()).isEqualTo(1);
        assertThat(entry.get("misses").asLong()).isEqualTo(1);
        assertThat(entry.get("expired").asBoolean()).isFalse();
        assertThat(entry.get("expiresAt").asText()).isNotEmpty();
        assertThat(entry.has("createdAt") && entry.has("lastUsedAt")).isTrue();

        // the second run left its tree as restored: kept beside the archive, counted, shown
        assertThat(entry.get("keptBytes").asLong()).isEqualTo(entry.get("sizeBytes").asLong());
        assertThat(run("cache", "ls").out()).contains(KEY, "PT10M", "1 entry", "ARCHIVE", "KEPT", "archives and kept trees");
        ValidateCommandTest.Result show = run("cache", "show", KEY);
        assertThat(show.out()).contains("deps/tool -> bin/tool", "deps/empty/", "0755", "HIT", "MISS: no entry yet",
                "beside the archive: the next hit moves it back");
        try (java.util.stream.Stream<Path> kept = Files.list(home.resolve("cache/kept"))) {
            assertThat(kept.count()).isEqualTo(1);
        }

        ValidateCommandTest.Result rm = run("cache", "rm", KEY, "no/such/key");
        assertThat(rm.exit()).isEqualTo(1);
        assertThat(rm.out()).contains("removed " + KEY);
        assertThat(rm.err()).contains("no cache entry no/such/key");
        try (java.util.stream.Stream<Path> kept = Files.list(home.resolve("cache/kept"))) {
            assertThat(kept.toList()).as("the kept tree goes with its entry").isEmpty();
        }
        assertThat(run("run", FLOW).out()).containsPattern("cache MISS: invalidated \\d+ s ago");
        assertThat(run("cache", "rm", "--flow", "flowbench.samples/shell_cached_tree").out()).contains("1 entry removed");
        assertThat(run("cache", "rm", "--all").out()).contains("0 entries removed");
        assertThat(run("cache", "rm", "--expired").exit()).isZero();
    }

    @Test
    void aTaskWithTaskCacheIsReusedOnTheNextRunAndCacheRmRemovesIt() throws Exception {
        Path flow = Files.writeString(home.resolve("reuse.yml"), """
                id: reuse
                namespace: test
                tasks:
                  - id: slow
                    type: io.kestra.plugin.scripts.shell.Commands
                    taskCache:
                      enabled: true
                      ttl: PT1H
                    commands:
                      - echo computed
                      - echo '::{"outputs":{"answer":42}}::'
                  - id: after
                    type: io.kestra.plugin.core.log.Log
                    message: "answer {{ outputs.slow.vars.answer }}"
                """);
        assertThat(run("validate", flow.toString()).exit()).isZero();
        assertThat(run("run", flow.toString()).out()).contains("[slow] cache MISS: no entry yet", "computed", "answer 42");
        ValidateCommandTest.Result second = run("run", flow.toString());
        assertThat(second.out()).contains("[slow] cache HIT: reused the outputs of execution ", "answer 42")
                .doesNotContain("computed");
        ValidateCommandTest.Result fresh = run("run", "--fresh", flow.toString());
        assertThat(fresh.out()).contains("[slow] cache MISS: run fresh: no stored outcome is reused", "computed", "answer 42");
        String freshId = fresh.out().substring(fresh.out().lastIndexOf("execution ") + "execution ".length()).strip();
        assertThat(run("run", flow.toString()).out()).as("the fresh run's outcome is the one stored now")
                .contains("[slow] cache HIT: reused the outputs of execution " + freshId).doesNotContain("computed");
        assertThat(run("cache", "ls").out()).contains("TASK (taskCache)", "test/reuse/slow", "1 task outcome stored for reuse");
        JsonNode listed = json(run("cache", "ls", "--json").out()).get(0);
        assertThat(listed.get("kind").asText()).isEqualTo("task");
        assertThat(listed.get("key").asText()).isEqualTo("test/reuse/slow");
        assertThat(listed.get("ttl").asText()).isEqualTo("PT1H");
        ValidateCommandTest.Result rm = run("cache", "rm", "test/reuse/slow");
        assertThat(rm.exit()).isZero();
        assertThat(rm.out()).contains("removed test/reuse/slow");
        assertThat(run("run", flow.toString()).out()).containsPattern("\\[slow] cache MISS: invalidated \\d+ s ago").contains("computed");
    }

    @Test
    void workingDirectoriesOnAnotherFilesystemRestoreFromTheArchiveAndSayWhy() throws Exception {
        Path shm = Path.of("/dev/shm");
        org.assertj.core.api.Assumptions.assumeThat(Files.isDirectory(shm) && Files.isWritable(shm)).isTrue();
        org.assertj.core.api.Assumptions.assumeThat(Files.getAttribute(shm, "unix:dev")).isNotEqualTo(Files.getAttribute(home, "unix:dev"));
        Path work = Files.createTempDirectory(shm, "flowbench-work-");
        try {
            Files.writeString(home.resolve("settings.properties"), "work.dir=" + work + "\n");
            assertThat(run("run", FLOW).out()).contains("cache SAVED");
            ValidateCommandTest.Result hit = run("run", FLOW);
            assertThat(hit.exit()).isZero();
            assertThat(hit.out()).containsPattern("cache HIT: restored 203 files .* from the archive: the working directory \\(" + work
                    + "\\) is on another filesystem than the cache").contains("set work.dir in settings.properties", "tool v1");
            try (java.util.stream.Stream<Path> left = Files.list(work)) {
                assertThat(left.toList()).as("each working directory is removed after its run").isEmpty();
            }
        } finally {
            dev.flowbench.engine.WorkFiles.deleteTree(work);
        }
    }

    @Test
    void anIndexRowNamingAFileOutsideTheCacheNeverReadsNorDeletesIt() throws Exception {
        Path victim = Files.writeString(home.resolve("precious.txt"), "keep me");
        Path outside = home.resolve("cache").resolve("outside.tar.zst");
        for (String forged : List.of(victim.toString(), "../../precious.txt", "../outside.tar.zst")) {
            Files.createDirectories(outside.getParent());
            Files.writeString(outside, "not ours either");
            run("run", FLOW);
            forgeBlob(forged);
            ValidateCommandTest.Result miss = run("run", FLOW);
            assertThat(miss.exit()).isZero();
            assertThat(miss.out()).contains("cache MISS: corrupt: its index row names the archive '" + forged + "'",
                    "no file was touched");
            assertThat(victim).hasContent("keep me");
            assertThat(outside).hasContent("not ours either");

            forgeBlob(forged);
            ValidateCommandTest.Result show = run("cache", "show", KEY);
            assertThat(show.exit()).as("it could not show the entry").isEqualTo(ExitCodes.USAGE);
            assertThat(show.err()).contains("is corrupt: its index row names the archive '" + forged + "'");
            assertThat(run("cache", "ls", "--json").out().strip()).as("the row is gone").isEqualTo("[]");

            run("run", FLOW);
            forgeBlob(forged);
            assertThat(run("cache", "rm", "--all").out()).contains("1 entry removed");
            assertThat(victim).hasContent("keep me");
            assertThat(outside).hasContent("not ours either");
        }
    }

    /** Points the sample's index row at {@code blob}, as a corrupt or hostile database could. */
    private void forgeBlob(String blob) throws Exception {
        try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + home.resolve("flowbench.db"));
             var update = connection.prepareStatement("UPDATE cache_entries SET blob = ? WHERE cache_key = ?")) {
            update.setString(1, blob);
            update.setString(2, KEY);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void theSizeLimitComesFromTheSettingsFileUnlessGivenOnTheCommandLine() throws Exception {
        Files.writeString(home.resolve("settings.properties"), "cache.maxSize = 1.5 MiB\n");
        run("run", FLOW);
        assertThat(run("cache", "ls").out()).contains("(limit 1.5 MB)");
        Files.writeString(home.resolve("settings.properties"), "cache.maxSize = huge\n");
        ValidateCommandTest.Result bad = run("cache", "ls");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("settings.properties: cache.maxSize: 'huge' is not a size");
        assertThat(run("run", "--max-cache-size", "2MB", FLOW).exit()).isZero();
    }

    @Test
    void badArgumentsExitTwo() {
        assertThat(run("cache", "rm").exit()).isEqualTo(2);
        assertThat(run("cache", "rm", "--all", "--expired").exit()).isEqualTo(2);
        ValidateCommandTest.Result badKey = run("cache", "show", "not-a-key");
        assertThat(badKey.exit()).isEqualTo(2);
        assertThat(badKey.err()).contains("NAMESPACE/FLOW_ID/TASK_ID");
        assertThat(run("cache", "show", "a/b/c").exit()).isEqualTo(2);
        ValidateCommandTest.Result badSize = run("run", "--max-cache-size", "lots", FLOW);
        assertThat(badSize.exit()).isEqualTo(2);
        assertThat(badSize.err()).contains("'lots' is not a size");
    }

    @Test
    void twoProcessesRunningTheSameCachedFlowAtOnceLeaveOneWholeEntry() throws Exception {
        Map<String, String> env = Map.of("FLOWBENCH_HOME", home.toString());
        CompletableFuture<CommandLineProcessTest.Outcome> a = CompletableFuture.supplyAsync(() -> launch(env, "run", FLOW));
        CompletableFuture<CommandLineProcessTest.Outcome> b = CompletableFuture.supplyAsync(() -> launch(env, "run", FLOW));
        assertThat(a.get().exit()).as(a.get().out()).isZero();
        assertThat(b.get().exit()).as(b.get().out()).isZero();
        ValidateCommandTest.Result ls = run("cache", "ls", "--json");
        assertThat(json(ls.out())).hasSize(1);
        try (var archives = Files.list(home.resolve("cache/entries"))) {
            assertThat(archives.count()).isEqualTo(1);
        }
        assertThat(run("run", FLOW).out()).contains("cache HIT: restored 203 files");
    }

    private static CommandLineProcessTest.Outcome launch(Map<String, String> env, String... args) {
        try {
            return CommandLineProcessTest.launch(env, args);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(text, e);
        }
    }

    @Test
    void aTtlAndATimeoutTooLongToAddAreTakenAsTenThousandYearsAndBreakNothing(@TempDir Path dir) throws Exception {
        Path flow = Files.writeString(dir.resolve("huge.yml"), """
                id: huge_ttl
                namespace: probe
                tasks:
                  - id: wd
                    type: io.kestra.plugin.core.flow.WorkingDirectory
                    timeout: P106751991167300D
                    cache:
                      patterns: ["a/**"]
                      ttl: P106751991167300D
                    tasks:
                      - id: t
                        type: io.kestra.plugin.scripts.shell.Commands
                        timeout: P106751991167300D
                        taskCache:
                          enabled: true
                          ttl: P106751991167300D
                        commands:
                          - mkdir -p a && echo x > a/x
                """);
        assertThat(run("run", flow.toString()).exit()).isZero();
        ValidateCommandTest.Result listed = run("cache", "ls", "--json");
        assertThat(listed.exit()).as(listed.err()).isZero();
        assertThat(new ObjectMapper().readTree(listed.out()).get(0).get("expiresAt").asText()).startsWith("+1202");
        assertThat(run("cache", "ls").exit()).isZero();
        ValidateCommandTest.Result expired = run("cache", "rm", "--expired");
        assertThat(expired.exit()).as(expired.err()).isZero();
        assertThat(expired.out()).contains("0 entries removed");
        assertThat(run("run", flow.toString()).out()).contains("[wd] cache HIT");
    }
}
