package dev.flowbench.flow;

/** Kestra's {@code execution.Fail}: fails with {@code errorMessage}, always or when {@code condition} renders truthy. */
public record FailTask(TaskHeader header, String condition, String errorMessage) implements Task {
}
