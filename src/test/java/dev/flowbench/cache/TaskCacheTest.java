package dev.flowbench.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowbench.engine.CacheResult;
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

/**
 * Kestra's {@code taskCache} through the engine: a task with it enabled whose rendered definition is the same as in
 * an earlier successful run is not run (no process: its side effect does not happen again), and its outputs and
 * output files come from that run; anything that changes what the task would do is a MISS with its reason.
 */
class TaskCacheTest {

    @TempDir
    Path home;

    private Database database;
    private Engine engine;
    private CacheStore store;
    private Path counter;
    private final List<ExecutionEvent> events = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void open() throws Exception {
        database = Database.open(home.resolve("db"));
        store = CacheStore.open(database, home.resolve("cache"), CacheStore.DEFAULT_MAX_BYTES);
        CacheHooks hooks = new CacheHooks(store);
        engine = new Engine(EngineSettings.of(home.resolve("executions"), home.resolve("work"), hooks, hooks));
        counter = home.resolve("extract-ran.txt");
    }

    @AfterEach
    void close() throws Exception {
        database.close();
    }

    /** An extract task that records each time it really runs, prints an output and writes an output file. */
    private String flow(String extractCommand, String ttl, String transformCommand) {
        return """
                id: etl
                namespace: test
                inputs:
                  - id: region
                    type: STRING
                    defaults: eu
                tasks:
                  - id: extract
                    type: io.kestra.plugin.scripts.shell.Commands
                    taskCache:
                      enabled: true
                      ttl: %s
                    outputFiles:
                      - rows.csv
                    commands:
                      - echo ran >> %s
                      - %s
                      - echo '::{"outputs":{"rows":3}}::'
                  - id: transform
                    type: io.kestra.plugin.scripts.shell.Commands
                    commands:
                      - %s
                """.formatted(ttl, counter, extractCommand, transformCommand);
    }

    private static final String EXTRACT = "printf 'id\\n1\\n2\\n3\\n' > rows.csv && echo 'region {{ inputs.region }}'";
    private static final String TRANSFORM = "echo 'rows {{ outputs.extract.vars.rows }} in {{ outputs.extract.outputFiles[\"rows.csv\"] }}'"
            + " && cat '{{ outputs.extract.outputFiles[\"rows.csv\"] }}' | wc -l";

    private ExecutionResult run(String yaml, Map<String, Object> inputs) throws Exception {
        events.clear();
        Flow flow = new FlowValidator().validate(yaml).flow();
        ExecutionResult result = engine.start(flow, inputs, List.of(events::add)).await(Duration.ofMinutes(2));
        assertThat(result.state()).as(String.valueOf(events)).isEqualTo(State.SUCCESS);
        return result;
    }

    private ExecutionResult run(String yaml) throws Exception {
        return run(yaml, Map.of("region", "eu")); // the engine is given inputs resolved (the command line applies defaults)
    }

    private ExecutionEvent.CacheEvent extractCache() {
        synchronized (events) {
            return events.stream().filter(e -> e instanceof ExecutionEvent.CacheEvent c && c.taskId().equals("extract"))
                    .map(ExecutionEvent.CacheEvent.class::cast).findFirst().orElseThrow();
        }
    }

    private List<String> logs(String task) {
        synchronized (events) {
            return events.stream().filter(e -> e instanceof ExecutionEvent.LogLine l && task.equals(l.taskId()))
                    .map(e -> ((ExecutionEvent.LogLine) e).message().strip()).toList();
        }
    }

    private long extractRuns() throws Exception {
        return Files.exists(counter) ? Files.readAllLines(counter).size() : 0;
    }

