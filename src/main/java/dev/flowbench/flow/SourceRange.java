package dev.flowbench.flow;

/** A span of a flow's text, {@code end} exclusive. */
public record SourceRange(SourcePosition start, SourcePosition end) {

    public static final SourceRange NONE = new SourceRange(SourcePosition.START, SourcePosition.START);

    public SourceRange {
        if (end.offset() < start.offset()) {
            end = start;
        }
    }

    public static SourceRange at(SourcePosition position) {
        return new SourceRange(position, position);
    }

    public int length() {
        return end.offset() - start.offset();
    }

    @Override
    public String toString() {
        return start + "-" + end;
    }
}
