package dev.flowbench.flow.form;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowbench.flow.FlowSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fields of a task form, made from {@code flow.schema.json}: the task's id and description first, then the type's
 * own properties (its script or commands), then those it shares with other scripts (runner, before commands...),
 * then those of every task (timeout, flags). Task lists are not fields: the topology reaches the tasks in them.
 */
public final class TaskFormSchema {

    private static final Map<String, String> WORDS = Map.of("id", "ID", "ttl", "TTL", "env", "Environment");
    private static final List<String> FIRST = List.of("id", "description");

    private final FlowSchema schema;
    private final Map<String, List<FormField>> byType = new ConcurrentHashMap<>();

    public TaskFormSchema(FlowSchema schema) {
        this.schema = schema;
    }

    /** The fields of a task of this type (any name Kestra reads); the generic task's for a type Flowbench does not run. */
    public List<FormField> fieldsOf(String type) {
        String canonical = schema.canonicalType(type).orElse(FlowSchema.GENERIC_TASK);
        return byType.computeIfAbsent(canonical, this::build);
    }

    private List<FormField> build(String canonicalType) {
        JsonNode definition = schema.definitionOf(canonicalType);
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        Set<String> required = new LinkedHashSet<>();
        collect(definition, properties, required);
        List<FormField> fields = new ArrayList<>();
        for (String name : FIRST) {
            if (properties.containsKey(name)) {
                addField(fields, List.of(name), properties.get(name), required.contains(name));
            }
        }
        properties.forEach((name, property) -> {
            if (!FIRST.contains(name) && !name.equals("type")) {
                addField(fields, List.of(name), property, required.contains(name));
            }
        });
        return List.copyOf(fields);
    }

    private void collect(JsonNode definition, Map<String, JsonNode> into, Set<String> required) {
        JsonNode resolved = schema.resolve(definition);
        resolved.path("properties").fields().forEachRemaining(entry -> into.putIfAbsent(entry.getKey(), entry.getValue()));
        resolved.path("required").forEach(name -> required.add(name.asText()));
        for (JsonNode part : resolved.path("allOf")) {
            collect(part, into, required);
        }
    }

    private void addField(List<FormField> fields, List<String> path, JsonNode property, boolean required) {
        String ref = property.path("$ref").asText("");
        if (ref.endsWith("/taskList")) {
            return;
        }
        JsonNode resolved = schema.resolve(property);
        String doc = property.path("description").asText(resolved.path("description").asText(""));
        String name = path.get(path.size() - 1);
        boolean advanced = isAdvanced(doc);
        if (ref.endsWith("/taskRunner")) {
            JsonNode type = resolved.path("properties").path("type");
            fields.add(new FormField(append(path, "type"), path, label(name), FieldKind.CHOICE, doc, texts(type.path("examples")),
                    null, required, advanced));
            return;
        }
        if (ref.endsWith("/duration")) {
            fields.add(field(path, name, FieldKind.DURATION, doc, List.of(), resolved, required, advanced));
            return;
        }
        if (resolved.has("enum")) {
            fields.add(field(path, name, FieldKind.CHOICE, doc, texts(resolved.path("enum")), resolved, required, advanced));
            return;
        }
        JsonNode types = resolved.path("type");
        if (types.isTextual() && types.asText().equals("object") && resolved.has("properties")) {
            Set<String> nestedRequired = new LinkedHashSet<>();
            resolved.path("required").forEach(n -> nestedRequired.add(n.asText()));
            resolved.path("properties").fields().forEachRemaining(entry ->
                    addField(fields, append(path, entry.getKey()), entry.getValue(), nestedRequired.contains(entry.getKey())));
            return;
        }
        fields.add(field(path, name, kindOf(name, types), doc, List.of(), resolved, required, advanced));
    }

    private static FieldKind kindOf(String name, JsonNode types) {
        Set<String> names = new LinkedHashSet<>();
        if (types.isArray()) {
            types.forEach(t -> names.add(t.asText()));
        } else if (types.isTextual()) {
            names.add(types.asText());
        }
        if (names.contains("object")) {
            return FieldKind.IN_TEXT;
        }
        if (names.equals(Set.of("boolean"))) {
            return FieldKind.FLAG;
        }
        if (names.equals(Set.of("array"))) {
            return FieldKind.LIST;
        }
        if (names.contains("string")) {
            return name.equals("script") ? FieldKind.SCRIPT : FieldKind.TEXT;
        }
        return FieldKind.IN_TEXT;
    }

    private static FormField field(List<String> path, String name, FieldKind kind, String doc, List<String> choices,
            JsonNode resolved, boolean required, boolean advanced) {
        JsonNode fallback = resolved.path("default");
        Object defaultValue = fallback.isBoolean() ? (Object) fallback.asBoolean() : fallback.isTextual() ? fallback.asText() : null;
        return new FormField(path, path, label(name), kind, doc, choices, defaultValue, required,
                advanced || kind == FieldKind.IN_TEXT);
    }

    private static boolean isAdvanced(String doc) {
        return doc.startsWith("Kestra server") || doc.startsWith("Kestra Enterprise") || doc.startsWith("Deprecated")
                || doc.contains("ignored by the Process runner");
    }

    /** {@code allowFailure} reads "Allow failure", {@code ttl} "TTL". */
    static String label(String name) {
        if (WORDS.containsKey(name)) {
            return WORDS.get(name);
        }
        String[] words = name.split("(?<=[a-z0-9])(?=[A-Z])");
        StringBuilder label = new StringBuilder();
        for (String word : words) {
            boolean acronym = word.length() > 1 && word.chars().allMatch(Character::isUpperCase);
            String written = acronym ? word : word.toLowerCase(java.util.Locale.ROOT);
            label.append(label.length() == 0 ? "" : " ").append(written);
        }
        return Character.toUpperCase(label.charAt(0)) + label.substring(1);
    }

    private static List<String> append(List<String> path, String key) {
        List<String> longer = new ArrayList<>(path);
        longer.add(key);
        return longer;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
