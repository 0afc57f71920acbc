package dev.flowbench.flow;

/** Kestra's {@code flow.Sleep}: waits {@code duration} (ISO-8601, or a whole number of seconds). */
public record SleepTask(TaskHeader header, String duration) implements Task {
}
