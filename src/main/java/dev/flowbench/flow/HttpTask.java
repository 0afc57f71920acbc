package dev.flowbench.flow;

/**
 * Kestra's {@code http.Request} (the response in the task's outputs) and {@code http.Download} (the response body kept
 * as an output file); their properties are read from the task as written, rendered as it runs.
 */
public record HttpTask(TaskHeader header, boolean download) implements Task {
}
