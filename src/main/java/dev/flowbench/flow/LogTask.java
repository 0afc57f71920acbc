package dev.flowbench.flow;

import java.util.List;

public record LogTask(TaskHeader header, List<String> messages, String level) implements Task {
}
