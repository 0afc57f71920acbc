package dev.flowbench.flow.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowbench.flow.Flow;
import dev.flowbench.flow.LoadedFlow;
import dev.flowbench.flow.WorkingDirectoryTask;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class SampleFlowsTest {

    private static final Path SAMPLES = Path.of("sample-flows");

    @TestFactory
    Stream<DynamicTest> everySampleFlowValidatesClean() throws Exception {
        List<Path> samples;
        try (Stream<Path> listing = Files.list(SAMPLES)) {
            samples = listing.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
        assertThat(samples).hasSizeGreaterThanOrEqualTo(6);
        return samples.stream().map(sample -> DynamicTest.dynamicTest(sample.getFileName().toString(), () -> {
            LoadedFlow loaded = new FlowValidator().validate(Files.readString(sample, StandardCharsets.UTF_8));
            assertThat(loaded.problems()).isEmpty();
            assertThat(loaded.flow().id()).isEqualTo(sample.getFileName().toString().replace(".yml", ""));
        }));
    }

    @Test
    void theSeedsExamplesAreCachedWorkingDirectories() throws Exception {
        for (String name : List.of("node_cached_dependencies", "python_cached_dependencies", "caching_files")) {
            Flow flow = new FlowValidator().validate(Files.readString(SAMPLES.resolve(name + ".yml"))).flow();
            WorkingDirectoryTask wd = (WorkingDirectoryTask) flow.tasks().get(0);
            assertThat(wd.cache()).as(name).isPresent();
            assertThat(wd.tasks()).as(name).isNotEmpty();
        }
    }
}
