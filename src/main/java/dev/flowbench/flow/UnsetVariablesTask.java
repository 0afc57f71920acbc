package dev.flowbench.flow;

import java.util.List;

/** Kestra's {@code execution.UnsetVariables}: the named {@code variables} removed from the execution's {@code vars}. */
public record UnsetVariablesTask(TaskHeader header, List<String> variables, boolean ignoreMissing) implements Task {
}
