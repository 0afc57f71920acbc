package dev.flowbench.ui.editor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextEditsTest {

    private static String apply(String text, TextEdits.Edit edit) {
        return text.substring(0, edit.from()) + edit.text() + text.substring(edit.to());
    }

    @Test
    void toggleCommentAddsAtTheCommonIndentThenRemoves() {
        String text = "tasks:\n  - id: a\n    type: b\nafter: c\n";
        int from = text.indexOf("  - id");
        int to = text.indexOf("after");
        String commented = apply(text, TextEdits.toggleComment(text, from, to));
        assertThat(commented).isEqualTo("tasks:\n  # - id: a\n  #   type: b\nafter: c\n");
        int start = commented.indexOf("  # - id");
        String back = apply(commented, TextEdits.toggleComment(commented, start, commented.indexOf("after")));
        assertThat(back).isEqualTo(text);
    }

    @Test
    void indentAndOutdentTheSelectedLines() {
        String text = "a: 1\nb: 2\n";
        String indented = apply(text, TextEdits.indentLines(text, 0, text.length()));
        assertThat(indented).isEqualTo("  a: 1\n  b: 2\n");
        assertThat(apply(indented, TextEdits.outdentLines(indented, 0, indented.length()))).isEqualTo(text);
        assertThat(apply(" x\n", TextEdits.outdentLines(" x\n", 0, 1))).isEqualTo("x\n");
    }

    /** The text after Enter at the end of {@code text} (the caret there), the caret shown as |. */
    private static String enter(String text) {
        TextEdits.Edit edit = TextEdits.newLine(text, text.length(), text.length());
        String after = text.substring(0, edit.from()) + edit.text() + text.substring(edit.to());
        return after.substring(0, edit.selectionStart()) + "|" + after.substring(edit.selectionStart());
    }

    @Test
    void aNewLineKeepsTheIndentAndGoesDeeperAfterABlockKey() {
        assertThat(enter("tasks:")).isEqualTo("tasks:\n  |");
        assertThat(enter("  - id: a")).isEqualTo("  - id: a\n    |");
        assertThat(enter("  - id:")).isEqualTo("  - id:\n      |");
        assertThat(enter("    script: |")).isEqualTo("    script: |\n      |");
        assertThat(enter("    script: >-")).isEqualTo("    script: >-\n      |");
        assertThat(enter("    message: hi # note")).isEqualTo("    message: hi # note\n    |");
        assertThat(enter("    message: \"a: b\"")).isEqualTo("    message: \"a: b\"\n    |");
    }

    @Test
    void aNewLineAfterAScalarItemIsTheNextItemAtItsIndentationNeverAContinuationOfIt() {
        String commands = "    commands:\n      - mkdir -p deps";
        assertThat(enter(commands)).isEqualTo(commands + "\n      - |");
        assertThat(enter(commands + "\n      - npm ci")).endsWith("      - npm ci\n      - |");
        assertThat(enter("      - \"quoted: not a key\"")).endsWith("\n      - |");
        assertThat(enter("      - echo {a: 1}")).endsWith("\n      - |");
        assertThat(enter("      - [1, 2]")).endsWith("\n      - |");
        assertThat(enter("      - deps/**   # kept")).endsWith("\n      - |");
        assertThat(enter("      - - nested")).as("a list in a list: its item is a scalar").endsWith("\n      - |");
        assertThat(enter("patterns: [a, b]")).isEqualTo("patterns: [a, b]\n|");
    }

    @Test
    void enterOnAnEmptyItemEndsTheListAndInsideABlockScalarKeepsTheLinesIndentation() {
        assertThat(enter("      - a\n      - ")).isEqualTo("      - a\n      |");
        String script = "    script: |\n      echo one:\n      - not yaml";
        assertThat(enter(script.substring(0, script.indexOf("\n      - ")))).endsWith("      echo one:\n      |");
        assertThat(enter(script)).endsWith("      - not yaml\n      |");
        assertThat(enter("    script: |\n      if true; then\n        echo in")).endsWith("        echo in\n        |");
        assertThat(enter("# tasks:")).isEqualTo("# tasks:\n|");
    }

    @Test
    void matchingBrackets() {
        String text = "a: [1, {b: 2}]";
        assertThat(TextEdits.matchingBrackets(text, 3)).containsExactly(3, 13);
        assertThat(TextEdits.matchingBrackets(text, 12)).containsExactly(7, 12);
        assertThat(TextEdits.matchingBrackets(text, 14)).containsExactly(3, 13);
        assertThat(TextEdits.matchingBrackets("a: [1", 3)).isNull();
    }
}
