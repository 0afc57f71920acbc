package dev.flowbench.cache;

/**
 * Which WorkingDirectory an entry belongs to: exact ids, so {@code my_task} and {@code my-task} are two
 * entries (Kestra slugifies them into one).
 */
public record CacheKey(String namespace, String flowId, String taskId) {

    public static CacheKey parse(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' is not a cache key: write NAMESPACE/FLOW_ID/TASK_ID");
        }
        return new CacheKey(parts[0], parts[1], parts[2]);
    }

    @Override
    public String toString() {
        return namespace + "/" + flowId + "/" + taskId;
    }
}
