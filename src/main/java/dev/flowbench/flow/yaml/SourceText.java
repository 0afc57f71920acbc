package dev.flowbench.flow.yaml;

import dev.flowbench.flow.SourcePosition;
import dev.flowbench.flow.SourceRange;
import org.snakeyaml.engine.v2.exceptions.Mark;

/**
 * A flow's text and the arithmetic between the parser's positions and the editor's.
 * The YAML parser counts code points; Java strings and text widgets count UTF-16 units, which differ
 * as soon as the text holds an emoji or another character outside the Basic Multilingual Plane.
 */
public final class SourceText {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final String text;
    private final String yaml;
    private final int shift;
    /** UTF-16 offset of each code point of {@link #yaml}, or null when the two coincide. */
    private final int[] utf16OffsetOfCodePoint;

    public SourceText(String text) {
        this.text = text;
        this.shift = !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? 1 : 0;
        this.yaml = text.substring(shift);
        this.utf16OffsetOfCodePoint = hasSurrogates(yaml) ? codePointOffsets(yaml) : null;
    }

    /** The whole text, as given. */
    public String text() {
        return text;
    }

    /** The text the YAML parser reads: without a byte order mark. */
    String yaml() {
        return yaml;
    }

    public SourcePosition position(Mark mark) {
        return new SourcePosition(mark.getLine() + 1, mark.getColumn() + 1, offsetOfCodePoint(mark.getIndex()));
    }

    public SourceRange range(Mark start, Mark end) {
        return new SourceRange(position(start), position(end));
    }

    private int offsetOfCodePoint(int codePointIndex) {
        if (utf16OffsetOfCodePoint == null) {
            return shift + Math.min(codePointIndex, yaml.length());
        }
        int index = Math.max(0, Math.min(codePointIndex, utf16OffsetOfCodePoint.length - 1));
        return shift + utf16OffsetOfCodePoint[index];
    }

    private static boolean hasSurrogates(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static int[] codePointOffsets(String s) {
        int[] offsets = new int[s.codePointCount(0, s.length()) + 1];
        int cp = 0;
        for (int i = 0; i < s.length(); i += Character.charCount(s.codePointAt(i))) {
            offsets[cp++] = i;
        }
        offsets[cp] = s.length();
        return offsets;
    }
}
