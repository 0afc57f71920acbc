package dev.flowbench.flow;

/** Kestra's {@code execution.SetVariables}: {@code variables} rendered into the execution's {@code vars}. */
public record SetVariablesTask(TaskHeader header, Object variables, boolean overwrite) implements Task {
}
