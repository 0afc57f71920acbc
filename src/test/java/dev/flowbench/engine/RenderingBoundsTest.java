package dev.flowbench.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowbench.flow.pebble.RenderLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task's expressions render under its timeout and its execution's cancellation, within limits: whatever a flow
 * writes in {@code {{ }}} and {@code {% %}}, the task ends with a state and a reason, and the engine goes on.
 */
class RenderingBoundsTest {

    /** Nested loops of ten billion steps: minutes of rendering without the limits. */
    private static final String ENDLESS = "{% for i in range(1, 100000) %}{% for j in range(1, 100000) %}{% endfor %}{% endfor %}";

    @TempDir
    Path home;

    private EngineFixture engine(RenderLimits limits) {
        return new EngineFixture(EngineSettings.of(home.resolve("executions"), home.resolve("work"), WorkingDirectoryHooks.NONE)
                .withRenderLimits(limits));
    }

    private static String flow(String render, String timeout) {
        return """
                id: rendering
                namespace: test
                tasks:
                  - id: heavy
                    type: io.kestra.plugin.scripts.shell.Commands
                    %s
                    commands:
                      - echo "%s"
                errors:
                  - id: on_error
                    type: io.kestra.plugin.core.log.Log
                    message: handled
                finally:
                  - id: at_last
                    type: io.kestra.plugin.core.log.Log
                    message: done
                """.formatted(timeout == null ? "" : "timeout: " + timeout, render);
    }

    @Test
    void aTimeoutIsEnforcedWhileTheTasksExpressionsRender() throws Exception {
        EngineFixture engine = engine(new RenderLimits(Long.MAX_VALUE, RenderLimits.DEFAULT.maxSize(), 100));
        long start = System.nanoTime();
        ExecutionResult result = engine.run(flow(ENDLESS, "PT1S"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(result.taskStates()).containsEntry("heavy", State.KILLED);
        assertThat(engine.finished("heavy").message()).isEqualTo("timed out while its expressions were rendered (timeout PT1S)");
        assertThat(result.state()).isEqualTo(State.FAILED);
        assertThat(engine.logs("on_error")).containsExactly("handled");
        assertThat(engine.logs("at_last")).containsExactly("done");
    }

    @Test
    void cancellingAnExecutionStopsTheRenderingAndEveryTaskEndsKilledOrNotRun() throws Exception {
        EngineFixture engine = engine(new RenderLimits(Long.MAX_VALUE, RenderLimits.DEFAULT.maxSize(), 100));
        Execution execution = engine.start(flow(ENDLESS, null), Map.of());
        Thread.sleep(300);
        long start = System.nanoTime();
        execution.cancel();
        ExecutionResult result = execution.await(Duration.ofSeconds(20));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(result.state()).isEqualTo(State.KILLED);
        assertThat(result.taskStates()).containsEntry("heavy", State.KILLED).doesNotContainKey("at_last");
    }

    @Test
    void aLimitFailsTheTaskSayingWhichAndErrorsAndFinallyRun() throws Exception {
        EngineFixture engine = engine(RenderLimits.DEFAULT);
        ExecutionResult result = engine.run(flow(ENDLESS, null));
        assertThat(result.state()).isEqualTo(State.FAILED);
        assertThat(engine.finished("heavy").message()).startsWith("its expressions could not be rendered: it loops or calls macros"
                + " more than 1,000,000 times, the most a rendering may (render.maxSteps), in 'echo \"{% for i in range(1, 100000)");
        assertThat(engine.logs("on_error")).containsExactly("handled");
        assertThat(engine.logs("at_last")).containsExactly("done");
    }

    @Test
    void aMacroCallingItselfForEverFailsItsTaskInsteadOfTheEngine() throws Exception {
        EngineFixture engine = engine(RenderLimits.DEFAULT);
        ExecutionResult result = engine.run(flow("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}", null));
        assertThat(result.taskStates()).containsEntry("heavy", State.FAILED).containsEntry("at_last", State.SUCCESS);
        assertThat(engine.finished("heavy").message()).contains("macro 'f' nests more than 100 calls deep");
    }

    @Test
    void aRecursionAsDeepAsTheLimitAllowsRunsOnTheExecutionsThread() throws Exception {
        EngineFixture engine = engine(RenderLimits.DEFAULT);
        String down = "{% macro down(n) %}{% if n > 0 %}{{ down(n - 1) }}{% else %}bottom{% endif %}{% endmacro %}{{ down(99) }}";
        ExecutionResult result = engine.run(flow(down, null));
        assertThat(result.state()).as(engine.finished("heavy").message()).isEqualTo(State.SUCCESS);
        assertThat(engine.logs("heavy")).containsExactly("bottom");
    }

    @Test
    void aStringDoubledInALoopFailsBeforeItTakesTheMemory() throws Exception {
        EngineFixture engine = engine(RenderLimits.DEFAULT);
        ExecutionResult result = engine.run(flow("{% set s = 'x' %}{% for i in range(1, 60) %}{% set s = s ~ s %}{% endfor %}{{ s | length }}", null));
        assertThat(result.taskStates()).containsEntry("heavy", State.FAILED);
        assertThat(engine.finished("heavy").message()).contains("'~' would hold 33,554,432 characters or items, more than the 16,777,216");
    }
}
