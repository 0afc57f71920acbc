package dev.flowbench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowbench.flow.LoadedFlow;
import dev.flowbench.flow.check.FlowValidator;
import org.junit.jupiter.api.Test;

/** The benchmark's flow is valid and read whole, so the benchmark measures the normal path. */
class GeneratedFlowTest {

    @Test
    void aFiveThousandLineFlowValidatesCleanAndReadsEveryTask() {
        String text = GeneratedFlows.ofLines(5_000);
        assertThat(text.lines().count()).isBetween(4_990L, 5_010L);
        LoadedFlow loaded = new FlowValidator().validate(text);
        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.flow().allTasks()).hasSizeGreaterThan(600);
    }

    @Test
    void aProblemDeepInALargeFlowIsReportedAtItsLine() {
        String text = GeneratedFlows.ofLines(5_000).replace("ttl: PT7H", "ttl: seven hours");
        LoadedFlow loaded = new FlowValidator().validate(text);
        assertThat(loaded.problems()).isNotEmpty().allSatisfy(p -> {
            assertThat(p.code()).isEqualTo("bad-duration");
            assertThat(text.lines().skip(p.line() - 1).findFirst().orElseThrow()).contains("ttl: seven hours");
        });
    }
}
