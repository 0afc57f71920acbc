package dev.flowbench.ui.editor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowbench.flow.LoadedFlow;
import dev.flowbench.flow.check.FlowValidator;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompletionsTest {

    private static final String FLOW = """
            id: complete_me
            namespace: company.team
            inputs:
              - id: name
                type: STRING
            variables:
              greeting: hello
            tasks:
              - id: build
                type: io.kestra.plugin.core.flow.WorkingDirectory
                cache:
                  patterns: [deps/**]
                tasks:
                  - id: step
                    type: io.kestra.plugin.scripts.shell.Commands
                    commands:
                      - "echo '::{\\"outputs\\": {\\"version\\": \\"1.2\\", \\"count\\": 3}}::'"
            """;

    private static final String LAST_LINE = FLOW.lines().reduce((a, b) -> b).orElseThrow() + "\n";

    private final Completions completions = new Completions();
    private final LoadedFlow model = new FlowValidator().validate(FLOW);

    /** The labels offered when {@code marker} in {@code text} is where the caret is (the marker removed). */
    private List<String> at(String text, String marker) {
        int caret = text.indexOf(marker);
        String typed = text.replace(marker, "");
        return completions.at(typed, caret, model).suggestions().stream().map(Completions.Suggestion::label).toList();
    }

    private static String insertAfter(String anchor, String addition) {
        int at = FLOW.indexOf(anchor) + anchor.length();
        return FLOW.substring(0, at) + addition + FLOW.substring(at);
    }

    @Test
    void taskTypesAfterType() {
        String text = insertAfter(LAST_LINE,
                "  - id: next\n    type: shell.Com<|>\n");
        assertThat(at(text, "<|>")).contains("io.kestra.plugin.scripts.shell.Commands").doesNotContain("io.kestra.plugin.core.log.Log");
        String any = insertAfter(LAST_LINE, "  - id: next\n    type: <|>\n");
        assertThat(at(any, "<|>")).startsWith("io.kestra.plugin.core.flow.WorkingDirectory")
                .contains("io.kestra.plugin.core.log.Log", "io.kestra.plugin.core.flow.Parallel", "io.kestra.plugin.core.flow.Loop")
                .doesNotContain("io.kestra.plugin.core.trigger.Schedule", "io.kestra.plugin.core.flow.ForEach",
                        "io.kestra.plugin.core.storage.LocalFiles", "io.kestra.core.tasks.scripts.Bash");
    }

    @Test
    void triggerTypesUnderTriggers() {
        assertThat(at(FLOW + "triggers:\n  - id: nightly\n    type: Sched<|>\n", "<|>"))
                .contains("io.kestra.plugin.core.trigger.Schedule").doesNotContain("io.kestra.plugin.core.log.Log");
    }

    @Test
    void propertiesOfTheTaskAtTheCaretWithoutThoseItHas() {
        String text = insertAfter(LAST_LINE, "        <|>\n");
        assertThat(at(text, "<|>")).contains("beforeCommands", "env", "timeout", "outputFiles")
                .doesNotContain("commands", "id", "type", "cache");
        String wd = insertAfter("    type: io.kestra.plugin.core.flow.WorkingDirectory\n", "    outp<|>\n");
        assertThat(at(wd, "<|>")).containsExactly("outputFiles");
        String cache = insertAfter("      patterns: [deps/**]\n", "      t<|>\n");
        assertThat(at(cache, "<|>")).containsExactly("ttl");
    }

    @Test
    void flowPropertiesAtTheRootAndEnumValues() {
        assertThat(at(FLOW + "trig<|>", "<|>")).containsExactly("triggers");
        String input = FLOW.replace("    type: STRING", "    type: BOO<|>");
        assertThat(at(input, "<|>")).as("Kestra 2 has BOOL, not BOOLEAN").containsExactly("BOOL");
    }

    @Test
    void namesInsideExpressionsAndTags() {
        String message = insertAfter(LAST_LINE,
                "  - id: show\n    type: io.kestra.plugin.core.log.Log\n    message: \"{{ %s\"\n");
        assertThat(at(message.formatted("<|>"), "<|>")).contains("inputs", "outputs", "vars", "flow", "execution");
        assertThat(at(message.formatted("inputs.<|>"), "<|>")).containsExactly("name");
        assertThat(at(message.formatted("vars.gr<|>"), "<|>")).containsExactly("greeting");
        assertThat(at(message.formatted("outputs.<|>"), "<|>")).containsExactly("build", "step");
        assertThat(at(message.formatted("outputs.step.<|>"), "<|>")).containsExactly("vars", "exitCode", "outputFiles");
        assertThat(at(message.formatted("outputs.step.vars.<|>"), "<|>")).containsExactly("version", "count");
        String tag = message.replace("\"{{ %s\"", "\"{%% if inputs.%s\"");
        assertThat(at(tag.formatted("<|>"), "<|>")).as("inside {%% %%} too").containsExactly("name");
    }

    @Test
    void theReplacedRangeIsThePartialWord() {
        String text = FLOW + "trig";
        Completions.Result result = completions.at(text, text.length(), model);
        assertThat(result.from()).isEqualTo(text.length() - 4);
        assertThat(result.suggestions().get(0).insert()).isEqualTo("triggers: ");
    }

    @Test
    void hoverShowsThePropertyOrTypeDocumentation() {
        HoverDocs hover = new HoverDocs();
        int patterns = FLOW.indexOf("patterns") + 2;
        assertThat(hover.at(FLOW, patterns)).hasValueSatisfying(doc -> assertThat(doc).startsWith("patterns: List of file [glob]"));
        int type = FLOW.indexOf("shell.Commands");
        assertThat(hover.at(FLOW, type)).hasValueSatisfying(doc -> assertThat(doc).contains("Execute Shell commands"));
        int commands = FLOW.indexOf("commands:") + 1;
        assertThat(hover.at(FLOW, commands)).hasValueSatisfying(doc -> assertThat(doc).startsWith("commands: Shell commands to run"));
        assertThat(hover.at(FLOW, FLOW.indexOf("complete_me"))).isEmpty();
    }
}
