package dev.flowbench.flow;

/**
 * Kestra's {@code kv.Set}, {@code kv.Get}, {@code kv.GetKeys} and {@code kv.Delete} on the key-value store of a namespace
 * (the flow's unless {@code namespace} says); their properties are read from the task as written, rendered as it runs.
 */
public record KvTask(TaskHeader header, Operation operation) implements Task {

    public enum Operation { SET, GET, GET_KEYS, DELETE }
}