    @Test
    void aHitSkipsTheTaskAndGivesItsOutputsAndOutputFilesToTheTasksAfter() throws Exception {
        String yaml = flow(EXTRACT, "PT1H", TRANSFORM);
        ExecutionResult first = run(yaml);
        assertThat(extractCache().result()).isEqualTo(CacheResult.MISS);
        assertThat(extractCache().reason()).isEqualTo("no entry yet");
        assertThat(extractRuns()).isEqualTo(1);

        ExecutionResult second = run(yaml);
        assertThat(extractCache().result()).isEqualTo(CacheResult.HIT);
        assertThat(extractCache().reason()).startsWith("reused the outputs of execution " + first.id() + " from ");
        assertThat(extractRuns()).as("not run again: no process").isEqualTo(1);
        assertThat(logs("extract")).as("nothing printed: it did not run").isEmpty();
        assertThat(logs("transform")).anyMatch(line -> line.startsWith("rows 3 in ") && line.contains(second.id()))
                .contains("4");
    }

    @Test
    void editingTheTaskOrAnInputItReadsIsAMissAndEditingAnotherTaskIsNot() throws Exception {
        run(flow(EXTRACT, "PT1H", TRANSFORM));
        run(flow(EXTRACT, "PT1H", TRANSFORM + " && echo edited downstream"));
        assertThat(extractCache().result()).as("another task edited").isEqualTo(CacheResult.HIT);
        run(flow(EXTRACT, "PT2H", TRANSFORM));
        assertThat(extractCache().result()).as("only the ttl changed").isEqualTo(CacheResult.HIT);

        run(flow(EXTRACT + " && echo more", "PT1H", TRANSFORM));
        assertThat(extractCache().result()).isEqualTo(CacheResult.MISS);
        assertThat(extractCache().reason()).startsWith("its definition changed since execution ");

        run(flow(EXTRACT + " && echo more", "PT1H", TRANSFORM), Map.of("region", "us"));
        assertThat(extractCache().reason()).as("an input it reads").startsWith("its definition changed");
        assertThat(logs("extract")).contains("region us");
        assertThat(extractRuns()).isEqualTo(3);
    }

    @Test
    void anEntryExpiresWithItsTtlAndAFailedRunIsNotStored() throws Exception {
        run(flow(EXTRACT, "PT1S", TRANSFORM));
        Thread.sleep(1_100);
        run(flow(EXTRACT, "PT1S", TRANSFORM));
        assertThat(extractCache().reason()).startsWith("expired ");

        store.invalidateAll();
        String failing = flow(EXTRACT + " && exit 3", "PT1H", TRANSFORM);
        events.clear();
        Flow flow = new FlowValidator().validate(failing).flow();
        assertThat(engine.start(flow, Map.of("region", "eu"), List.of(events::add)).await(Duration.ofMinutes(2)).state())
                .isEqualTo(State.FAILED);
        assertThat(store.taskEntries()).as("only successful runs are stored").isEmpty();
    }

    @Test
    void invalidatingTheEntryIsAMissThatSaysSo() throws Exception {
        run(flow(EXTRACT, "PT1H", TRANSFORM));
        assertThat(store.invalidate(List.of(new CacheKey("test", "etl", "extract")))).hasSize(1);
        run(flow(EXTRACT, "PT1H", TRANSFORM));
        assertThat(extractCache().reason()).startsWith("invalidated ");
        assertThat(extractRuns()).isEqualTo(2);
    }

    @Test
    void aCorruptOutputFileIsAMissThatRemovesTheEntry() throws Exception {
        run(flow(EXTRACT, "PT1H", TRANSFORM));
        try (var stored = Files.list(home.resolve("cache/task-files"))) {
            Files.writeString(stored.findFirst().orElseThrow(), "tampered");
        }
        run(flow(EXTRACT, "PT1H", TRANSFORM));
        assertThat(extractCache().result()).isEqualTo(CacheResult.MISS);
        assertThat(extractCache().reason()).contains("corrupt: output file 'rows.csv' is not the one stored");
        assertThat(extractRuns()).isEqualTo(2);
        run(flow(EXTRACT, "PT1H", TRANSFORM));
        assertThat(extractCache().result()).as("stored again by the run that missed").isEqualTo(CacheResult.HIT);
    }
}
