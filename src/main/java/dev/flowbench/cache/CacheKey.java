package dev.flowbench.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Which WorkingDirectory an entry belongs to: exact ids, so {@code my_task} and {@code my-task} are two entries (Kestra
 * slugifies them into one); inside a Loop also the iteration's value ({@code value}, null outside loops), so that each
 * value has files of its own, as Kestra 1.x keyed them by the task run's value. (Kestra 2.0 runs an iteration as an
 * execution of its own whose task runs have no value: every iteration of its Loop shares one entry, each restoring the
 * files the others left, kestra-oracle; Flowbench keeps them apart.)
 */
public record CacheKey(String namespace, String flowId, String taskId, String value) {

    /** Longer values, or values with characters a key should not show, are named by a digest of them. */
    private static final int MAX_VALUE = 64;

    public CacheKey(String namespace, String flowId, String taskId) {
        this(namespace, flowId, taskId, null);
    }

    /** The key of the WorkingDirectory {@code taskId} run in the Loop iteration of {@code iterationValue}. */
    public static CacheKey inIteration(String namespace, String flowId, String taskId, String iterationValue) {
        return new CacheKey(namespace, flowId, taskId, iterationValue == null ? null : shown(iterationValue));
    }

    private static String shown(String value) {
        if (value.length() <= MAX_VALUE && value.chars().noneMatch(c -> c < 0x20 || c == 0x7f)) {
            return value;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** {@code NAMESPACE/FLOW_ID/TASK_ID}, or {@code NAMESPACE/FLOW_ID/TASK_ID/VALUE} (the value may hold slashes). */
    public static CacheKey parse(String text) {
        String[] parts = text.split("/", 4);
        if (parts.length < 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()
                || (parts.length == 4 && parts[3].isEmpty())) {
            throw new IllegalArgumentException("'" + text + "' is not a cache key: write NAMESPACE/FLOW_ID/TASK_ID"
                    + " (and /VALUE for a WorkingDirectory in a Loop)");
        }
        return new CacheKey(parts[0], parts[1], parts[2], parts.length == 4 ? parts[3] : null);
    }

    @Override
    public String toString() {
        return namespace + "/" + flowId + "/" + taskId + (value == null ? "" : "/" + value);
    }
}
