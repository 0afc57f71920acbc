package dev.flowbench.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.flowbench.flow.Task;
import dev.flowbench.flow.yaml.YamlMap;
import dev.flowbench.flow.yaml.YamlValues;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What makes two runs of a task "the same" for Kestra's {@code taskCache}: the task's definition with its expressions
 * rendered now, so that the inputs and upstream outputs it reads are part of it, and an edit of another task is not.
 * The {@code taskCache} property itself is left out (a new ttl is not a new task); an upstream output file it names
 * counts by its content, not its path (which holds the execution's id).
 */
public final class TaskDefinition {

    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private TaskDefinition() {
    }

    /** {@code taskCache: {enabled: true, ttl: ...}} of a task: its ttl as written (null without one), when enabled. */
    public static Optional<String> cacheTtl(Task task) {
        Optional<YamlMap> cache = task.header().source().get("taskCache").filter(YamlMap.class::isInstance).map(YamlMap.class::cast);
        if (cache.isEmpty() || !cache.get().string("enabled").map("true"::equalsIgnoreCase).orElse(false)) {
            return Optional.empty();
        }
        return Optional.of(cache.get().string("ttl").orElse(""));
    }

    /** The SHA-256 of the task's canonical, rendered definition. */
    public static String fingerprint(Task task, TaskContext context) {
        Object plain = YamlValues.toJava(task.header().source());
        if (plain instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>(map);
            copy.remove("taskCache");
            plain = copy;
        }
        try {
            byte[] json = CANONICAL.writeValueAsBytes(rendered(plain, context));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("a task's definition is plain YAML values", e);
        }
    }

    private static Object rendered(Object value, TaskContext context) {
        if (value instanceof String text) {
            try {
                return context.stableStoragePaths(context.render(text));
            } catch (Templates.TemplateError e) {
                return text; // not an expression the engine renders here: the text as written is the definition
            }
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), rendered(v, context)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(item -> out.add(rendered(item, context)));
            return out;
        }
        return value;
    }
}
