package dev.flowbench.flow;

import java.util.List;

/** Kestra's {@code execution.Assert}: fails when any of {@code conditions} renders falsy. */
public record AssertTask(TaskHeader header, List<String> conditions, String errorMessage) implements Task {
}
