package dev.flowbench.flow;

public record ReturnTask(TaskHeader header, String format) implements Task {
}
