package dev.flowbench.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one description of the Kestra dialect Flowbench understands: flow fields and, for each task type
 * it runs, its properties with their types and documentation ({@code flow.schema.json}). Validation,
 * completion, hover documentation and task forms all read it from here.
 */
public final class FlowSchema {

    public static final String GENERIC_TASK = "task";
    private static final String RESOURCE = "/dev/flowbench/flow/flow.schema.json";
    private static final FlowSchema INSTANCE = load();

    private final ObjectNode document;
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER).formatAssertionsEnabled(false).build();
    private final JsonSchema flowSchema;
    private final Map<String, String> canonicalByName;
    private final Map<String, JsonSchema> taskSchemas = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> propertiesByType = new ConcurrentHashMap<>();

    private FlowSchema(ObjectNode document) {
        this.document = document;
        this.flowSchema = factory.getSchema(document, config);
        this.canonicalByName = indexTypeNames(document);
    }

    public static FlowSchema get() {
        return INSTANCE;
    }

    public JsonSchema flowSchema() {
        return flowSchema;
    }

    /** The task types Flowbench knows, by their canonical names. */
    public Set<String> taskTypes() {
        Set<String> names = new LinkedHashSet<>();
        types().fieldNames().forEachRemaining(names::add);
        return Collections.unmodifiableSet(names);
    }

    /** The canonical name of a known type, accepting the older names Kestra still reads. */
    public Optional<String> canonicalType(String type) {
        return Optional.ofNullable(canonicalByName.get(type));
    }

    /** The schema a task of {@code canonicalType} must satisfy; {@link #GENERIC_TASK} for any other type. */
    public JsonSchema taskSchema(String canonicalType) {
        return taskSchemas.computeIfAbsent(canonicalType, this::buildTaskSchema);
    }

    /** Every property a task of this type may have, its own and inherited; empty for unknown types. */
    public Set<String> propertiesOf(String canonicalType) {
        return propertiesByType.computeIfAbsent(canonicalType, type -> {
            Set<String> names = new LinkedHashSet<>();
            collectProperties(typeDefinition(type), names);
            return Collections.unmodifiableSet(names);
        });
    }

    /** The documentation of a property of a task type, or of the task type itself when property is null. */
    public Optional<String> description(String canonicalType, String property) {
        JsonNode definition = typeDefinition(canonicalType);
        if (property == null) {
            return text(definition.path("description"));
        }
        return findProperty(definition, property)
                .flatMap(p -> text(p.path("description")).or(() -> text(resolve(p).path("description"))));
    }

    /**
     * The properties declared beside a keyword of the schema, given the keyword's location as the validator
     * reports it ({@code ...#/$defs/input/additionalProperties}): the names a misspelt key was meant to be.
     */
    public Set<String> propertiesBeside(String keywordLocation) {
        int hash = keywordLocation.indexOf('#');
        String pointer = hash < 0 ? "" : keywordLocation.substring(hash + 1);
        int slash = pointer.lastIndexOf('/');
        Set<String> names = new LinkedHashSet<>();
        if (slash >= 0) {
            document.at(pointer.substring(0, slash)).path("properties").fieldNames().forEachRemaining(names::add);
        }
        return names;
    }

    /** The flow-level fields, for completion and suggestions. */
    public Set<String> flowProperties() {
        Set<String> names = new LinkedHashSet<>();
        document.path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    private JsonSchema buildTaskSchema(String canonicalType) {
        ObjectNode wrapper = document.objectNode();
        wrapper.put("$schema", document.path("$schema").asText());
        wrapper.put("$id", "https://flowbench.dev/schema/task/" + canonicalType);
        wrapper.set("$defs", defs());
        String pointer = GENERIC_TASK.equals(canonicalType) ? "#/$defs/task" : "#/$defs/taskTypes/" + canonicalType;
        wrapper.put("$ref", pointer);
        return factory.getSchema(wrapper, config);
    }

    private JsonNode typeDefinition(String canonicalType) {
        return GENERIC_TASK.equals(canonicalType) ? defs().path("task") : types().path(canonicalType);
    }

    private void collectProperties(JsonNode definition, Set<String> into) {
        definition.path("properties").fieldNames().forEachRemaining(into::add);
        for (JsonNode part : definition.path("allOf")) {
            collectProperties(resolve(part), into);
        }
    }

    private Optional<JsonNode> findProperty(JsonNode definition, String property) {
        JsonNode own = definition.path("properties").path(property);
        if (!own.isMissingNode()) {
            return Optional.of(own);
        }
        for (JsonNode part : definition.path("allOf")) {
            Optional<JsonNode> inherited = findProperty(resolve(part), property);
            if (inherited.isPresent()) {
                return inherited;
            }
        }
        return Optional.empty();
    }

    /** The schema document, for {@link SchemaWalk}. */
    ObjectNode document() {
        return document;
    }

    /** A type's own definition (its canonical name), or the generic task's: what task forms are made from. */
    public JsonNode definitionOf(String canonicalType) {
        return typeDefinition(canonicalType);
    }

    /** The definition a {@code $ref} points to, or the node itself. */
    public JsonNode resolve(JsonNode node) {
        String ref = node.path("$ref").asText("");
        return ref.startsWith("#/") ? document.at(ref.substring(1)) : node;
    }

    private JsonNode defs() {
        return document.path("$defs");
    }

    private JsonNode types() {
        return defs().path("taskTypes");
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
    }

    private static Map<String, String> indexTypeNames(JsonNode document) {
        Map<String, String> names = new HashMap<>();
        document.path("$defs").path("taskTypes").fields().forEachRemaining(type -> {
            names.put(type.getKey(), type.getKey());
            type.getValue().path("x-aliases").forEach(alias -> names.put(alias.asText(), type.getKey()));
        });
        return Collections.unmodifiableMap(new LinkedHashMap<>(names));
    }

    private static FlowSchema load() {
        try (InputStream in = FlowSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return new FlowSchema((ObjectNode) new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
