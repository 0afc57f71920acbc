package dev.flowbench.flow.form;

import java.util.List;

/**
 * One field of a task form: the property it edits ({@code path} of nested keys, {@code [cache, ttl]}), how, and what
 * the schema says of it. {@code removePath} is what clearing the field removes ({@code [taskRunner]} for the runner's
 * type). {@code advanced} fields (Kestra server options, deprecated ones, maps) are shown apart, and only once the
 * task has them, unless they are asked for.
 */
public record FormField(List<String> path, List<String> removePath, String label, FieldKind kind, String doc,
        List<String> choices, Object defaultValue, boolean required, boolean advanced) {

    public FormField {
        path = List.copyOf(path);
        removePath = List.copyOf(removePath);
        choices = List.copyOf(choices);
    }

    /** A stable name for the field, used in node ids: the path joined with '-' ({@code cache-ttl}). */
    public String name() {
        return String.join("-", path);
    }

    public boolean isId() {
        return path.equals(List.of("id"));
    }
}
