package dev.flowbench.flow.form;

import dev.flowbench.flow.Problem;
import java.util.List;
import java.util.Optional;

/**
 * A task's form as its text reads now: the fields of its type with the values the text holds, the problems the
 * validator found in each, and those of the task that belong to no field (a required property missing, an unknown
 * key). {@code known} is false for a type Flowbench does not run (its other keys are shown to edit in the text).
 */
public record TaskForm(String taskId, String type, Optional<String> typeDoc, boolean known, List<Field> fields,
        List<Problem> problems) {

    public TaskForm {
        fields = List.copyOf(fields);
        problems = List.copyOf(problems);
    }

    /** A field with its value; {@code start} and {@code end} are where the property is in the text (-1 when absent). */
    public record Field(FormField spec, FieldValue value, List<Problem> problems, int start, int end) {
        public Field {
            problems = List.copyOf(problems);
        }
    }

    public Optional<Field> field(String name) {
        return fields.stream().filter(f -> f.spec().name().equals(name)).findFirst();
    }

    /** Whether the other form has the same fields (same task, same type): a view may keep its controls. */
    public boolean sameShape(TaskForm other) {
        return other != null && taskId.equals(other.taskId) && type.equals(other.type)
                && fields.stream().map(f -> f.spec()).toList().equals(other.fields.stream().map(f -> f.spec()).toList());
    }
}
