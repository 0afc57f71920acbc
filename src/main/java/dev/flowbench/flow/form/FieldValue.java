package dev.flowbench.flow.form;

import java.util.List;

/** What a task's text holds for a form field. */
public sealed interface FieldValue {

    /** The task does not set the property. */
    record Absent() implements FieldValue {
    }

    record Text(String text) implements FieldValue {
    }

    record Flag(boolean on) implements FieldValue {
    }

    record Items(List<String> items) implements FieldValue {
        public Items {
            items = List.copyOf(items);
        }
    }

    /** Set, in a shape the field does not edit (an expression where a flag goes, a map): {@code summary} says which. */
    record InText(String summary) implements FieldValue {
    }

    FieldValue ABSENT = new Absent();

    default boolean isSet() {
        return !(this instanceof Absent);
    }
}
