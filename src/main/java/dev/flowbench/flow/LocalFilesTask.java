package dev.flowbench.flow;

import java.util.List;
import java.util.Map;

public record LocalFilesTask(TaskHeader header, Map<String, String> inputs, List<String> outputs) implements Task {
}
