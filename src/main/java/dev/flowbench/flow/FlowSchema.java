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
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one description of the Kestra dialect: Kestra's own flow schema ({@code kestra/flow.schema.json}, generated
 * from Kestra's classes by {@code tools/kestra-schema/generate}) with Flowbench's layer over it
 * ({@code flowbench-layer.json}, see {@link SchemaComposer}). Validation, completion, hover documentation and task
 * forms all read it from here.
 */
public final class FlowSchema {

    public static final String GENERIC_TASK = "task";
    private static final String KESTRA_RESOURCE = "/dev/flowbench/flow/kestra/flow.schema.json";
    private static final String LAYER_RESOURCE = "/dev/flowbench/flow/flowbench-layer.json";
    private static final String KESTRA_VERSION_RESOURCE = "/dev/flowbench/flow/kestra/kestra.properties";
    private static final FlowSchema INSTANCE = load();

    private final ObjectNode document;
    private final SchemaComposer.Composed composed;
    private final String kestraVersion;
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER).formatAssertionsEnabled(false)
            // Kestra's schema reaches ~140 definitions from the flow; load each when a flow first uses it
            .preloadJsonSchema(false).build();
    private volatile JsonSchema flowSchema;
    private final Map<String, JsonSchema> taskSchemas = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> propertiesByType = new ConcurrentHashMap<>();

    private FlowSchema(SchemaComposer.Composed composed, String kestraVersion) {
        this.composed = composed;
        this.document = composed.document();
        this.kestraVersion = kestraVersion;
    }

    public static FlowSchema get() {
        return INSTANCE;
    }

    /** The flow's own schema, built on first use (a second's work: the validator reads all Kestra's types). */
    public JsonSchema flowSchema() {
        JsonSchema built = flowSchema;
        if (built == null) {
            synchronized (this) {
                if (flowSchema == null) {
                    flowSchema = factory.getSchema(document, config);
                }
                built = flowSchema;
            }
        }
        return built;
    }

    /** The Kestra version whose classes the schema was generated from. */
    public String kestraVersion() {
        return kestraVersion;
    }

    /** Every task type the schema describes: Kestra's, and the 1.x ones Flowbench still runs. */
    public Set<String> taskTypes() {
        return composed.taskTypes();
    }

    /** The trigger types Kestra's schema describes. */
    public Set<String> triggerTypes() {
        return composed.triggerTypes();
    }

    /** The task types Flowbench runs on this machine. */
    public Set<String> runsHere() {
        return composed.runsHere();
    }

    /** The canonical name of a known task type, accepting the 1.x names Flowbench still reads. */
    public Optional<String> canonicalType(String type) {
        if (composed.taskTypes().contains(type)) {
            return Optional.of(type);
        }
        String current = composed.kestraAliases().get(type);
        return Optional.ofNullable(current != null ? current : composed.aliases().get(type));
    }

    /** True for an older name Kestra itself still reads in the version the schema describes (WaitFor for LoopUntil). */
    public boolean isKestraAlias(String type) {
        return composed.kestraAliases().containsKey(type);
    }

    /** Properties a task form folds away unless set (server and Enterprise matters), from Flowbench's layer. */
    public Set<String> formAdvanced() {
        return composed.formAdvanced();
    }

    /** True for a task type Kestra 2.0 removed (ForEach, LocalFiles...), from Flowbench's layer. */
    public boolean removedInKestra2(String type) {
        return composed.kestra2().path("removedTypes").has(type);
    }

    /** What Kestra 2.0 removed and added, from Flowbench's layer: read by the Kestra version's checks. */
    public JsonNode kestra2Changes() {
        return composed.kestra2();
    }

    /** The 1.x names Flowbench reads, each with its current name. */
    public Map<String, String> aliases() {
        return composed.aliases();
    }

    /** The schema a task of {@code canonicalType} must satisfy; {@link #GENERIC_TASK} for any other type. */
    public JsonSchema taskSchema(String canonicalType) {
        return taskSchemas.computeIfAbsent(canonicalType, this::buildTaskSchema);
    }

    /** Every property a task of this type may have; those of every task for an unknown type. */
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
            return typeDocumentation(definition);
        }
        return findProperty(definition, property).map(this::documentation).filter(text -> !text.isEmpty());
    }

    /**
     * What a property means, as Kestra documents it (its title, then its longer description) with Flowbench's note
     * on how it behaves here; empty when neither says anything.
     */
    public String documentation(JsonNode property) {
        List<String> parts = new ArrayList<>();
        collectDocumentation(property, parts, 0);
        String note = property.path(SchemaComposer.NOTE).asText("");
        if (!note.isEmpty()) {
            parts.add(note);
        }
        // Kestra appends "Default value is : `x`" to its descriptions; forms and hover say a default their own way
        return String.join("\n\n", new LinkedHashSet<>(parts)).replaceAll("\\s*Default value is : `[^`]*`", "").strip();
    }

    private void collectDocumentation(JsonNode node, List<String> into, int depth) {
        if (depth > 3 || node == null || node.isMissingNode()) {
            return;
        }
        for (String key : List.of("title", "description", "markdownDescription")) {
            String text = node.path(key).asText("").strip();
            if (!text.isEmpty()) {
                into.add(text);
            }
        }
        if (!into.isEmpty()) {
            return;
        }
        for (JsonNode part : node.path("allOf")) {
            collectDocumentation(part, into, depth + 1);
        }
        if (into.isEmpty() && node.path("anyOf").size() > 0) {
            collectDocumentation(node.path("anyOf").get(0), into, depth + 1);
        }
        if (into.isEmpty() && node.has("$ref")) {
            collectDocumentation(resolve(node), into, depth + 1);
        }
    }

    /** A type's title and description, without Kestra's worked examples (hover and forms want the gist). */
    private Optional<String> typeDocumentation(JsonNode definition) {
        String text = documentation(definition);
        int examples = text.indexOf("##### Examples");
        if (examples >= 0) {
            text = text.substring(0, examples).strip();
        }
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /**
     * The properties declared beside a keyword of the schema, given the keyword's location as the validator
     * reports it ({@code ...#/definitions/...StringInput-2/additionalProperties}): the names a misspelt key was meant to be.
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

    /** The values a property takes when it is an enum (also when Kestra lets an expression stand instead). */
    public List<String> enumValues(JsonNode property) {
        List<String> values = new ArrayList<>();
        collectEnum(property, values, 0);
        return List.copyOf(new LinkedHashSet<>(values));
    }

    private void collectEnum(JsonNode node, List<String> into, int depth) {
        if (depth > 4 || node == null || node.isMissingNode()) {
            return;
        }
        node.path("enum").forEach(value -> into.add(value.asText()));
        for (String combinator : List.of("allOf", "anyOf")) {
            for (JsonNode part : node.path(combinator)) {
                collectEnum(part, into, depth + 1);
            }
        }
        if (node.has("$ref")) {
            collectEnum(resolve(node), into, depth + 1);
        }
    }

    /** The flow-level fields, for completion and suggestions. */
    public Set<String> flowProperties() {
        Set<String> names = new LinkedHashSet<>();
        flowDefinition().path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The JSON type Kestra's schema gives a place (before scalars were accepted as text), or its declared type. */
    public JsonNode writtenType(JsonNode place) {
        return place.has(SchemaComposer.WRITTEN_TYPE) ? place.get(SchemaComposer.WRITTEN_TYPE) : place.path("type");
    }

    /** True for a place where tasks stand (a task list's items). */
    public boolean holdsTasks(JsonNode place) {
        return place.path(SchemaComposer.TASKS_MARK).asBoolean(false);
    }

    /**
     * The definition of a typed item ({@code type: X}) at a place that takes one of several: the one whose type
     * is {@code type}, or the place itself when none is.
     */
    public JsonNode typedChoice(JsonNode place, String type) {
        if (holdsTasks(place)) {
            return typeDefinition(type == null ? GENERIC_TASK : canonicalType(type).orElse(GENERIC_TASK));
        }
        for (JsonNode step : place.path("allOf")) {
            if (step.path("if").path("properties").path("type").path("const").asText("").equals(type)) {
                return resolve(step.path("then"));
            }
        }
        return place;
    }

    /** The types a place that takes one of several typed definitions offers (inputs, triggers, runners). */
    public List<String> typedChoices(JsonNode place) {
        List<String> types = new ArrayList<>();
        for (JsonNode step : place.path("allOf")) {
            JsonNode constant = step.path("if").path("properties").path("type").path("const");
            if (constant.isTextual()) {
                types.add(constant.asText());
            }
        }
        return types;
    }

    private JsonSchema buildTaskSchema(String canonicalType) {
        ObjectNode wrapper = document.objectNode();
        wrapper.put("$schema", document.path("$schema").asText());
        wrapper.put("$id", "https://flowbench.dev/schema/task/" + canonicalType);
        wrapper.set("definitions", document.path("definitions"));
        wrapper.put("$ref", "#/definitions/" + definitionName(canonicalType));
        return factory.getSchema(wrapper, config);
    }

    private String definitionName(String canonicalType) {
        return GENERIC_TASK.equals(canonicalType) ? SchemaComposer.GENERIC_TASK_DEFINITION
                : composed.definitionByType().getOrDefault(canonicalType, SchemaComposer.GENERIC_TASK_DEFINITION);
    }

    private JsonNode typeDefinition(String canonicalType) {
        return document.path("definitions").path(definitionName(canonicalType));
    }

    private JsonNode flowDefinition() {
        return document.path("definitions").path(SchemaComposer.FLOW);
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

    /** The definition a {@code $ref} points to (also through {@code allOf: [{$ref}, annotations]}), or the node itself. */
    public JsonNode resolve(JsonNode node) {
        String ref = node.path("$ref").asText("");
        return ref.startsWith("#/") ? document.at(ref.substring(1)) : node;
    }

    private static FlowSchema load() {
        ObjectMapper json = new ObjectMapper();
        try (InputStream kestra = open(KESTRA_RESOURCE); InputStream layer = open(LAYER_RESOURCE);
             InputStream version = open(KESTRA_VERSION_RESOURCE)) {
            Properties about = new Properties();
            about.load(version);
            return new FlowSchema(SchemaComposer.compose((ObjectNode) json.readTree(kestra), json.readTree(layer)),
                    about.getProperty("kestra.version", "?"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String resource) {
        InputStream in = FlowSchema.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing resource " + resource);
        }
        return in;
    }
}
