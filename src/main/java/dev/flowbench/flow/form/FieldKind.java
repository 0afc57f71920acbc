package dev.flowbench.flow.form;

/** How a task form edits a property, decided by the property's schema. */
public enum FieldKind {
    /** One line of text. */
    TEXT,
    /** A script: several lines, written as a block literal. */
    SCRIPT,
    /** A list of strings (commands, cache patterns, output files). */
    LIST,
    /** An ISO-8601 duration (ttl, timeout), with a readable preview. */
    DURATION,
    /** true or false. */
    FLAG,
    /** One of a few values (an enum, the task runner). */
    CHOICE,
    /** A map or another shape the form does not edit: shown, and edited in the text. */
    IN_TEXT
}
