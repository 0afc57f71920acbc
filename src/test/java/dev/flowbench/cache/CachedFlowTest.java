package dev.flowbench.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowbench.engine.Engine;
import dev.flowbench.engine.EngineSettings;
import dev.flowbench.engine.ExecutionEvent;
import dev.flowbench.engine.ExecutionResult;
import dev.flowbench.engine.State;
import dev.flowbench.flow.Flow;
import dev.flowbench.flow.check.FlowValidator;
import dev.flowbench.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache through the engine: real flows, real processes, files on disk. */
class CachedFlowTest {

    @TempDir
    Path home;

    private Database database;
    private Engine engine;
    private CacheStore store;
    private final List<ExecutionEvent> events = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void open() throws Exception {
        database = Database.open(home.resolve("db"));
        store = CacheStore.open(database, home.resolve("cache"), CacheStore.DEFAULT_MAX_BYTES);
        engine = new Engine(EngineSettings.of(home.resolve("executions"), home.resolve("work"), new CacheHooks(store)));
    }

    @AfterEach
    void close() throws Exception {
        database.close();
    }

    private ExecutionResult run(String yaml) throws Exception {
        events.clear();
        Flow flow = new FlowValidator().validate(yaml).flow();
        return engine.start(flow, Map.of(), List.of(events::add)).await(Duration.ofMinutes(5));
    }

    private List<String> cacheEvents() {
        synchronized (events) {
            return events.stream().filter(ExecutionEvent.CacheEvent.class::isInstance)
                    .map(e -> ((ExecutionEvent.CacheEvent) e).result().name()).toList();
        }
    }

    private List<String> logs(String task) {
        synchronized (events) {
            return events.stream().filter(e -> e instanceof ExecutionEvent.LogLine l && task.equals(l.taskId()))
                    .map(e -> ((ExecutionEvent.LogLine) e).message()).toList();
        }
    }

    @Test
    void aGeneratedTreeIsSavedThenRestoredOnTheNextRun() throws Exception {
        String flow = Files.readString(Path.of("sample-flows/shell_cached_tree.yml"));
        assertThat(run(flow).state()).isEqualTo(State.SUCCESS);
        assertThat(cacheEvents()).containsExactly("MISS", "SAVED");
        assertThat(logs("install")).containsExactly("deps installed");

        assertThat(run(flow).state()).isEqualTo(State.SUCCESS);
        assertThat(cacheEvents()).containsExactly("HIT", "UNCHANGED");
        assertThat(logs("install")).containsExactly("deps restored: 202 files");
        assertThat(logs("use_tree")).containsExactly("tool v1");
        ExecutionEvent.CacheEvent hit = (ExecutionEvent.CacheEvent) events.stream()
                .filter(ExecutionEvent.CacheEvent.class::isInstance).findFirst().orElseThrow();
        assertThat(hit.taskId()).isEqualTo("build_tree");
        // the tree the saving run left was kept beside the archive: the hit moves it back instead of writing its files
        assertThat(hit.reason()).matches("restored 203 files \\([0-9.]+ KB\\) in [0-9.]+ s by moving back the last run's tree \\(checked unchanged\\)");
        assertThat(hit.details()).containsEntry("key", "flowbench.samples/shell_cached_tree/build_tree");
    }

    @Test
    void aFailedWorkingDirectoryIsNotSavedAndKeepsThePreviousEntry() throws Exception {
        String template = """
                id: failing
                namespace: test
                tasks:
                  - id: wd
                    type: io.kestra.plugin.core.flow.WorkingDirectory
                    cache:
                      patterns: [out/**]
                      ttl: PT1H
                    tasks:
                      - id: make
                        type: io.kestra.plugin.scripts.shell.Commands
                        commands:
                          - mkdir -p out && echo %s > out/v.txt
                          - exit %d
                """;
        run(template.formatted("good", 0));
        assertThat(cacheEvents()).containsExactly("MISS", "SAVED");
        ExecutionResult failed = run(template.formatted("bad", 1));
        assertThat(failed.state()).isEqualTo(State.FAILED);
        assertThat(cacheEvents()).containsExactly("HIT", "NOT_SAVED");
        Path restored = Files.createTempDirectory(home, "check");
        assertThat(store.restore(new CacheKey("test", "failing", "wd"), List.of("out/**"), "PT1H", restored, "e").hit()).isTrue();
        assertThat(restored.resolve("out/v.txt")).hasContent("good");
    }

    @Test
    void inputFilesWinOverCachedFiles() throws Exception {
        String flow = """
                id: inputs_win
                namespace: test
                tasks:
                  - id: wd
                    type: io.kestra.plugin.core.flow.WorkingDirectory
                    inputFiles:
                      conf/settings.txt: "{{ execution.id }}"
                    cache:
                      patterns: ["conf/**"]
                    tasks:
                      - id: show
                        type: io.kestra.plugin.scripts.shell.Commands
                        commands: [cat conf/settings.txt]
                """;
        ExecutionResult first = run(flow);
        ExecutionResult second = run(flow);
        assertThat(cacheEvents()).first().isEqualTo("HIT");
        assertThat(logs("show")).containsExactly(second.id());
        assertThat(first.id()).isNotEqualTo(second.id());
    }

