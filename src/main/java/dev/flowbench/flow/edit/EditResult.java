package dev.flowbench.flow.edit;

/** What a visual edit comes to: a change of the text, or why the text cannot be changed that way (said to the user). */
public sealed interface EditResult {

    record Applied(TextEdit edit) implements EditResult {
    }

    record Refused(String reason) implements EditResult {
    }

    static EditResult of(TextEdit edit) {
        return new Applied(edit);
    }

    static EditResult refused(String reason) {
        return new Refused(reason);
    }

    /** The edited text, or the text unchanged when refused. */
    default String applyTo(String source) {
        return this instanceof Applied applied ? applied.edit().applyTo(source) : source;
    }
}
