package dev.flowbench.flow.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowbench.flow.Problem;
import dev.flowbench.flow.SourceRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class YamlReaderTest {

    @Test
    void rangesPointAtTheTextOfEachNodeEvenAfterEmojiAndCjk() {
        String text = "# 🎉 comment with an emoji 🎉\n"
                + "title: \"日本語 🌸\"\n"
                + "after: value 😀 end\n"
                + "key: last\n";
        YamlMap root = (YamlMap) YamlReader.read(text).root();

        assertThat(slice(text, root.valueRange("title"))).isEqualTo("\"日本語 🌸\"");
        assertThat(slice(text, root.valueRange("after"))).isEqualTo("value 😀 end");
        assertThat(slice(text, root.keyRange("key"))).isEqualTo("key");
        assertThat(slice(text, root.valueRange("key"))).isEqualTo("last");
        // columns count code points: the emoji before "end" is one column
        assertThat(root.valueRange("after").end().column()).isEqualTo("after: value 😀 end".codePointCount(0, 19) + 1);
        assertThat(root.keyRange("key").start().line()).isEqualTo(4);
        assertThat(root.keyRange("key").start().column()).isEqualTo(1);
    }

    @Test
    void aByteOrderMarkIsSkippedAndOffsetsStillIndexTheGivenText() {
        String text = "\uFEFFid: 😀x\nnext: y\n";
        YamlDocument document = YamlReader.read(text);
        YamlMap root = (YamlMap) document.root();
        assertThat(document.problems()).isEmpty();
        assertThat(slice(text, root.valueRange("id"))).isEqualTo("😀x");
        assertThat(slice(text, root.valueRange("next"))).isEqualTo("y");
    }

    @Test
    void scalarsResolveWithYaml12CoreSchema() {
        YamlMap root = (YamlMap) YamlReader.read("a: no\nb: true\nc: 0x1F\nd: 1.5\ne: ~\nf: '42'\n").root();
        assertThat(kind(root, "a")).isEqualTo(YamlScalar.Kind.STRING);
        assertThat(kind(root, "b")).isEqualTo(YamlScalar.Kind.BOOLEAN);
        assertThat(kind(root, "c")).isEqualTo(YamlScalar.Kind.INTEGER);
        assertThat(YamlValues.toJava(root.get("c").orElseThrow())).isEqualTo(31L);
        assertThat(kind(root, "d")).isEqualTo(YamlScalar.Kind.FLOAT);
        assertThat(kind(root, "e")).isEqualTo(YamlScalar.Kind.NULL);
        assertThat(kind(root, "f")).isEqualTo(YamlScalar.Kind.STRING);
    }

    @Test
    void duplicateKeysAreReportedAtTheSecondKeyAndTheFirstIsKept() {
        YamlDocument document = YamlReader.read("a: 1\nb: 2\na: 3\n");
        assertThat(document.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo("duplicate-key");
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.message()).contains("first at line 1");
        });
        assertThat(((YamlMap) document.root()).string("a")).hasValue("1");
    }

    @Test
    void syntaxErrorsCarryLineAndColumn() {
        YamlDocument document = YamlReader.read("a: 1\nb: [1, 2\nc: 3\n");
        assertThat(document.root()).isNull();
        Problem problem = document.problems().get(0);
        assertThat(problem.code()).isEqualTo("yaml-syntax");
        assertThat(problem.line()).isBetween(2, 3);
        assertThat(problem.column()).isPositive();
    }

    @Test
    @Timeout(10)
    void anAliasBombIsStoppedBeforeItExhaustsMemory() {
        StringBuilder yaml = new StringBuilder("l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int level = 1; level <= 12; level++) {
            yaml.append("l").append(level).append(": &l").append(level).append(" [");
            for (int i = 0; i < 4; i++) {
                yaml.append(i == 0 ? "" : ", ").append("*l").append(level - 1);
            }
            yaml.append("]\n");
        }
        YamlDocument document = YamlReader.read(yaml.toString());
        assertThat(document.root()).isNull();
        assertThat(document.problems()).extracting(Problem::code).contains("yaml-limit");
    }

    @Test
    @Timeout(10)
    void recursiveAliasesAreReportedNotFollowed() {
        YamlDocument document = YamlReader.read("a: &x\n  b: *x\n");
        assertThat(document.problems()).isNotEmpty();
    }

    @Test
    @Timeout(20)
    void deepNestingIsReported() {
        int depth = 5_000;
        String text = "a: " + "[".repeat(depth) + "]".repeat(depth) + "\n";
        YamlDocument document = YamlReader.read(text);
        assertThat(document.root()).isNull();
        assertThat(document.problems()).extracting(Problem::code).containsAnyOf("yaml-too-deep", "yaml-limit");
    }

    @Test
    @Timeout(30)
    void aDocumentOverTheSizeLimitIsRefusedWithAMessage() {
        String text = "a: \"" + "x".repeat(YamlReader.MAX_CODE_POINTS + 10) + "\"\n";
        YamlDocument document = YamlReader.read(text);
        assertThat(document.root()).isNull();
        assertThat(document.problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("too large"));
    }

    @Test
    void anEmptyTextHasNoRoot() {
        YamlDocument document = YamlReader.read("# only a comment\n");
        assertThat(document.root()).isNull();
        assertThat(document.problems()).isEmpty();
    }

    private static YamlScalar.Kind kind(YamlMap map, String key) {
        return ((YamlScalar) map.get(key).orElseThrow()).kind();
    }

    private static String slice(String text, SourceRange range) {
        return text.substring(range.start().offset(), range.end().offset());
    }
}
