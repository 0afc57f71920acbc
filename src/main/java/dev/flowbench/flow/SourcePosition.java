package dev.flowbench.flow;

/**
 * A point in a flow's text. {@code line} and {@code column} are 1-based and count Unicode code points,
 * as editors and {@code FILE:LINE:COL} diagnostics do; {@code offset} is the 0-based UTF-16 index into the
 * Java string, which is what text widgets use.
 */
public record SourcePosition(int line, int column, int offset) implements Comparable<SourcePosition> {

    public static final SourcePosition START = new SourcePosition(1, 1, 0);

    @Override
    public int compareTo(SourcePosition other) {
        return Integer.compare(offset, other.offset);
    }

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
