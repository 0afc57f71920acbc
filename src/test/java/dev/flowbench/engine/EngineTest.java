package dev.flowbench.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineTest {

    @TempDir
    Path home;

    @Test
    void outputsPassFromOneTaskToTheNextThroughRealProcesses() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run(Files.readString(Path.of("sample-flows/inputs_and_outputs.yml")),
                Map.of("name", "Ada", "repeat", "3"));
        assertThat(result.state()).isEqualTo(State.SUCCESS);
        assertThat(engine.logs("repeat")).containsExactly("Hello, Ada", "Hello, Ada", "Hello, Ada");
        assertThat(engine.logs("show")).containsExactly("Hello, Ada (10 characters)");
        assertThat(engine.finished("compose").outputs()).extractingByKey("vars")
                .isEqualTo(Map.of("text", "Hello, Ada", "length", 10));
        // the protocol line is an output, not a log line
        assertThat(engine.logs("compose")).isEmpty();
    }

    @Test
    void eventsComeInLifecycleOrder() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        engine.run("""
                id: order
                namespace: test
                tasks:
                  - id: a
                    type: io.kestra.plugin.scripts.shell.Commands
                    commands: [echo one]
                  - id: b
                    type: io.kestra.plugin.core.log.Log
                    message: two
                """);
        assertThat(engine.events).first().isInstanceOf(ExecutionEvent.ExecutionStarted.class);
        assertThat(engine.events).last().isInstanceOf(ExecutionEvent.ExecutionFinished.class);
        assertThat(engine.events.stream().map(e -> e.getClass().getSimpleName()
                + (e instanceof ExecutionEvent.LogLine l ? ":" + l.message() : "")).toList())
                .containsExactly("ExecutionStarted", "TaskStarted", "LogLine:one", "TaskFinished",
                        "TaskStarted", "LogLine:two", "TaskFinished", "ExecutionFinished");
    }

    @Test
    void eachTaskRunHasItsOwnIdAndNestedRunsNameTheRunTheyAreIn() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        engine.run("""
                id: runs
                namespace: test
                tasks:
                  - id: wd
                    type: io.kestra.plugin.core.flow.WorkingDirectory
                    tasks:
                      - id: a
                        type: io.kestra.plugin.scripts.shell.Commands
                        commands: [echo one]
                      - id: b
                        type: io.kestra.plugin.core.log.Log
                        message: two
                  - id: c
                    type: io.kestra.plugin.core.log.Log
                    message: three
                """);
        var started = engine.eventsOf(ExecutionEvent.TaskStarted.class);
        assertThat(started).extracting(ExecutionEvent.TaskStarted::taskId).containsExactly("wd", "a", "b", "c");
        assertThat(started).extracting(ExecutionEvent.TaskStarted::taskRunId).doesNotContainNull().doesNotHaveDuplicates();
        String wd = started.get(0).taskRunId();
        assertThat(started).extracting(ExecutionEvent.TaskStarted::parentTaskRunId).containsExactly(null, wd, wd, null);
        for (ExecutionEvent.TaskStarted start : started) {
            assertThat(engine.finished(start.taskId()).taskRunId()).isEqualTo(start.taskRunId());
        }
        assertThat(engine.eventsOf(ExecutionEvent.LogLine.class)).filteredOn(line -> line.message().equals("one"))
                .singleElement().satisfies(line -> assertThat(line.taskRunId()).isEqualTo(started.get(1).taskRunId()));
    }

    @Test
    void stderrMakesAWarningUnlessTurnedOff() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: stderr
                namespace: test
                tasks:
                  - id: noisy
                    type: io.kestra.plugin.scripts.shell.Commands
                    commands: [echo oops >&2]
                  - id: quiet
                    type: io.kestra.plugin.scripts.shell.Commands
                    warningOnStdErr: false
                    commands: [echo fine >&2]
                """);
        assertThat(result.state()).isEqualTo(State.WARNING);
        assertThat(result.taskStates()).containsEntry("noisy", State.WARNING).containsEntry("quiet", State.SUCCESS);
        ExecutionEvent.LogLine line = engine.eventsOf(ExecutionEvent.LogLine.class).get(0);
        assertThat(line.stream()).isEqualTo("stderr");
        assertThat(line.level()).isEqualTo(LogLevel.ERROR);
    }

    @Test
    void aFailureRunsErrorsAndFinallyAndStopsTheRest() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run(Files.readString(Path.of("sample-flows/errors_and_finally.yml")));
        assertThat(result.state()).isEqualTo(State.FAILED);
        assertThat(result.taskStates())
                .containsEntry("tolerated", State.WARNING)
                .containsEntry("fails", State.FAILED)
                .containsEntry("on_error", State.SUCCESS)
                .containsEntry("cleanup", State.SUCCESS)
                .doesNotContainKey("never_runs");
        assertThat(engine.finished("fails").message()).isEqualTo("exited with code 1");
        assertThat(engine.logs("on_error")).singleElement().asString().startsWith("execution ").endsWith(" failed");
    }

    @Test
    void beforeCommandsAndScriptShareOneShellWithFailFast() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: shell
                namespace: test
                tasks:
                  - id: script
                    type: io.kestra.plugin.scripts.python.Script
                    env: {GREETING: hi}
                    beforeCommands:
                      - export FROM_BEFORE=yes
                    script: |
                      import os
                      print(os.environ["GREETING"], os.environ["FROM_BEFORE"], os.getcwd() == os.environ["WORKING_DIR"])
                  - id: failfast
                    type: io.kestra.plugin.scripts.shell.Commands
                    commands:
                      - "false"
                      - echo not reached
                """);
        assertThat(engine.logs("script")).containsExactly("hi yes True");
        assertThat(result.taskStates()).containsEntry("failfast", State.FAILED);
        assertThat(engine.logs("failfast")).isEmpty();
    }

    @Test
    void aMissingInterpreterFailsWithAMessageSayingWhich() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: missing
                namespace: test
                tasks:
                  - id: nope
                    type: io.kestra.plugin.scripts.shell.Commands
                    commands: [no-such-program-flowbench --version]
                  - id: bad_interpreter
                    type: io.kestra.plugin.scripts.shell.Commands
                    interpreter: [/no/such/shell, -c]
                    allowFailure: true
                    commands: [echo hi]
                """);
        assertThat(result.state()).isEqualTo(State.FAILED);
        assertThat(engine.finished("nope").message()).contains("command not found").contains("no-such-program-flowbench");
    }

    @Test
    void anExplicitInterpreterIsHonoured() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        engine.run("""
                id: interp
                namespace: test
                tasks:
                  - id: sh
                    type: io.kestra.plugin.scripts.shell.Commands
                    interpreter: [/bin/sh, -c]
                    commands: ['echo "$0"']
                """);
        assertThat(engine.logs("sh")).containsExactly("/bin/sh");
    }

    @Test
    void aBadExpressionFailsTheTaskWithAMessage() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: expr
                namespace: test
                tasks:
                  - id: log
                    type: io.kestra.plugin.core.log.Log
                    message: "{{ outputs.nothing.vars.x }}"
                """);
        assertThat(result.state()).isEqualTo(State.FAILED);
        assertThat(engine.finished("log").message())
                .isEqualTo("bad expression: 'nothing' does not exist in '{{ outputs.nothing.vars.x }}'");
    }

    @Test
    void disabledTasksAreSkippedAndAllowFailureTurnsAFailureIntoAWarning() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: allow
                namespace: test
                tasks:
                  - id: off
                    type: io.kestra.plugin.scripts.shell.Commands
                    disabled: true
                    commands: [exit 1]
                  - id: allowed
                    type: io.kestra.plugin.scripts.shell.Commands
                    allowFailure: true
                    commands: [exit 4]
                  - id: after
                    type: io.kestra.plugin.core.log.Log
                    message: still here
                """);
        assertThat(result.state()).isEqualTo(State.WARNING);
        assertThat(result.taskStates()).containsEntry("off", State.SKIPPED).containsEntry("allowed", State.WARNING)
                .containsEntry("after", State.SUCCESS);
        assertThat(engine.finished("allowed").message()).contains("exited with code 4");
    }

    @Test
    void aTaskTypeThatCannotRunFailsBeforeAnythingStarts() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: preflight
                namespace: test
                tasks:
                  - id: first
                    type: io.kestra.plugin.scripts.shell.Commands
                    commands: [touch should-not-exist]
                  - id: dedup
                    type: io.kestra.plugin.core.storage.DeduplicateItems
                    from: "{{ outputs.first.uri }}"
                    expr: "{{ key }}"
                """);
        assertThat(result.state()).isEqualTo(State.FAILED);
        assertThat(result.message()).contains("io.kestra.plugin.core.storage.DeduplicateItems").contains("'dedup'");
        assertThat(engine.eventsOf(ExecutionEvent.TaskStarted.class)).isEmpty();
    }

    @Test
    void aWorkingDirectorySharesOneFolderWithInputAndOutputFilesAndRemovesIt() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: wd
                namespace: test
                tasks:
                  - id: wd
                    type: io.kestra.plugin.core.flow.WorkingDirectory
                    inputFiles:
                      data/in.txt: "{{ flow.id }} input"
                    outputFiles: ["out/*.txt"]
                    tasks:
                      - id: write
                        type: io.kestra.plugin.scripts.shell.Commands
                        commands:
                          - mkdir -p out && cat data/in.txt > out/result.txt && pwd > out/where.txt
                      - id: read
                        type: io.kestra.plugin.scripts.shell.Commands
                        commands: [cat out/result.txt]
                """);
        assertThat(result.state()).isEqualTo(State.SUCCESS);
        assertThat(engine.logs("read")).containsExactly("wd input");
        @SuppressWarnings("unchecked")
        Map<String, String> files = (Map<String, String>) engine.finished("wd").outputs().get("outputFiles");
        assertThat(files).containsOnlyKeys("out/result.txt", "out/where.txt");
        assertThat(Files.readString(Path.of(files.get("out/result.txt")))).isEqualTo("wd input");
        Path workingDirectory = Path.of(Files.readString(Path.of(files.get("out/where.txt"))).strip());
        assertThat(workingDirectory).doesNotExist();
    }

    @Test
    void aScriptFileIsNeverWrittenThroughALinkAnEarlierTaskPlanted() throws Exception {
        Path outside = Files.writeString(home.resolve("outside.sh"), "untouched");
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: planted
                namespace: test
                tasks:
                  - id: wd
                    type: io.kestra.plugin.core.flow.WorkingDirectory
                    tasks:
                      - id: plant
                        type: io.kestra.plugin.scripts.shell.Commands
                        commands: [ln -s %s .flowbench-second-script.sh]
                      - id: second
                        type: io.kestra.plugin.scripts.shell.Script
                        script: echo second ran
                """.formatted(outside));
        assertThat(result.state()).isEqualTo(State.SUCCESS);
        assertThat(engine.logs("second")).containsExactly("second ran");
        assertThat(outside).hasContent("untouched");
    }

    @Test
    void kestrasCoalescingOperatorsRender() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: coalescing
                namespace: test
                variables:
                  nothing: null
                tasks:
                  - id: show
                    type: io.kestra.plugin.scripts.shell.Commands
                    commands:
                      - echo "{{ vars.missing ?? 'fallback' }}"
                      - echo "{{ vars.nothing ?? 'null too' }}"
                      - echo "[{{ vars.nothing ??? 'only undefined' }}]"
                      - echo "{{ vars.missing ??? 'undefined' }}"
                """);
        assertThat(result.state()).isEqualTo(State.SUCCESS);
        assertThat(engine.logs("show")).containsExactly("fallback", "null too", "[]", "undefined");
    }
}
