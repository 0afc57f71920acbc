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

    @Test
    void aNewLineKeepsTheIndentAndGoesDeeperAfterABlockKey() {
        assertThat(TextEdits.newLineIndent("tasks:", 6)).isEqualTo("  ");
        assertThat(TextEdits.newLineIndent("  - id: a", 9)).isEqualTo("    ");
        assertThat(TextEdits.newLineIndent("    script: |", 13)).isEqualTo("      ");
        assertThat(TextEdits.newLineIndent("    message: hi # note", 22)).isEqualTo("    ");
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
