package dev.flowbench.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowbench.engine.Engine;
import dev.flowbench.engine.EngineSettings;
import dev.flowbench.engine.Execution;
import dev.flowbench.engine.ExecutionEvent;
import dev.flowbench.engine.ExecutionResult;
import dev.flowbench.engine.InputResolver;
import dev.flowbench.engine.State;
import dev.flowbench.flow.Flow;
import dev.flowbench.flow.check.FlowValidator;
import dev.flowbench.store.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cache hands back what was saved, whatever the runs around it do: the probe's cases that broke that promise,
 * through the engine with real processes and files on disk.
 */
class CacheNeverWrongTest {

    @TempDir
    Path home;

    private Database database;
    private Engine engine;
    private final List<Long> strays = new ArrayList<>();

    @BeforeEach
    void open() throws Exception {
        database = Database.open(home.resolve("db"));
        CacheStore store = CacheStore.open(database, home.resolve("cache"), CacheStore.DEFAULT_MAX_BYTES);
        CacheHooks hooks = new CacheHooks(store);
        engine = new Engine(EngineSettings.of(home.resolve("executions"), home.resolve("work"), hooks, hooks));
    }

    @AfterEach
    void close() throws Exception {
        strays.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        database.close();
    }

    /** One execution and every event it told. */
    private record Run(Execution execution, List<ExecutionEvent> events) {
        ExecutionResult result() throws Exception {
            return execution.await(Duration.ofMinutes(2));
        }

        List<String> logs(String task) {
            synchronized (events) {
                return events.stream().filter(e -> e instanceof ExecutionEvent.LogLine l && task.equals(l.taskId()))
                        .map(e -> ((ExecutionEvent.LogLine) e).message()).toList();
            }
        }

        List<String> cache(String task) {
            synchronized (events) {
                return events.stream().filter(e -> e instanceof ExecutionEvent.CacheEvent c && task.equals(c.taskId()))
                        .map(e -> ((ExecutionEvent.CacheEvent) e).result() + ": " + ((ExecutionEvent.CacheEvent) e).reason()).toList();
            }
        }
    }

    private Run start(String yaml, Map<String, String> inputs, CountDownLatch onSaved) {
        Flow flow = new FlowValidator().validate(yaml).flow();
        InputResolver.Resolved resolved = InputResolver.resolve(flow.inputs(), inputs);
        assertThat(resolved.errors()).isEmpty();
        List<ExecutionEvent> events = Collections.synchronizedList(new ArrayList<>());
        Execution execution = engine.start(flow, resolved.values(), List.of(event -> {
            events.add(event);
            if (event instanceof ExecutionEvent.TaskFinished finished && finished.taskId().equals("wd")) {
                onSaved.countDown();
            }
        }));
        return new Run(execution, events);
    }

    private Run run(String yaml, Map<String, String> inputs) throws Exception {
        Run run = start(yaml, inputs, new CountDownLatch(1));
        run.result();
        return run;
    }

    private static final String BACKGROUND_WRITER = """
            id: writer
            namespace: probe
            inputs:
              - id: look_after
                type: INT
                defaults: 0
              - id: keep_running
                type: INT
                defaults: 0
              - id: leave_writer
                type: STRING
                defaults: "false"
            tasks:
              - id: wd
                type: io.kestra.plugin.core.flow.WorkingDirectory
                cache:
                  patterns: ["deps/**"]
                  ttl: PT1H
                tasks:
                  - id: fill
                    type: io.kestra.plugin.scripts.shell.Commands
                    commands:
                      - mkdir -p deps
                      - test -f deps/data.txt || echo saved > deps/data.txt
                      - if {{ inputs.leave_writer }}; then %s fi
                      - sleep {{ inputs.look_after }}
                      - cat deps/data.txt
              - id: after
                type: io.kestra.plugin.scripts.shell.Commands
                commands:
                  - sleep {{ inputs.keep_running }}
            """;

    @Test
    void aBackgroundWriterLeftByOneExecutionNeverReachesAnotherExecutionsHit() throws Exception {
        String flow = BACKGROUND_WRITER.formatted("(sleep 2; echo late > deps/data.txt) > /dev/null 2>&1 &");
        CountDownLatch firstLetGo = new CountDownLatch(1);
        Run first = start(flow, Map.of("keep_running", "6", "leave_writer", "true"), firstLetGo);
        assertThat(firstLetGo.await(1, TimeUnit.MINUTES)).isTrue();
        // the first execution still runs; its writer would wake up while the second one holds the tree
        Run second = run(flow, Map.of("look_after", "4"));
        assertThat(second.cache("wd")).first().asString().startsWith("HIT").contains("moving back the last run's tree");
        assertThat(second.logs("fill")).containsExactly("saved");
        assertThat(second.cache("wd")).last().asString().startsWith("UNCHANGED");
        assertThat(first.result().state()).isEqualTo(State.SUCCESS);
        assertThat(first.logs("wd")).anyMatch(line -> line.matches("stopped \\d background processes the working directory's tasks left running"));
        assertThat(run(flow, Map.of()).logs("fill")).containsExactly("saved");
    }

