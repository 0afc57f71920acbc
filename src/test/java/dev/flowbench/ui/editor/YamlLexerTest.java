package dev.flowbench.ui.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class YamlLexerTest {

    /** Each token written as style:text, for readable expectations. */
    private static List<String> line(String text, int index) {
        String line = text.split("\n", -1)[index];
        return YamlLexer.lex(text).get(index).stream()
                .map(t -> t.style().replace("yaml-", "") + ":" + line.substring(t.start(), t.end())).collect(Collectors.toList());
    }

    @Test
    void keysValuesTypesAndComments() {
        String text = """
                id: hello # the id
                tasks:
                  - id: say
                    type: io.kestra.plugin.core.log.Log
                    retries: 3
                    enabled: true
                    message: "Hi {{ inputs.name }}!"
                """;
        assertThat(line(text, 0)).containsExactly("key:id", "punct::", "string:hello", "comment:# the id");
        assertThat(line(text, 2)).containsExactly("punct:-", "key:id", "punct::", "string:say");
        assertThat(line(text, 3)).containsExactly("key:type", "punct::", "type:io.kestra.plugin.core.log.Log");
        assertThat(line(text, 4)).containsExactly("key:retries", "punct::", "number:3");
        assertThat(line(text, 5)).containsExactly("key:enabled", "punct::", "literal:true");
        assertThat(line(text, 6)).containsExactly("key:message", "punct::", "string:\"Hi ", "expression:{{ inputs.name }}",
                "string:!\"");
    }

    @Test
    void blockScalarsAreStringsUntilTheIndentComesBack() {
        String text = """
                script: |
                  echo "# not a comment"
                  echo {% if x %}y{% endif %}
                next: value
                """;
        assertThat(line(text, 0)).containsExactly("key:script", "punct::", "punct:|");
        assertThat(line(text, 1)).containsExactly("string:echo \"# not a comment\"");
        assertThat(line(text, 2)).containsExactly("string:echo ", "expression:{% if x %}", "string:y", "expression:{% endif %}");
        assertThat(line(text, 3)).containsExactly("key:next", "punct::", "string:value");
    }

    @Test
    void aBlockScalarListItemHoldsItsDeeperLines() {
        String text = """
                commands:
                  - |
                    echo "not: a key"
                  - ls
                """;
        assertThat(line(text, 2)).containsExactly("string:echo \"not: a key\"");
        assertThat(line(text, 3)).containsExactly("punct:-", "string:ls");
    }

    @Test
    void flowCollections() {
        assertThat(line("commands: [ls, \"a b\", 42]", 0)).containsExactly("key:commands", "punct::", "punct:[", "string:ls",
                "punct:,", "string:\"a b\"", "punct:,", "number:42", "punct:]");
    }

    @Test
    void everySampleFlowLexesIntoOrderedTokensWithinItsLines() throws Exception {
        try (var files = Files.list(Path.of("sample-flows"))) {
            for (Path file : files.toList()) {
                String text = Files.readString(file);
                String[] lines = text.split("\n", -1);
                List<List<YamlLexer.Token>> tokens = YamlLexer.lex(text);
                assertThat(tokens).hasSize(lines.length);
                for (int i = 0; i < lines.length; i++) {
                    int at = 0;
                    for (YamlLexer.Token token : tokens.get(i)) {
                        assertThat(token.start()).as(file + ":" + (i + 1)).isGreaterThanOrEqualTo(at);
                        assertThat(token.end()).isGreaterThan(token.start()).isLessThanOrEqualTo(lines[i].length());
                        at = token.end();
                    }
                }
            }
        }
    }
}
