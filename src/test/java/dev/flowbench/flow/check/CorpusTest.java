package dev.flowbench.flow.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowbench.flow.KestraVersion;
import dev.flowbench.flow.LoadedFlow;
import dev.flowbench.flow.Problem;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every file of {@code corpus/invalid} marks each line that must carry a problem with a comment
 * {@code # expect: error CODE; warning CODE}; the validator must report exactly those, no more.
 * Files of {@code corpus/valid} must report no error (warnings are allowed: unknown plugins).
 */
class CorpusTest {

    private static final Pattern EXPECT = Pattern.compile("#\\s*expect:\\s*(.+)$");
    private final FlowValidator validator = new FlowValidator();

    @TestFactory
    Stream<DynamicTest> invalidFlowsReportExactlyTheExpectedProblems() throws Exception {
        return files("invalid").map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            List<String> expected = expectations(text);
            assertThat(expected).as("a corpus file must expect something").isNotEmpty();
            LoadedFlow loaded = validator.validate(text);
            List<String> actual = loaded.problems().stream()
                    .map(p -> p.line() + " " + p.severity().label() + " " + p.code()).sorted().toList();
            assertThat(actual).as(describe(loaded.problems())).containsExactlyInAnyOrderElementsOf(expected);
        }));
    }

    @TestFactory
    Stream<DynamicTest> flowsWrittenForKestra13HaveNoErrorsWhenCheckedForIt() throws Exception {
        FlowValidator forKestra13 = new FlowValidator(KestraVersion.KESTRA_1_3);
        return files("valid-kestra-1.3").map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            LoadedFlow loaded = forKestra13.validate(text);
            assertThat(loaded.problems()).as(describe(loaded.problems())).noneMatch(Problem::isError);
            assertThat(validator.validate(text).problems()).as("the same flow checked for Kestra 2")
                    .anyMatch(p -> p.code().equals("removed-in-kestra-2"));
        }));
    }

    @TestFactory
    Stream<DynamicTest> validFlowsHaveNoErrors() throws Exception {
        return files("valid").map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            LoadedFlow loaded = validator.validate(Files.readString(file, StandardCharsets.UTF_8));
            assertThat(loaded.problems()).as(describe(loaded.problems())).noneMatch(Problem::isError);
            assertThat(loaded.model()).isPresent();
        }));
    }

    static List<String> expectations(String text) {
        List<String> expected = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = EXPECT.matcher(lines[i]);
            if (m.find()) {
                for (String one : m.group(1).split(";")) {
                    expected.add((i + 1) + " " + one.trim().replaceAll("\\s+", " "));
                }
            }
        }
        return expected;
    }

    private static String describe(List<Problem> problems) {
        StringBuilder b = new StringBuilder("problems reported:\n");
        problems.forEach(p -> b.append("  ").append(p.line()).append(':').append(p.column()).append(' ')
                .append(p.severity().label()).append(' ').append(p.code()).append(": ").append(p.message()).append('\n'));
        return b.toString();
    }

    private static Stream<Path> files(String folder) throws URISyntaxException, IOException {
        Path dir = Path.of(CorpusTest.class.getResource("/corpus/" + folder).toURI());
        try (Stream<Path> listing = Files.list(dir)) {
            return listing.filter(p -> p.toString().endsWith(".yml")).sorted().toList().stream();
        }
    }
}
