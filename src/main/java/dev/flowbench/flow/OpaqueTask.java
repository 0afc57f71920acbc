package dev.flowbench.flow;

import java.util.List;

/** A task of a type Flowbench does not run. It keeps the tasks nested in it, for ids and topology. */
public record OpaqueTask(TaskHeader header, List<Task> children) implements Task {
}
