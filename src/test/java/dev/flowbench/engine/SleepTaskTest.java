package dev.flowbench.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sleep waits its duration; a cancel or a timeout ends it at once (Kestra 2.0 ran its sleep flows to SUCCESS). */
class SleepTaskTest {

    @TempDir
    Path home;

    @Test
    void sleepWaitsItsDurationThenSucceeds() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: nap
                namespace: company.team
                tasks:
                  - id: nap
                    type: io.kestra.plugin.core.flow.Sleep
                    duration: PT0.3S
                  - id: seconds
                    type: io.kestra.plugin.core.flow.Sleep
                    duration: "{{ 0 }}"
                """);
        assertThat(result.state()).isEqualTo(State.SUCCESS);
        assertThat(engine.finished("nap").duration()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void aCancelEndsASleepAtOnce() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        Execution execution = engine.start("""
                id: long
                namespace: company.team
                tasks:
                  - id: long
                    type: io.kestra.plugin.core.flow.Sleep
                    duration: PT1H
                """, Map.of());
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (engine.eventsOf(ExecutionEvent.TaskStarted.class).isEmpty()) {
            assertThat(System.nanoTime()).as("the sleep starts").isLessThan(deadline);
            Thread.sleep(5); // polling for the state wanted, bounded above
        }
        execution.cancel();
        ExecutionResult result = execution.await(Duration.ofMinutes(1));
        assertThat(result.state()).isEqualTo(State.KILLED);
        assertThat(engine.finished("long").state()).isEqualTo(State.KILLED);
    }

    @Test
    void aTimeoutEndsASleepAndABadDurationFailsIt() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: bounded
                namespace: company.team
                tasks:
                  - id: bounded
                    type: io.kestra.plugin.core.flow.Sleep
                    duration: PT1H
                    timeout: PT0.2S
                    allowFailure: true
                  - id: bad
                    type: io.kestra.plugin.core.flow.Sleep
                    duration: "{{ 'soon' }}"
                """);
        assertThat(engine.finished("bounded").message()).contains("timed out");
        assertThat(engine.finished("bad").state()).isEqualTo(State.FAILED);
        assertThat(engine.finished("bad").message()).contains("'soon' is not an ISO-8601 duration");
        assertThat(result.state()).isEqualTo(State.FAILED);
    }
}
