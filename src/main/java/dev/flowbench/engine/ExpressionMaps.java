package dev.flowbench.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/** Maps as Kestra's expressions see them, where a dotted key is a path: {@code labels.system.correlationId}. */
final class ExpressionMaps {

    private ExpressionMaps() {
    }

    /** The flow's labels, and {@code system.correlationId}: the execution's id, which Kestra gives every execution. */
    static Map<String, Object> labels(Map<String, String> flowLabels, String executionId) {
        Map<String, Object> all = new LinkedHashMap<>(flowLabels);
        all.putIfAbsent("system.correlationId", executionId);
        return nested(all);
    }

    /**
     * {@code values} with each dotted key read as a path: Kestra's {@code inputs.nested.key} for an input
     * {@code nested.key}, {@code labels.system.correlationId}.
     */
    static Map<String, Object> nested(Map<String, Object> values) {
        Map<String, Object> labels = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            String[] path = key.split("\\.");
            if (path.length > 1 && java.util.Arrays.stream(path).noneMatch(String::isEmpty)) {
                put(labels, path, value); // only as a path: Kestra counts labels.system as one label (kestra-oracle)
            } else {
                labels.putIfAbsent(key, value);
            }
        });
        return labels;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> into, String[] path, Object value) {
        Map<String, Object> level = into;
        for (int i = 0; i < path.length - 1; i++) {
            Object next = level.get(path[i]);
            if (!(next instanceof Map)) {
                if (next != null) {
                    return; // a label of that name holds a value: the path cannot go through it
                }
                next = new LinkedHashMap<String, Object>();
                level.put(path[i], next);
            }
            level = (Map<String, Object>) next;
        }
        level.putIfAbsent(path[path.length - 1], value);
    }
}
