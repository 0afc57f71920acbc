package dev.flowbench.flow.edit;

/**
 * One change of a flow's text: the characters from {@code start} to {@code end} (UTF-16 offsets, {@code end}
 * exclusive) replaced by {@code text}. An editor applies it as one step that one undo takes back.
 */
public record TextEdit(int start, int end, String text) {

    public TextEdit {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("a text edit from " + start + " to " + end);
        }
    }

    public String applyTo(String source) {
        return source.substring(0, start) + text + source.substring(end);
    }
}
