package dev.flowbench.flow.migrate;

import dev.flowbench.flow.SourceRange;

/** Something Kestra 2 needs that only a person can write: where, and what to write. */
public record ManualChange(SourceRange at, String message) {

    public int line() {
        return at.start().line();
    }

    public int column() {
        return at.start().column();
    }
}
