package dev.flowbench.flow.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowbench.flow.LoadedFlow;
import dev.flowbench.flow.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Valid flows mutated at random: validation always answers with problems in range, and never throws. */
class MutatedFlowsPropertyTest {

    private static final String[] FRAGMENTS = {":", ": ", "- ", "-", "[", "]", "{", "}", "&a ", "*a", "!!str ", "|",
            ">", "'", "\"", "#", "\t", "\n", "  ", "    ", "? ", ",", "%YAML 1.2\n", "---\n", "...\n", "{{", "}}",
            "😀", "日本", "\\", "\u0000", "\uFEFF", "type: ", "id: ", "tasks:\n", "cache:\n", "ttl: ", "patterns: ",
            "io.kestra.plugin.core.flow.WorkingDirectory", "- id: x\n  type: y\n"};

    private final FlowValidator validator = new FlowValidator();

    @Property(tries = 2000)
    void validationNeverThrowsAndReportsInRangeProblems(@ForAll("mutatedFlows") String text) {
        LoadedFlow loaded = validator.validate(text);
        assertThat(loaded.problems()).isNotNull();
        for (Problem problem : loaded.problems()) {
            assertThat(problem.code()).as(problem.message()).isNotEqualTo("internal");
            assertThat(problem.line()).isPositive();
            assertThat(problem.column()).isPositive();
            assertThat(problem.range().start().offset()).isBetween(0, text.length());
            assertThat(problem.range().end().offset()).isBetween(problem.range().start().offset(), text.length());
            assertThat(problem.message()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<String> mutatedFlows() {
        return Combinators.combine(Arbitraries.of(seeds()), Arbitraries.longs(), Arbitraries.integers().between(1, 6))
                .as((seed, random, count) -> mutate(seed, new Random(random), count));
    }

    static String mutate(String text, Random random, int count) {
        String result = text;
        for (int i = 0; i < count; i++) {
            result = switch (random.nextInt(7)) {
                case 0 -> deleteRange(result, random);
                case 1 -> insert(result, random, FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
                case 2 -> duplicateLine(result, random);
                case 3 -> swapLines(result, random);
                case 4 -> reindentLine(result, random);
                case 5 -> result.substring(0, random.nextInt(result.length() + 1));
                default -> insert(result, random, String.valueOf((char) (32 + random.nextInt(95))));
            };
        }
        return result;
    }

    private static String deleteRange(String text, Random random) {
        if (text.isEmpty()) {
            return text;
        }
        int start = random.nextInt(text.length());
        int end = Math.min(text.length(), start + 1 + random.nextInt(40));
        return text.substring(0, start) + text.substring(end);
    }

    private static String insert(String text, Random random, String fragment) {
        int at = random.nextInt(text.length() + 1);
        return text.substring(0, at) + fragment + text.substring(at);
    }

    private static String duplicateLine(String text, Random random) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        int i = random.nextInt(lines.size());
        lines.add(i, lines.get(i));
        return String.join("\n", lines);
    }

    private static String swapLines(String text, Random random) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        int a = random.nextInt(lines.size());
        int b = random.nextInt(lines.size());
        String line = lines.get(a);
        lines.set(a, lines.get(b));
        lines.set(b, line);
        return String.join("\n", lines);
    }

    private static String reindentLine(String text, Random random) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        int i = random.nextInt(lines.size());
        lines.set(i, " ".repeat(random.nextInt(9)) + lines.get(i).stripLeading());
        return String.join("\n", lines);
    }

    private static List<String> seeds() {
        List<String> texts = new ArrayList<>();
        for (Path dir : List.of(Path.of("sample-flows"), Path.of("src/test/resources/corpus/valid"))) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(p -> p.toString().endsWith(".yml")).sorted().toList()) {
                    texts.add(Files.readString(file, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return texts;
    }
}
