package dev.flowbench.flow;

/**
 * Kestra's {@code storage.Write}, {@code Concat}, {@code Split}, {@code Size} and {@code Delete} over an execution's
 * output files; their properties are read from the task as written, rendered as it runs.
 */
public record StorageTask(TaskHeader header, Operation operation) implements Task {

    public enum Operation { WRITE, CONCAT, SPLIT, SIZE, DELETE }
}