    @Test
    void aWriterThatEscapedTheStopKeepsTheTreeFromBeingKept() throws Exception {
        // a new session and an empty environment: out of the execution's reach, its current folder still in the tree
        String flow = BACKGROUND_WRITER.formatted("setsid env -i sh -c 'exec sleep 60' < /dev/null > /dev/null 2>&1 &");
        Run first = run(flow, Map.of("leave_writer", "true", "look_after", "1")); // a second for it to leave
        String notKept = first.logs("wd").stream().filter(line -> line.contains("as their tree was not kept")).findFirst().orElseThrow();
        assertThat(notKept).contains("(sleep) has its current folder in it, so it could write into the tree after it was kept");
        Matcher pid = Pattern.compile("process (\\d+) ").matcher(notKept);
        assertThat(pid.find()).isTrue();
        strays.add(Long.parseLong(pid.group(1)));
        Run second = run(flow, Map.of());
        assertThat(second.cache("wd")).first().asString().startsWith("HIT").doesNotContain("moving back");
        assertThat(second.logs("fill")).containsExactly("saved");
    }

    @Test
    void anEditThatKeepsSizeAndModificationTimeIsSavedAsNpmStampsItsFiles() throws Exception {
        String flow = """
                id: npm_like
                namespace: probe
                inputs:
                  - id: version
                    type: STRING
                    defaults: "1.2.3"
                tasks:
                  - id: wd
                    type: io.kestra.plugin.core.flow.WorkingDirectory
                    cache:
                      patterns: ["node_modules/**"]
                    tasks:
                      - id: install
                        type: io.kestra.plugin.scripts.shell.Commands
                        commands:
                          - mkdir -p node_modules/pkg
                          - cat node_modules/pkg/VERSION 2>/dev/null || echo none
                          - |
                            if [ "$(cat node_modules/pkg/VERSION 2>/dev/null)" != "{{ inputs.version }}" ]; then
                              echo {{ inputs.version }} > node_modules/pkg/VERSION
                              touch -d 1985-10-26 node_modules/pkg/VERSION
                            fi
                """;
        assertThat(run(flow, Map.of()).cache("wd")).last().asString().startsWith("SAVED");
        Run bump = run(flow, Map.of("version", "1.2.4"));
        assertThat(bump.logs("install")).containsExactly("1.2.3");
        assertThat(bump.cache("wd")).last().asString().startsWith("SAVED");
        Run after = run(flow, Map.of("version", "1.2.4"));
        assertThat(after.logs("install")).containsExactly("1.2.4");
        assertThat(after.cache("wd")).last().asString().startsWith("UNCHANGED");
    }

    @Test
    void aTaskCacheInsideAWorkingDirectoryIsNotReusedSoItsSiblingsFindItsFiles() throws Exception {
        String flow = """
                id: wd_task_cache
                namespace: probe
                tasks:
                  - id: wd
                    type: io.kestra.plugin.core.flow.WorkingDirectory
                    tasks:
                      - id: produce
                        type: io.kestra.plugin.scripts.shell.Commands
                        taskCache:
                          enabled: true
                          ttl: PT1H
                        commands:
                          - echo made > made.txt
                      - id: consume
                        type: io.kestra.plugin.scripts.shell.Commands
                        commands:
                          - cat made.txt
                """;
        assertThat(new FlowValidator().validate(flow).problems()).singleElement()
                .satisfies(p -> assertThat(p.code()).isEqualTo("task-cache-in-working-directory"))
                .satisfies(p -> assertThat(p.isError()).isFalse());
        run(flow, Map.of());
        Run second = run(flow, Map.of());
        // Kestra 2.0 reuses 'produce' here and 'consume' fails: cat: made.txt: No such file or directory
        assertThat(second.result().state()).isEqualTo(State.SUCCESS);
        assertThat(second.logs("consume")).containsExactly("made");
        assertThat(second.cache("produce")).singleElement().asString().startsWith("MISS: not reused inside a WorkingDirectory");
    }
}
