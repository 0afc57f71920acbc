package dev.flowbench.flow.migrate;

import java.util.List;

/**
 * A flow's text after every mechanical rewrite, with what was done and what is left to a person.
 *
 * @param applied the titles of the rewrites made, each with the line of the original text it was about
 * @param manual  what Kestra 2 still needs, located in {@code text}
 */
public record Migrated(String original, String text, List<String> applied, List<ManualChange> manual) {

    public Migrated {
        applied = List.copyOf(applied);
        manual = List.copyOf(manual);
    }

    public boolean changed() {
        return !original.equals(text);
    }

    /** Nothing to rewrite and nothing left: the flow already speaks Kestra 2. */
    public boolean compatible() {
        return !changed() && manual.isEmpty();
    }
}
