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
 * The fields of a task form, made from Kestra's flow schema ({@link FlowSchema}): the task's id and description first, then the type's
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
        // id and description, then what Kestra groups as main and what the type requires, then the rest (Kestra's
        // schema is alphabetical)
        List<String> names = new ArrayList<>(properties.keySet());
        names.remove("type");
        names.sort(java.util.Comparator.comparingInt(name -> FIRST.contains(name) ? FIRST.indexOf(name)
                : isMain(properties.get(name)) || required.contains(name) ? FIRST.size() : FIRST.size() + 1));
        List<FormField> fields = new ArrayList<>();
        for (String name : names) {
            addField(fields, List.of(name), properties.get(name), required.contains(name),
                    schema.formAdvanced().contains(name));
        }
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

    private void addField(List<FormField> fields, List<String> path, JsonNode property, boolean required,
                          boolean insideAdvanced) {
        JsonNode effective = effective(property);
        if (schema.holdsTasks(effective) || schema.holdsTasks(schema.resolve(effective.path("items")))) {
            return; // the topology reaches the tasks in a list
        }
        String doc = schema.documentation(property);
        String name = path.get(path.size() - 1);
        boolean advanced = insideAdvanced || isAdvanced(property, doc);
        List<String> runnerTypes = schema.typedChoices(effective);
        if (!runnerTypes.isEmpty()) {
            fields.add(new FormField(append(path, "type"), path, label(name), FieldKind.CHOICE, doc, runnerTypes,
                    null, required, advanced));
            return;
        }
        if (isDuration(property)) {
            fields.add(field(path, name, FieldKind.DURATION, doc, List.of(), effective, required, advanced));
            return;
        }
        List<String> choices = schema.enumValues(property);
        if (!choices.isEmpty()) {
            fields.add(field(path, name, FieldKind.CHOICE, doc, choices, effective, required, advanced));
            return;
        }
        Set<String> types = typesOf(property);
        if (types.equals(Set.of("object")) && effective.has("properties")) {
            Set<String> nestedRequired = new LinkedHashSet<>();
            effective.path("required").forEach(n -> nestedRequired.add(n.asText()));
            effective.path("properties").fields().forEachRemaining(entry ->
                    addField(fields, append(path, entry.getKey()), entry.getValue(), nestedRequired.contains(entry.getKey()),
                            advanced));
            return;
        }
        fields.add(field(path, name, kindOf(name, types), doc, List.of(), effective, required, advanced));
    }

    private static boolean isMain(JsonNode property) {
        return "main".equals(annotation(property, "$group").asText(""));
    }

    /** One of Kestra's annotations of a property: on it, or on the annotations beside its {@code $ref}. */
    private static JsonNode annotation(JsonNode property, String key) {
        return property.has(key) ? property.get(key) : property.path("allOf").path(1).path(key);
    }

    /** What a property is, seen through Kestra's {@code allOf: [{$ref}, {annotations}]} and {@code $ref} wrappings. */
    private JsonNode effective(JsonNode property) {
        if (property.has("$ref")) {
            return schema.resolve(property);
        }
        for (JsonNode part : property.path("allOf")) {
            if (part.has("$ref")) {
                return schema.resolve(part);
            }
        }
        return property;
    }

    /** The JSON types a property takes, over the alternatives Kestra gives it (a value, or an expression). */
    private Set<String> typesOf(JsonNode property) {
        Set<String> names = new LinkedHashSet<>();
        JsonNode effective = effective(property);
        JsonNode type = schema.writtenType(effective);
        if (type.isArray()) {
            type.forEach(t -> names.add(t.asText()));
        } else if (type.isTextual()) {
            names.add(type.asText());
        }
        for (JsonNode choice : effective.path("anyOf")) {
            names.addAll(typesOf(choice));
        }
        return names;
    }

    private boolean isDuration(JsonNode property) {
        JsonNode effective = effective(property);
        if ("duration".equals(effective.path("format").asText())) {
            return true;
        }
        for (JsonNode choice : effective.path("anyOf")) {
            if ("duration".equals(choice.path("format").asText())) {
                return true;
            }
        }
        return false;
    }

    private static FieldKind kindOf(String name, Set<String> names) {
        if (names.contains("object")) {
            return FieldKind.IN_TEXT;
        }
        // Kestra lets a dynamic flag be an expression too: boolean or string is still a flag
        if (names.equals(Set.of("boolean")) || names.equals(Set.of("boolean", "string"))) {
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
        JsonNode fallback = defaultOf(resolved);
        Object defaultValue = fallback.isBoolean() ? (Object) fallback.asBoolean() : fallback.isTextual() ? fallback.asText() : null;
        if (kind == FieldKind.FLAG && defaultValue instanceof String text && text.matches("true|false")) {
            defaultValue = Boolean.parseBoolean(text);
        }
        return new FormField(path, path, label(name), kind, doc, choices, defaultValue, required,
                advanced || kind == FieldKind.IN_TEXT);
    }

    /** A property's default, also where Kestra gives it on one of the property's alternatives. */
    private static JsonNode defaultOf(JsonNode property) {
        if (property.has("default")) {
            return property.get("default");
        }
        for (JsonNode choice : property.path("anyOf")) {
            if (choice.has("default")) {
                return choice.get("default");
            }
        }
        return property.path("default");
    }

    /**
     * Kestra groups a task's properties ({@code $group}): what matters on a server (advanced, logging, workers,
     * policies), what it deprecated, and what the Process runner ignores are tucked away.
     */
    private static boolean isAdvanced(JsonNode property, String doc) {
        String group = annotation(property, "$group").asText("");
        boolean deprecated = annotation(property, "$deprecated").asBoolean(false);
        return deprecated || group.equals("advanced") || group.equals("logging") || doc.startsWith("Deprecated")
                || doc.contains("Ignored by the Process runner");
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
