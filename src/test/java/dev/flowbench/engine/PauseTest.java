package dev.flowbench.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pause as Kestra 2.0 runs it: the flows here were run by kestra-oracle (run-many, 2026-12-07; Kestra's own
 * pause-errors-finally-after-execution.yaml and pause_on_pause.yaml) and what it gave is the expected result.
 */
class PauseTest {

    @TempDir
    Path home;

    private static String paused(String behavior) {
        return """
                id: p
                namespace: q.pause
                tasks:
                  - id: pause
                    type: io.kestra.plugin.core.flow.Pause
                    pauseDuration: PT0.5S
                    behavior: %s
                  - id: last
                    type: io.kestra.plugin.core.debug.Return
                    format: "{{ outputs.pause ?? 'none' }}"
                """.formatted(behavior);
    }

    @Test
    void afterItsDurationAPauseGoesOnAsItsBehaviorSays() throws Exception {
        EngineFixture resume = new EngineFixture(home.resolve("resume"));
        assertThat(resume.run(paused("RESUME")).state()).isEqualTo(State.SUCCESS);
        assertThat(resume.taskRuns()).containsExactly("/last SUCCESS", "/pause SUCCESS");
        ExecutionEvent.TaskPaused waited = resume.eventsOf(ExecutionEvent.TaskPaused.class).get(0);
        assertThat(Duration.between(waited.time(), waited.until())).isBetween(Duration.ofMillis(300), Duration.ofMillis(500));
        assertThat(Duration.between(waited.time(), resume.finished("pause").time())).isGreaterThanOrEqualTo(Duration.ofMillis(300));

        EngineFixture warn = new EngineFixture(home.resolve("warn"));
        assertThat(warn.run(paused("WARN")).state()).isEqualTo(State.WARNING);
        assertThat(warn.taskRuns()).containsExactly("/last SUCCESS", "/pause WARNING");

        EngineFixture fail = new EngineFixture(home.resolve("fail"));
        assertThat(fail.run(paused("FAIL")).state()).isEqualTo(State.FAILED);
        assertThat(fail.taskRuns()).containsExactly("/pause FAILED");

        EngineFixture cancel = new EngineFixture(home.resolve("cancel"));
        assertThat(cancel.run(paused("CANCEL")).state()).isEqualTo(State.CANCELLED);
        assertThat(cancel.taskRuns()).containsExactly("/pause CANCELLED");
    }

    @Test
    void aTimeoutFailsAPauseThenItsErrorsAndFinallyRunUnderIt() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: pause-with-errors-finally-after-execution
                namespace: io.kestra.tests
                tasks:
                  - id: pause
                    type: io.kestra.plugin.core.flow.Pause
                    timeout: PT0.25S
                    errors:
                      - id: logError
                        type: io.kestra.plugin.core.log.Log
                        message: I'm in error
                    finally:
                      - id: logFinally
                        type: io.kestra.plugin.core.log.Log
                        message: I'm in finally
                  - id: log
                    type: io.kestra.plugin.core.log.Log
                    message: I'm after the pause
                afterExecution:
                  - id: logAfter
                    type: io.kestra.plugin.core.log.Log
                    message: I'm after the execution
                """);
        assertThat(result.state()).isEqualTo(State.FAILED);
        assertThat(engine.taskRuns()).containsExactly("/logAfter SUCCESS", "/pause FAILED", "pause/logError SUCCESS",
                "pause/logFinally SUCCESS");
        assertThat(engine.finished("pause").message()).isEqualTo("timed out while paused (timeout PT0.25S)");
    }

    @Test
    void withoutADurationItWaitsUntilResumedAndOnPauseRunsAsItBegins() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        Execution execution = engine.start("""
                id: waits
                namespace: q.pause
                tasks:
                  - id: pause
                    type: io.kestra.plugin.core.flow.Pause
                    onPause:
                      id: hello
                      type: io.kestra.plugin.core.log.Log
                      message: waiting for you
                  - id: after
                    type: io.kestra.plugin.core.log.Log
                    message: resumed
                """, Map.of());
        awaitPaused(engine);
        assertThat(engine.eventsOf(ExecutionEvent.TaskPaused.class).get(0).until()).isNull();
        assertThat(execution.completion().toCompletableFuture().isDone()).isFalse();
        assertThat(execution.resume()).isTrue();
        ExecutionResult result = execution.await(Duration.ofSeconds(30));
        assertThat(result.state()).isEqualTo(State.SUCCESS);
        assertThat(engine.taskRuns()).containsExactly("/after SUCCESS", "/hello SUCCESS", "/pause SUCCESS");
        assertThat(engine.finished("pause").message()).isEqualTo("resumed");
    }

    @Test
    void cancellingAPausedExecutionEndsItAtOnce() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        Execution execution = engine.start("""
                id: waits
                namespace: q.pause
                tasks:
                  - id: pause
                    type: io.kestra.plugin.core.flow.Pause
                    pauseDuration: PT1H
                """, Map.of());
        awaitPaused(engine);
        execution.cancel();
        ExecutionResult result = execution.await(Duration.ofSeconds(30));
        assertThat(result.state()).isEqualTo(State.KILLED);
        assertThat(engine.taskRuns()).containsExactly("/pause KILLED");
        assertThat(result.duration()).isLessThan(Duration.ofSeconds(20));
    }

    private static void awaitPaused(EngineFixture engine) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (engine.eventsOf(ExecutionEvent.TaskPaused.class).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(engine.eventsOf(ExecutionEvent.TaskPaused.class)).isNotEmpty();
    }
}
