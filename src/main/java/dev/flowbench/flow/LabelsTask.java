package dev.flowbench.flow;

/**
 * Kestra's {@code execution.Labels}: {@code labels} (a map, a list of {@code {key, value}}, or a JSON object as text)
 * added to the execution's, replacing those of the same key.
 */
public record LabelsTask(TaskHeader header, Object labels) implements Task {
}
