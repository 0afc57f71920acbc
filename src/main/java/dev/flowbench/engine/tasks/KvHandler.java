package dev.flowbench.engine.tasks;

import dev.flowbench.engine.JsonValues;
import dev.flowbench.engine.KeyValues;
import dev.flowbench.engine.KvValue;
import dev.flowbench.engine.TaskContext;
import dev.flowbench.engine.TaskOutcome;
import dev.flowbench.flow.IsoDuration;
import dev.flowbench.flow.KvTask;
import dev.flowbench.flow.yaml.YamlValues;
import java.time.Duration;
import java.util.Map;

/**
 * kv.Set, kv.Get, kv.GetKeys and kv.Delete as Kestra 2.0 runs them (kestra-oracle, see KvTest): Set writes the
 * rendered value as a text (a map as its JSON) of its {@code kvType} (STRING unless written), refusing an existing key with {@code overwrite: false}; Get gives
 * {@code {value}}, or nothing for a missing key unless {@code errorOnMissing}; GetKeys {@code {keys}} sorted, those
 * starting with {@code prefix}; Delete {@code {deleted}}.
 */
public final class KvHandler implements TaskHandler<KvTask> {

    @Override
    public TaskOutcome run(KvTask task, TaskContext context) {
        try {
            return operate(task, context);
        } catch (IllegalArgumentException | IllegalStateException e) { // a bad ttl, a database that cannot be used
            return TaskOutcome.failed(e.getMessage());
        }
    }

    private static TaskOutcome operate(KvTask task, TaskContext context) {
        KeyValues store = context.keyValues();
        String namespace = text(task, "namespace", context).orElse(context.namespace());
        String key = text(task, "key", context).orElse("");
        boolean errorOnMissing = text(task, "errorOnMissing", context).map("true"::equalsIgnoreCase).orElse(false);
        return switch (task.operation()) {
            case SET -> {
                Object source = task.header().source().get("value").map(YamlValues::toJava).orElse(null);
                Object value = Rendered.of(source, context);
                String text = value == null ? "" : value instanceof String t ? t : JsonValues.text(value);
                KvValue.Type type = text(task, "kvType", context).map(KvValue.Type::of)
                        .orElseGet(() -> oneExpression(source) ? KvValue.Type.inferred(text) : null);
                KvValue written = KvValue.of(text, type);
                boolean overwrite = text(task, "overwrite", context).map(v -> !v.equalsIgnoreCase("false")).orElse(true);
                Duration ttl = text(task, "ttl", context).map(t -> IsoDuration.parse(t).orElseThrow(() ->
                        new IllegalArgumentException("`ttl` must be an ISO-8601 duration, not '" + t + "'"))).orElse(null);
                yield store.set(namespace, key, written, overwrite, ttl) ? TaskOutcome.success(Map.of())
                        : TaskOutcome.failed("Cannot set value for key '" + key + "'. Key already exists and `overwrite` is set to `false`.");
            }
            case GET -> store.get(namespace, key).map(value -> TaskOutcome.success(Map.<String, Object>of("value", value.forOutputs())))
                    .orElseGet(() -> errorOnMissing ? TaskOutcome.failed("The key '" + key + "' does not exist in the namespace '"
                            + namespace + "'.") : TaskOutcome.success(Map.of()));
            case GET_KEYS -> TaskOutcome.success(Map.of("keys", store.keys(namespace, text(task, "prefix", context).orElse(""))));
            case DELETE -> {
                boolean deleted = store.delete(namespace, key);
                yield !deleted && errorOnMissing ? TaskOutcome.failed("The key '" + key + "' does not exist in the namespace '"
                        + namespace + "'.") : TaskOutcome.success(Map.of("deleted", deleted));
            }
        };
    }

    /**
     * Whether the value is one expression and nothing else: Kestra then keeps what it renders to with its type (a number
     * stays a number, kestra-oracle: {@code "{{ kv('c') + 1 }}"} is kept as NUMBER 2), where a text written is a STRING.
     */
    private static boolean oneExpression(Object source) {
        return source instanceof String text && text.strip().matches("(?s)\\{\\{(?:(?!}}).)*}}");
    }

    private static java.util.Optional<String> text(KvTask task, String property, TaskContext context) {
        return task.header().source().string(property).map(context::render).map(String::trim);
    }
}
