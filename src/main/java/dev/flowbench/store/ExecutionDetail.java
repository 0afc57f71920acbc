package dev.flowbench.store;

import java.util.List;

/** An execution with its task runs and the logs that were kept. */
public record ExecutionDetail(ExecutionSummary summary, List<TaskRunRecord> tasks, List<LogRecord> logs) {
}