    @Test
    void anInputFileIsNeverWrittenThroughACachedLinkThatLeadsOutside() throws Exception {
        Path outside = Files.writeString(home.resolve("outside.txt"), "untouched");
        String flow = """
                id: link_out
                namespace: test
                tasks:
                  - id: wd
                    type: io.kestra.plugin.core.flow.WorkingDirectory
                    inputFiles:
                      deps/cfg: from the flow
                    cache:
                      patterns: ["deps/**"]
                    tasks:
                      - id: tamper
                        type: io.kestra.plugin.scripts.shell.Commands
                        commands:
                          - cat deps/cfg
                          - rm deps/cfg && ln -s %s deps/cfg
                """.formatted(outside);
        run(flow);
        assertThat(run(flow).state()).isEqualTo(State.SUCCESS);
        assertThat(cacheEvents()).first().isEqualTo("HIT");
        assertThat(outside).hasContent("untouched");
        assertThat(logs("tamper")).first().isEqualTo("from the flow");
        assertThat(logs("wd")).anySatisfy(line -> assertThat(line)
                .contains("'deps/cfg' was a symbolic link to " + outside, "replaced by the file instead of being written through"));
    }

    @Test
    void anInputFileUnderACachedFolderLinkThatLeadsOutsideIsRefused() throws Exception {
        Path outside = Files.createDirectories(home.resolve("outside"));
        String flow = """
                id: folder_link_out
                namespace: test
                tasks:
                  - id: wd
                    type: io.kestra.plugin.core.flow.WorkingDirectory
                    inputFiles:
                      deps/sub/new.txt: planted
                    cache:
                      patterns: ["deps/**"]
                    tasks:
                      - id: tamper
                        type: io.kestra.plugin.scripts.shell.Commands
                        commands:
                          - rm -r deps/sub && ln -s %s deps/sub
                """.formatted(outside);
        run(flow);
        ExecutionResult second = run(flow);
        assertThat(second.state()).isEqualTo(State.FAILED);
        assertThat(cacheEvents()).first().isEqualTo("HIT");
        ExecutionEvent.TaskFinished wd = events.stream().filter(e -> e instanceof ExecutionEvent.TaskFinished f
                && f.taskId().equals("wd")).map(ExecutionEvent.TaskFinished.class::cast).findFirst().orElseThrow();
        assertThat(wd.message()).contains("cannot write 'deps/sub/new.txt': 'deps/sub' is a symbolic link to " + outside,
                "outside the working directory");
        try (var planted = Files.list(outside)) {
            assertThat(planted).isEmpty();
        }
    }

    @Test
    void theSeedsNodeExampleMissesThenHitsAndNpmFindsThePackageInstalledTheSecondTime() throws Exception {
        String flow = Files.readString(Path.of("sample-flows/node_cached_dependencies.yml"));
        ExecutionResult first = run(flow);
        assertThat(first.state()).as(logs("node_script").toString()).isIn(State.SUCCESS, State.WARNING);
        assertThat(cacheEvents()).containsExactly("MISS", "SAVED");
        assertThat(logs("node_script")).anySatisfy(line -> assertThat(line).containsPattern("added \\d+ package"));

        ExecutionResult second = run(flow);
        assertThat(second.state()).isIn(State.SUCCESS, State.WARNING);
        assertThat(cacheEvents()).first().isEqualTo("HIT");
        // npm finds the package in the restored node_modules: it is "changed" or "up to date", not "added"
        assertThat(logs("node_script")).anySatisfy(line -> assertThat(line).containsPattern("changed \\d+ package|up to date"))
                .noneSatisfy(line -> assertThat(line).containsPattern("added \\d+ package"))
                .anySatisfy(line -> assertThat(line).contains("Hello"));
    }
    /**
     * Inside a Loop each value has an entry of its own (Kestra 2.0 shares one between the iterations: on its second run
     * every iteration restored every value's files, kestra-oracle): the second run restores to each value its files only.
     */
    @Test
    void aCachedWorkingDirectoryInALoopHasAnEntryPerValue() throws Exception {
        String flow = """
                id: wdloop
                namespace: q.loop
                tasks:
                  - id: loop
                    type: io.kestra.plugin.core.flow.Loop
                    values: ["a", "b"]
                    tasks:
                      - id: wd
                        type: io.kestra.plugin.core.flow.WorkingDirectory
                        cache:
                          patterns: ["out/**"]
                          ttl: PT1H
                        tasks:
                          - id: sh
                            type: io.kestra.plugin.scripts.shell.Commands
                            taskRunner:
                              type: io.kestra.plugin.core.runner.Process
                            commands:
                              - mkdir -p out
                              - echo "seen=$(ls out | tr '\\n' ',')"
                              - "[ -f out/{{ item.value }} ] || touch out/{{ item.value }}"
                """;
        assertThat(run(flow).state()).isEqualTo(State.SUCCESS);
        assertThat(cacheEvents()).containsExactly("MISS", "SAVED", "MISS", "SAVED");
        assertThat(logs("sh")).containsExactly("seen=", "seen=");

        assertThat(run(flow).state()).isEqualTo(State.SUCCESS);
        assertThat(cacheEvents()).containsExactly("HIT", "UNCHANGED", "HIT", "UNCHANGED");
        assertThat(logs("sh")).containsExactly("seen=a,", "seen=b,");
        assertThat(store.list()).extracting(entry -> entry.key().toString())
                .containsExactlyInAnyOrder("q.loop/wdloop/wd/a", "q.loop/wdloop/wd/b");
        assertThat(CacheKey.parse("q.loop/wdloop/wd/a/b")).isEqualTo(new CacheKey("q.loop", "wdloop", "wd", "a/b"));
        assertThat(CacheKey.inIteration("n", "f", "t", "x".repeat(65)).value()).startsWith("sha256:").hasSize(23);
    }
}
