package dev.flowbench.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowbench.flow.Flow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Subflow as Kestra 2.0 runs it: the parent and child here were run by kestra-oracle (run --flows, 2026-12-07) and
 * what it gave is the expected result.
 */
class SubflowTest {

    private static final Flow CHILD = EngineFixture.flow("""
            id: child
            namespace: q.sub
            inputs:
              - id: who
                type: STRING
                defaults: nobody
              - id: mode
                type: STRING
                defaults: ok
            tasks:
              - id: hello
                type: io.kestra.plugin.core.debug.Return
                format: "hello {{ inputs.who }}"
              - id: maybe
                type: io.kestra.plugin.core.execution.Fail
                condition: "{{ inputs.mode == 'fail' }}"
              - id: warn
                type: io.kestra.plugin.core.flow.AllowFailure
                runIf: "{{ inputs.mode == 'warn' }}"
                tasks:
                  - id: w
                    type: io.kestra.plugin.core.execution.Fail
            outputs:
              - id: greeting
                type: STRING
                value: "{{ outputs.hello.value }}"
            """);

    /** Two flows that start each other: each is valid alone (the validator refuses a flow starting itself directly). */
    private static final Flow PING = EngineFixture.flow("""
            id: ping
            namespace: q.sub
            tasks:
              - id: me
                type: io.kestra.plugin.core.flow.Subflow
                namespace: q.sub
                flowId: pong
            """);
    private static final Flow PONG = EngineFixture.flow("""
            id: pong
            namespace: q.sub
            tasks:
              - id: me
                type: io.kestra.plugin.core.flow.Subflow
                namespace: q.sub
                flowId: ping
            """);

    @TempDir
    Path home;

    private EngineFixture engine() {
        return new EngineFixture(home, (namespace, flowId) -> namespace.equals("q.sub") && flowId.equals("child") ? Optional.of(CHILD)
                : flowId.equals("ping") ? Optional.of(PING) : flowId.equals("pong") ? Optional.of(PONG) : Optional.empty());
    }

    @Test
    void aChildRunsWithItsInputsAndEndsItsTaskAsKestraEndsIt() throws Exception {
        EngineFixture engine = engine();
        ExecutionResult result = engine.run("""
                id: parent
                namespace: q.sub
                tasks:
                  - id: ok
                    type: io.kestra.plugin.core.flow.Subflow
                    namespace: q.sub
                    flowId: child
                    inputs:
                      who: Ada
                  - id: warned
                    type: io.kestra.plugin.core.flow.Subflow
                    namespace: q.sub
                    flowId: child
                    inputs:
                      mode: warn
                  - id: nowait
                    type: io.kestra.plugin.core.flow.Subflow
                    namespace: q.sub
                    flowId: child
                    wait: false
                  - id: quiet
                    type: io.kestra.plugin.core.flow.Subflow
                    namespace: q.sub
                    flowId: child
                    transmitFailed: false
                    inputs:
                      mode: fail
                  - id: after
                    type: io.kestra.plugin.core.debug.Return
                    format: "{{ outputs.ok.outputs.greeting }} {{ outputs.ok.state ?? 'nostate' }} {{ outputs.nowait | keys }}"
                  - id: failing
                    type: io.kestra.plugin.core.flow.Subflow
                    namespace: q.sub
                    flowId: child
                    inputs:
                      mode: fail
                """);
        engine.awaitChildren(Duration.ofSeconds(30));
        assertThat(result.state()).isEqualTo(State.FAILED);
        assertThat(engine.taskRuns()).containsExactly("/after SUCCESS", "/failing FAILED", "/nowait SUCCESS", "/ok SUCCESS",
                "/quiet SUCCESS", "/warned WARNING",
                "failing@ FAILED", "failing@>/hello SUCCESS", "failing@>/maybe FAILED",
                "nowait@ SUCCESS", "nowait@>/hello SUCCESS", "nowait@>/maybe SUCCESS", "nowait@>/warn SKIPPED",
                "ok@ SUCCESS", "ok@>/hello SUCCESS", "ok@>/maybe SUCCESS", "ok@>/warn SKIPPED",
                "quiet@ FAILED", "quiet@>/hello SUCCESS", "quiet@>/maybe FAILED",
                "warned@ WARNING", "warned@>/hello SUCCESS", "warned@>/maybe SUCCESS", "warned@>/warn WARNING", "warned@>warn/w FAILED");
        Map<String, Object> ok = engine.finished("ok").outputs();
        assertThat(ok).containsEntry("state", "SUCCESS").containsEntry("outputs", Map.of("greeting", "hello Ada"));
        assertThat(ok.get("executionId")).isNotEqualTo(result.id());
        assertThat(engine.finished("nowait").outputs()).containsEntry("state", "CREATED").containsKey("executionId");
        assertThat(engine.finished("quiet").outputs()).containsEntry("state", "FAILED")
                .containsEntry("outputs", Map.of("greeting", "hello nobody")); // Kestra renders a failed child's outputs too
        assertThat(engine.finished("after").outputs()).containsEntry("value", "hello Ada SUCCESS [\"executionId\",\"state\"]");
    }

