package dev.flowbench.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowbench.flow.Flow;
import dev.flowbench.flow.KestraVersion;
import dev.flowbench.flow.LoadedFlow;
import dev.flowbench.flow.check.FlowValidator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kestra 1.x's ForEach, EachSequential and EachParallel, for users still on 1.3, run Kestra 1.3's own test flows
 * (flows/valids of io.kestra:core:1.3.34:tests) with 1.x's expressions: {@code taskrun.value}, {@code taskrun.iteration},
 * {@code parent(s).taskrun.value}, outputs keyed by value and {@code currentEachOutput()}; errors and finally once.
 */
class LegacyLoopsTest {

    private static final Path FLOWS = Path.of("src/test/resources/dev/flowbench/flow/migrate/kestra-1.3.34-valids");

    @TempDir
    Path home;

    private ExecutionResult run(EngineFixture engine, String file, Map<String, String> inputs) throws Exception {
        LoadedFlow loaded = new FlowValidator(KestraVersion.KESTRA_1_3).validate(Files.readString(FLOWS.resolve(file),
                StandardCharsets.UTF_8));
        assertThat(loaded.problems()).as(file + " is valid for Kestra 1.3").noneMatch(problem -> problem.isError());
        Flow flow = loaded.flow();
        return engine.start(flow, inputs).await(Duration.ofMinutes(1));
    }

    @Test
    void nestedForEachKeysOutputsByTheValuesAroundThem() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        assertThat(run(engine, "foreach-nested.yaml", Map.of()).state()).isEqualTo(State.SUCCESS);
        assertThat(engine.allFinished("p2")).extracting(run -> run.outputs().get("value"))
                .containsExactlyInAnyOrder("l1-d1", "l1-d2", "l1-d3", "l2-d1", "l2-d2", "l2-d3");
        assertThat(engine.finished("test").outputs().get("value")).asString()
                .startsWith("{\"l1\":{\"d1\":{\"value\":\"l1-d1\"},").contains("\"l2\":{\"d1\":{\"value\":\"l2-d1\"}");
    }

    @Test
    void currentEachOutputFollowsTheIterationsRunningNow() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        assertThat(run(engine, "current-output.yaml", Map.of()).state()).isEqualTo(State.SUCCESS);
        assertThat(engine.allFinished("1-1-1_return")).extracting(run -> run.outputs().get("value"))
                .hasSize(8).contains("return-v11-v21-v31-v11-v21-v31", "return-v12-v22-v32-v12-v22-v32");
        assertThat(engine.allFinished("2-1_return")).extracting(run -> run.outputs().get("value"))
                .containsExactly("return-v41", "return-v42");
    }

    @Test
    void eachParallelGivesItsValueToTheTasksNestedInIt() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        assertThat(run(engine, "each-parallel-nested.yaml", Map.of()).state()).isEqualTo(State.SUCCESS);
        assertThat(engine.logs("2-1-1_t1")).containsExactlyInAnyOrder("2-1-1_t1 > value 1", "2-1-1_t1 > value 2",
                "2-1-1_t1 > value 3");
    }

    @Test
    void forEachCountsItsIterations() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        assertThat(run(engine, "foreach-iteration.yaml", Map.of()).state()).isEqualTo(State.SUCCESS);
        assertThat(engine.allFinished("second")).extracting(run -> run.outputs().get("values"))
                .containsExactly(Map.of("iteration", "0"), Map.of("iteration", "1"));
    }

    @Test
    void errorsAndFinallyRunOnceAfterTheIterations() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        assertThat(run(engine, "finally-foreach.yaml", Map.of("failed", "true")).state()).isEqualTo(State.FAILED);
        assertThat(engine.allFinished("ko")).hasSize(3);
        assertThat(engine.allFinished("e1")).hasSize(1);
        assertThat(engine.allFinished("a2")).hasSize(1);

        EngineFixture again = new EngineFixture(home);
        assertThat(run(again, "finally-foreach.yaml", Map.of("failed", "false")).state()).isEqualTo(State.SUCCESS);
        assertThat(again.allFinished("ok")).hasSize(3);
        assertThat(again.allFinished("e1")).isEmpty();
        assertThat(again.allFinished("a1")).hasSize(1);
    }
}
