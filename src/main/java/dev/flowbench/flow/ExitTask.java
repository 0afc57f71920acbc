package dev.flowbench.flow;

/** Kestra's {@code execution.Exit}: ends the execution at once in {@code state} (SUCCESS unless written). */
public record ExitTask(TaskHeader header, String state) implements Task {
}