    /**
     * Kestra 2.0's own subflow-parent-retry.yaml, shortened: the child fails at its first attempt (counter 0) and the
     * retry starts it again as a new execution, which succeeds (kestra-oracle: the Subflow SUCCESS, its last child too).
     */
    @Test
    void aRetriedSubflowStartsItsChildAgainAsANewExecution() throws Exception {
        EngineFixture engine = engine();
        ExecutionResult result = engine.run("""
                id: retried
                namespace: q.sub
                tasks:
                  - id: call
                    type: io.kestra.plugin.core.flow.Subflow
                    namespace: q.sub
                    flowId: child
                    inputs:
                      mode: "{{ taskrun.attemptsCount < 1 ? 'fail' : 'ok' }}"
                    retry:
                      type: constant
                      maxAttempts: 3
                      interval: PT0.2S
                  - id: never
                    type: io.kestra.plugin.core.flow.Subflow
                    namespace: q.sub
                    flowId: child
                    allowFailure: true
                    inputs:
                      mode: fail
                    retry:
                      type: constant
                      maxAttempts: 2
                      interval: PT0.1S
                """);
        engine.awaitChildren(Duration.ofSeconds(30));
        assertThat(result.state()).isEqualTo(State.WARNING);
        assertThat(engine.finished("call").state()).isEqualTo(State.SUCCESS);
        assertThat(engine.finished("call").outputs()).containsEntry("state", "SUCCESS");
        assertThat(engine.logs("call")).anyMatch(line -> line.startsWith("attempt 1 failed")).filteredOn(line -> line.startsWith("started execution"))
                .hasSize(2);
        assertThat(engine.finished("never").message()).contains("ends in FAILED");
        assertThat(engine.logs("never")).filteredOn(line -> line.startsWith("started execution")).hasSize(2);
    }

    @Test
    void aFlowNotFoundFailsItsTaskSayingWhereFlowbenchLooked() throws Exception {
        EngineFixture engine = engine();
        ExecutionResult result = engine.run("""
                id: missing
                namespace: q.sub
                tasks:
                  - id: gone
                    type: io.kestra.plugin.core.flow.Subflow
                    namespace: q.sub
                    flowId: nosuch
                """);
        assertThat(result.state()).isEqualTo(State.FAILED);
        assertThat(engine.finished("gone").message()).isEqualTo("no flow q.sub/nosuch among the test's flows");
    }

    @Test
    void flowsThatStartEachOtherStopAtTheDepthLimit() throws Exception {
        EngineFixture engine = engine();
        ExecutionResult result = engine.start(PING, Map.of()).await(Duration.ofMinutes(1));
        assertThat(result.state()).isEqualTo(State.FAILED);
        engine.awaitChildren(Duration.ofSeconds(30));
        assertThat(engine.children).hasSize(SubflowRun.MAX_DEPTH);
        assertThat(engine.children.values()).allSatisfy(child -> assertThat(child).anyMatch(e ->
                e instanceof ExecutionEvent.ExecutionFinished end && end.state() == State.FAILED));
        assertThat(engine.taskRuns()).anyMatch(line -> line.matches("(me@>){9}/me FAILED"));
    }

    @Test
    void cancellingTheParentCancelsTheChild() throws Exception {
        Flow sleepy = EngineFixture.flow("""
                id: sleepy
                namespace: q.sub
                tasks:
                  - id: nap
                    type: io.kestra.plugin.scripts.shell.Commands
                    taskRunner:
                      type: io.kestra.plugin.core.runner.Process
                    commands: ["sleep 60"]
                """);
        EngineFixture engine = new EngineFixture(home, (namespace, flowId) -> Optional.of(sleepy));
        Execution execution = engine.start("""
                id: parent
                namespace: q.sub
                tasks:
                  - id: call
                    type: io.kestra.plugin.core.flow.Subflow
                    namespace: q.sub
                    flowId: sleepy
                """, Map.of());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline && engine.children.values().stream().noneMatch(child -> child.stream().anyMatch(e ->
                e instanceof ExecutionEvent.TaskStarted started && started.taskId().equals("nap")))) {
            Thread.sleep(20);
        }
        execution.cancel();
        ExecutionResult result = execution.await(Duration.ofSeconds(30));
        engine.awaitChildren(Duration.ofSeconds(30));
        assertThat(result.state()).isEqualTo(State.KILLED);
        assertThat(engine.taskRuns()).containsExactly("/call KILLED", "call@ KILLED", "call@>/nap KILLED");
    }
}
