package dev.flowbench.flow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The flow schema seen from a place in a flow, for completion and hover documentation: which properties the map
 * at a path may have, what each means, which values an enum takes. A path is the keys from the flow's root down
 * to a map, list items marked with the {@code type} their map declares (a task's type decides its properties).
 */
public final class SchemaWalk {

    /** One step down: into the value of {@code key}, or into a list item ({@code key} "-") of the given type. */
    public record Step(String key, String itemType) {
        public static final String ITEM = "-";

        public static Step key(String key) {
            return new Step(key, null);
        }

        public static Step item(String type) {
            return new Step(ITEM, type);
        }
    }

    private final FlowSchema schema;

    public SchemaWalk(FlowSchema schema) {
        this.schema = schema;
    }

    /** The properties of the map at {@code path}, name to documentation (empty when the place is unknown). */
    public Map<String, String> propertiesAt(List<Step> path) {
        Map<String, String> found = new LinkedHashMap<>();
        nodeAt(path).ifPresent(node -> collect(node, found));
        return found;
    }

    /** The documentation of {@code key} in the map at {@code path}. */
    public Optional<String> describe(List<Step> path, String key) {
        return Optional.ofNullable(propertiesAt(path).get(key)).filter(text -> !text.isEmpty());
    }

    /** The values {@code key} may take in the map at {@code path}, when it is an enum. */
    public List<String> enumOf(List<Step> path, String key) {
        return nodeAt(path).flatMap(node -> property(node, key)).map(schema::enumValues).orElse(List.of());
    }

    /** The documentation of a task type Flowbench knows. */
    public Optional<String> describeType(String type) {
        return schema.canonicalType(type).flatMap(canonical -> schema.description(canonical, null));
    }

    private Optional<JsonNode> nodeAt(List<Step> path) {
        JsonNode node = schema.document();
        for (Step step : path) {
            if (Step.ITEM.equals(step.key())) {
                JsonNode items = schema.resolve(node).path("items");
                if (items.isMissingNode()) {
                    return Optional.empty();
                }
                // a task list, inputs, triggers: the item's own type says what it holds
                node = schema.typedChoice(schema.resolve(items), step.itemType());
            } else {
                Optional<JsonNode> next = property(node, step.key());
                if (next.isEmpty()) {
                    return Optional.empty();
                }
                node = schema.resolve(next.get());
            }
        }
        return Optional.of(node);
    }

    private Optional<JsonNode> property(JsonNode node, String key) {
        JsonNode resolved = schema.resolve(node);
        JsonNode own = resolved.path("properties").path(key);
        if (!own.isMissingNode()) {
            return Optional.of(own);
        }
        for (JsonNode part : resolved.path("allOf")) {
            Optional<JsonNode> inherited = property(part, key);
            if (inherited.isPresent()) {
                return inherited;
            }
        }
        return Optional.empty();
    }

    private void collect(JsonNode node, Map<String, String> into) {
        JsonNode resolved = schema.resolve(node);
        resolved.path("properties").fields().forEachRemaining(entry -> into.putIfAbsent(entry.getKey(),
                schema.documentation(entry.getValue())));
        for (JsonNode part : resolved.path("allOf")) {
            collect(part, into);
        }
    }
}
