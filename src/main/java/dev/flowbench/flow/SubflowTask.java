package dev.flowbench.flow;

import java.util.Map;

/**
 * Kestra's {@code flow.Subflow}: starts the flow {@code namespace}/{@code flowId} as an execution of its own with
 * {@code inputs} (each rendered), and, with {@code wait} (the default), ends as it ends ({@code transmitFailed}, the
 * default, makes its failure this task's). The texts are rendered when the task runs.
 */
public record SubflowTask(TaskHeader header, String namespace, String flowId, Map<String, Object> inputs, String waits,
                          String transmitFailed) implements Task {
}
