package dev.flowbench.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Lays Flowbench's layer over Kestra's flow schema, in memory (Kestra's file is never edited), into the document
 * {@link FlowSchema} checks against and reads documentation from:
 * <ul>
 *   <li>Kestra lists every task type where a task may stand ({@code anyOf} of them all). Tasks are checked one by
 *       one against their own type, so such a place becomes a plain map marked {@code x-flowbench-tasks}.</li>
 *   <li>Other places that take one of several typed definitions (inputs, triggers, task runners) become an
 *       {@code if type is X then X} chain, so a mistake is reported against the definition its {@code type} names
 *       rather than as "matches none of 40 alternatives". Where every type is a plain word (input types) the type
 *       must be one of them; class names stay open, for plugins.</li>
 *   <li>Kestra refuses a property its class does not have ("Unrecognized field", as Kestra 2.0 answers), so every
 *       map it describes with its properties, and the flow itself, refuses unknown properties.</li>
 *   <li>Kestra reads any scalar where it wants text, so a string place takes numbers and booleans too.</li>
 *   <li>The layer's definitions (1.x types Flowbench still runs) join, with the properties every task has.</li>
 *   <li>The layer says which properties Kestra lists as required but fills in itself (taskRunner), and which
 *       shapes Kestra reads that its schema leaves out (labels as a list).</li>
 * </ul>
 */
final class SchemaComposer {

    static final String FLOW = "io.kestra.core.models.flows.Flow";
    static final String GENERIC_TASK_DEFINITION = "flowbench.Task";
    static final String TASKS_MARK = "x-flowbench-tasks";
    static final String NOTE = "x-flowbench-note";
    /** The type Kestra's schema gives a place whose type the composer widened: what a form shows. */
    static final String WRITTEN_TYPE = "x-flowbench-type";

    private final ObjectNode document;
    private final ObjectNode definitions;
    private final Set<String> taskTypes = new LinkedHashSet<>();
    private final Set<String> triggerTypes = new LinkedHashSet<>();
    private final Map<String, String> definitionByType = new LinkedHashMap<>();
    private final Map<String, String> kestraAliases = new LinkedHashMap<>();
    /** Places that choose a definition by their 'type' (PurgeKV's behavior), made so by {@link #dispatchOnType}. */
    private final Set<ObjectNode> dispatched = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    private SchemaComposer(ObjectNode kestra) {
        this.document = kestra.deepCopy();
        this.definitions = (ObjectNode) document.path("definitions");
    }

    record Composed(ObjectNode document, Set<String> taskTypes, Set<String> triggerTypes,
                    Map<String, String> definitionByType, Set<String> runsHere, Map<String, String> aliases,
                    Map<String, String> kestraAliases, JsonNode kestra2, Set<String> formAdvanced) {
    }

    static Composed compose(ObjectNode kestra, JsonNode layer) {
        SchemaComposer composer = new SchemaComposer(kestra);
        composer.indexTypedDefinitions();
        JsonNode flow = composer.definitions.path(FLOW).path("properties");
        composer.collectTypes(flow.path("tasks").path("items"), composer.taskTypes);
        composer.collectTypes(flow.path("triggers").path("items"), composer.triggerTypes);
        composer.addGenericTask();
        composer.addLayerDefinitions(layer.path("definitions"));
        composer.rewrite(composer.document);
        composer.closeTypedDefinitions();
        composer.makeOptional(layer.path("optional"));
        composer.widen(layer.path("alsoAccepts"));
        composer.addNotes(layer.path("notes"));
        Set<String> runsHere = new LinkedHashSet<>();
        layer.path("runsHere").forEach(type -> runsHere.add(type.asText()));
        Map<String, String> aliases = new LinkedHashMap<>();
        layer.path("aliases").fields().forEachRemaining(alias -> aliases.put(alias.getKey(), alias.getValue().asText()));
        composer.addOldPackageNames(layer.path("aliasPackages"), layer.path("kestra2").path("removedTypes"), aliases);
        return new Composed(composer.document, Collections.unmodifiableSet(composer.taskTypes),
                Collections.unmodifiableSet(composer.triggerTypes), Map.copyOf(composer.definitionByType),
                Collections.unmodifiableSet(runsHere), Map.copyOf(aliases),
                Map.copyOf(composer.kestraAliases), layer.path("kestra2"), texts(layer.path("formAdvanced").path("properties")));
    }

    /** Each core type under the name its old package gave it (io.kestra.core.tasks.flows.Subflow), as Kestra 1.x read it. */
    private void addOldPackageNames(JsonNode packages, JsonNode removedTypes, Map<String, String> aliases) {
        Set<String> types = new LinkedHashSet<>(taskTypes);
        types.addAll(triggerTypes);
        removedTypes.fieldNames().forEachRemaining(types::add);
        packages.fields().forEachRemaining(entry -> {
            String current = entry.getKey();
            for (JsonNode old : entry.getValue().isArray() ? entry.getValue() : List.<JsonNode>of()) {
                for (String type : types) {
                    if (type.startsWith(current) && type.indexOf('.', current.length()) < 0) {
                        aliases.putIfAbsent(old.asText() + type.substring(current.length()), type);
                    }
                }
            }
        });
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> values = new LinkedHashSet<>();
        array.forEach(value -> values.add(value.asText()));
        return Collections.unmodifiableSet(values);
    }

    /** Definitions whose {@code type} is a constant: tasks, triggers, inputs, task runners. */
    private void indexTypedDefinitions() {
        definitions.fields().forEachRemaining(entry -> {
            List<String> names = typeNames(entry.getValue());
            names.forEach(name -> definitionByType.putIfAbsent(name, entry.getKey()));
            for (int i = 1; i < names.size(); i++) {
                kestraAliases.put(names.get(i), names.get(0));
            }
        });
    }

    /**
     * The names a typed definition answers to: its {@code type} constant, or the enum of its current name and the
     * older ones Kestra still reads (LoopUntil and WaitFor); empty for an untyped definition.
     */
    private static List<String> typeNames(JsonNode definition) {
        JsonNode type = definition.path("properties").path("type");
        if (type.path("const").isTextual()) {
            return List.of(type.path("const").asText());
        }
        List<String> names = new ArrayList<>();
        type.path("enum").forEach(name -> names.add(name.asText()));
        // an enum of class names is one type and its older names; an enum of words (an output's type) is a choice
        return names.stream().allMatch(name -> name.contains(".")) ? names : List.of();
    }

    private Optional<String> typeConstant(JsonNode definition) {
        List<String> names = typeNames(definition);
        if (names.isEmpty() && definition.path("allOf").size() == 1) {
            return referenced(definition).flatMap(name -> typeConstant(definitions.path(name)));
        }
        return names.isEmpty() ? Optional.empty() : Optional.of(names.get(0));
    }

    private void collectTypes(JsonNode place, Set<String> into) {
        for (JsonNode choice : place.path("anyOf")) {
            referenced(choice).flatMap(name -> typeConstant(definitions.path(name))).ifPresent(into::add);
        }
    }

    /** The definition a choice refers to: {@code {$ref}} or {@code {allOf: [{$ref}, {annotations}]}}. */
    private static Optional<String> referenced(JsonNode choice) {
        String ref = choice.path("$ref").asText(choice.path("allOf").path(0).path("$ref").asText(""));
        return ref.startsWith("#/definitions/") ? Optional.of(ref.substring("#/definitions/".length())) : Optional.empty();
    }

    /** What Flowbench knows of a task whose type it does not know: what every Kestra task has. */
    private void addGenericTask() {
        Set<String> common = null;
        ObjectNode sample = null;
        for (String type : taskTypes) {
            ObjectNode definition = (ObjectNode) definitions.path(definitionByType.get(type));
            Set<String> names = new LinkedHashSet<>();
            definition.path("properties").fieldNames().forEachRemaining(names::add);
            if (common == null) {
                common = names;
                sample = definition;
            } else {
                common.retainAll(names);
            }
        }
        ObjectNode generic = JsonNodeFactory.instance.objectNode();
        generic.put("type", "object");
        ObjectNode properties = generic.putObject("properties");
        for (String name : common == null ? Set.<String>of() : common) {
            properties.set(name, name.equals("type") ? typeAsText() : sample.path("properties").path(name).deepCopy());
        }
        generic.putArray("required").add("id").add("type");
        definitions.set(GENERIC_TASK_DEFINITION, generic);
    }

    private static ObjectNode typeAsText() {
        ObjectNode type = JsonNodeFactory.instance.objectNode();
        type.put("type", "string");
        type.put("title", "The fully-qualified task type, such as io.kestra.plugin.scripts.shell.Commands.");
        return type;
    }

    private void addLayerDefinitions(JsonNode layerDefinitions) {
        JsonNode common = definitions.path(GENERIC_TASK_DEFINITION).path("properties");
        layerDefinitions.fields().forEachRemaining(entry -> {
            ObjectNode definition = entry.getValue().deepCopy();
            ObjectNode properties = definition.with("properties");
            common.fields().forEachRemaining(p -> {
                if (!properties.has(p.getKey())) {
                    properties.set(p.getKey(), p.getValue().deepCopy());
                }
            });
            definitions.set(entry.getKey(), definition);
            typeConstant(definition).ifPresent(constant -> {
                definitionByType.put(constant, entry.getKey());
                taskTypes.add(constant);
            });
        });
    }

    private void rewrite(JsonNode node) {
        if (node instanceof ObjectNode object) {
            acceptScalarsAsText(object);
            if (object.get("anyOf") instanceof ArrayNode choices) {
                Map<String, String> typed = typedChoices(choices);
                if (typed != null) {
                    keepDocumentation(object, choices);
                }
                if (typed != null && taskTypes.containsAll(typed.keySet())) {
                    object.remove("anyOf");
                    object.put("type", "object");
                    object.put(TASKS_MARK, true);
                } else if (typed != null) {
                    object.remove("anyOf");
                    dispatchOnType(object, typed);
                }
            }
            for (Iterator<JsonNode> it = object.elements(); it.hasNext(); ) {
                rewrite(it.next());
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(this::rewrite);
        }
    }

    /**
     * Kestra reads a number or a boolean where it wants text ({@code value: 1} on a label, {@code timeout: 5}: asked
     * of kestra-oracle, Kestra 2.0 accepts both), so a string place takes any scalar.
     */
    private static void acceptScalarsAsText(ObjectNode object) {
        if ("string".equals(object.path("type").asText(null))) {
            object.put(WRITTEN_TYPE, "string");
            ArrayNode scalars = object.putArray("type");
            scalars.add("string").add("number").add("boolean");
        }
    }

    /** Kestra documents a typed property on each of its choices; the place keeps the words once. */
    private static void keepDocumentation(ObjectNode place, ArrayNode choices) {
        JsonNode annotations = choices.path(0).path("allOf").path(1);
        for (String key : List.of("title", "markdownDescription")) {
            if (!place.has(key) && annotations.path(key).isTextual()) {
                place.put(key, annotations.path(key).asText());
            }
        }
    }

    /**
     * The types a choice list offers, each with the definition it refers to, when its choices are typed
     * definitions; null otherwise. A choice Kestra's generator describes without a type of its own (the Enterprise
     * input REUSABLE_INPUTS, whose schema repeats the other inputs' types) is left out.
     */
    private Map<String, String> typedChoices(ArrayNode choices) {
        Map<String, String> types = new LinkedHashMap<>();
        for (JsonNode choice : choices) {
            Optional<String> name = referenced(choice);
            Optional<String> constant = name.flatMap(n -> typeConstant(definitions.path(n)));
            boolean untypedAlias = name.isPresent() && constant.isEmpty() && definitions.path(name.get()).has("allOf");
            if (constant.isPresent()) {
                types.put(constant.get(), name.get());
            } else if (!untypedAlias) {
                return null;
            }
        }
        return types.isEmpty() ? null : types;
    }

    private void dispatchOnType(ObjectNode place, Map<String, String> types) {
        dispatched.add(place);
        place.put("type", "object");
        place.putArray("required").add("type");
        ArrayNode chain = place.withArray("allOf");
        boolean closed = types.keySet().stream().noneMatch(type -> type.contains("."));
        ObjectNode typeProperty = JsonNodeFactory.instance.objectNode();
        ArrayNode allowed = typeProperty.putArray("enum");
        types.forEach((type, definition) -> {
            ObjectNode step = chain.addObject();
            ObjectNode condition = step.putObject("if");
            condition.putObject("properties").putObject("type").put("const", type);
            condition.putArray("required").add("type");
            step.putObject("then").put("$ref", "#/definitions/" + definition);
            allowed.add(type);
        });
        if (closed) {
            place.putObject("properties").set("type", typeProperty);
        }
    }

    /** Every map Kestra describes with its properties (a task, a trigger, an input, a cache) and the flow itself. */
    private void closeTypedDefinitions() {
        definitions.fields().forEachRemaining(entry -> {
            if (entry.getValue() instanceof ObjectNode definition && definition.has("properties")
                    && !definition.has("additionalProperties") && !entry.getKey().equals(GENERIC_TASK_DEFINITION)
                    && !dispatched.contains(definition)) { // its choices are closed; it names only their 'type'
                definition.put("additionalProperties", false);
            }
        });
    }

    /** The definitions a layer entry keyed by a type (or {@code *}, every typed one) is about. */
    private List<String> definitionsFor(String typeKey) {
        return "*".equals(typeKey) ? new ArrayList<>(definitionByType.values())
                : List.of(definitionByType.getOrDefault(typeKey, typeKey));
    }

    private void makeOptional(JsonNode optional) {
        optional.fields().forEachRemaining(forType -> {
            if (!forType.getValue().isArray()) {
                return; // the "about" text
            }
            List<String> names = definitionsFor(forType.getKey());
            Set<String> leftOut = new LinkedHashSet<>();
            forType.getValue().forEach(name -> leftOut.add(name.asText()));
            for (String name : names) {
                if (definitions.path(name).get("required") instanceof ArrayNode required) {
                    for (int i = required.size() - 1; i >= 0; i--) {
                        if (leftOut.contains(required.get(i).asText())) {
                            required.remove(i);
                        }
                    }
                }
            }
        });
    }

    private void widen(JsonNode alsoAccepts) {
        alsoAccepts.fields().forEachRemaining(forType -> {
            if (!forType.getValue().isObject()) {
                return; // the "about" text
            }
            JsonNode properties = definitions.path(definitionsFor(forType.getKey()).get(0)).path("properties");
            if (!(properties instanceof ObjectNode owner)) {
                return;
            }
            forType.getValue().fields().forEachRemaining(accepted -> {
                JsonNode original = owner.get(accepted.getKey());
                if (original == null) {
                    return;
                }
                ObjectNode wider = JsonNodeFactory.instance.objectNode();
                for (String key : List.of("title", "markdownDescription", "$group", "$dynamic")) {
                    if (original.has(key)) {
                        wider.set(key, original.get(key));
                    }
                }
                ArrayNode choices = wider.putArray("anyOf");
                choices.add(original);
                choices.addObject().set("type", accepted.getValue().deepCopy());
                owner.set(accepted.getKey(), wider);
            });
        });
    }

    private void addNotes(JsonNode notes) {
        notes.fields().forEachRemaining(forType -> {
            for (String name : definitionsFor(forType.getKey())) {
                JsonNode properties = definitions.path(name).path("properties");
                forType.getValue().fields().forEachRemaining(note -> {
                    if (properties.get(note.getKey()) instanceof ObjectNode property) {
                        property.put(NOTE, note.getValue().asText());
                    }
                });
            }
        });
    }
}
