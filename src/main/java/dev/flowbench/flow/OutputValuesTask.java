package dev.flowbench.flow;

/** Kestra's {@code output.OutputValues}: {@code values} (text, numbers, nested maps and lists) rendered as its outputs. */
public record OutputValuesTask(TaskHeader header, Object values) implements Task {
}
