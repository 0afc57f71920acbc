package dev.flowbench.flow.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import dev.flowbench.flow.Flow;
import dev.flowbench.flow.FlowSchema;
import dev.flowbench.flow.Problem;
import dev.flowbench.flow.SourceRange;
import dev.flowbench.flow.Suggestions;
import dev.flowbench.flow.Task;
import dev.flowbench.flow.TaskTypes;
import dev.flowbench.flow.pebble.KestraPebble;
import dev.flowbench.flow.yaml.YamlMap;
import dev.flowbench.flow.yaml.YamlNode;
import dev.flowbench.flow.yaml.YamlScalar;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;

/**
 * Checks a flow against {@link FlowSchema}: the flow's own fields, then each task against its type's
 * schema, and turns the validator's findings into problems that point at the exact node.
 */
final class SchemaCheck {

    private final FlowSchema schema;
    private final List<Problem> problems;

    SchemaCheck(FlowSchema schema, List<Problem> problems) {
        this.schema = schema;
        this.problems = problems;
    }

    void check(YamlNode root, Flow flow) {
        report(root, schema.flowSchema(), schema.flowProperties(), "the flow");
        if (flow != null) {
            flow.allTasks().forEach(this::checkTask);
        }
    }

    private void checkTask(Task task) {
        YamlMap source = task.header().source();
        boolean known = schema.canonicalType(task.header().type()).isPresent();
        String type = known ? task.type() : FlowSchema.GENERIC_TASK;
        String owner = known ? TaskTypes.shortName(type) + " task" : "task";
        if (!task.id().isEmpty()) {
            owner += " '" + task.id() + "'";
        }
        report(source, schema.taskSchema(type), schema.propertiesOf(type), owner);
    }

    private void report(YamlNode root, JsonSchema against, Set<String> knownProperties, String owner) {
        JsonNode instance = JsonTree.of(root);
        Map<String, List<ValidationMessage>> wrongTypes = new LinkedHashMap<>();
        List<String> faultsWithin = new ArrayList<>();
        for (ValidationMessage message : against.validate(instance)) {
            if ("type".equals(message.getType())) {
                // Kestra lets many properties take one of several shapes: one problem says them all
                wrongTypes.computeIfAbsent(message.getInstanceLocation().toString(), k -> new ArrayList<>()).add(message);
                continue;
            }
            faultsWithin.add(message.getInstanceLocation().toString());
            Problem problem = toProblem(root, message, knownProperties, owner);
            if (problem != null && !problems.contains(problem)) {
                problems.add(problem);
            }
        }
        wrongTypes.forEach((location, messages) -> {
            if (faultsWithin.stream().anyMatch(fault -> fault.equals(location) || fault.startsWith(location + ".")
                    || fault.startsWith(location + "["))) {
                return; // one of its shapes fits, and what is wrong inside it is said there (a map with an unknown key)
            }
            ValidationMessage first = messages.get(0);
            YamlNode node = JsonTree.find(root, first.getInstanceLocation());
            if (!isExpression(node) && !readsAs(node, messages)) {
                String where = first.getInstanceLocation().getNameCount() == 0 ? "" : owner(first.getInstanceLocation(), owner) + " ";
                problems.add(Problem.error("wrong-type", wrongType(where, node, messages), node.range()));
            }
        });
    }

    private Problem toProblem(YamlNode root, ValidationMessage message, Set<String> knownProperties, String owner) {
        JsonNodePath path = message.getInstanceLocation();
        YamlNode node = JsonTree.find(root, path);
        String where = path.getNameCount() == 0 ? "" : owner(path, owner) + " ";
        return switch (message.getType()) {
            case "unevaluatedProperties", "additionalProperties" -> unknownProperty(path, node, message, knownProperties, owner);
            case "required" -> Problem.error("missing-property", owner(path, owner) + " needs '" + message.getProperty()
                    + "'", anchor(node));
            // IdCheck says what an id or a namespace may hold in plainer words
            case "pattern" -> List.of("id", "namespace").contains(JsonTree.lastKey(path)) ? null
                    : Problem.error("schema", where + stripPath(message.getMessage()), node.range());
            // the flow's own check says an empty task list in plainer words
            case "minItems" -> "tasks".equals(JsonTree.lastKey(path)) && path.getNameCount() == 1 ? null
                    : Problem.error("schema", where + stripPath(message.getMessage()), node.range());
            case "enum" -> isExpression(node) ? null : badEnumValue(where, node, message);
            // a task's type is checked by TaskCheck and the Kestra version's rules (older names, typos)
            case "const" -> "type".equals(JsonTree.lastKey(path)) ? null
                    : Problem.error("schema", where + stripPath(message.getMessage()), node.range());
            default -> Problem.error("schema", where + stripPath(message.getMessage()), node.range());
        };
    }

    private Problem unknownProperty(JsonNodePath path, YamlNode node, ValidationMessage message,
                                    Set<String> knownProperties, String owner) {
        String property = message.getProperty();
        boolean atRoot = path.getNameCount() == 0;
        if (atRoot && knownProperties.contains(property)) {
            // unevaluatedProperties also flags known properties when a sibling keyword failed: that one is reported
            return null;
        }
        SourceRange range = node instanceof YamlMap map ? map.keyRange(property) : node.range();
        Set<String> candidates = atRoot ? knownProperties : schema.propertiesBeside(message.getSchemaLocation().toString());
        var suggestion = Suggestions.closest(property, candidates);
        String text = "unknown property '" + property + "' on " + (atRoot ? owner : owner(path, owner))
                + suggestion.map(s -> " (did you mean '" + s + "'?)").orElse("");
        Problem problem = Problem.error("unknown-property", text, range);
        return suggestion.map(problem::withSuggestion).orElse(problem);
    }

    private static String owner(JsonNodePath path, String owner) {
        if (path.getNameCount() == 0) {
            return owner;
        }
        String key = JsonTree.lastKey(path);
        return key != null ? "'" + key + "'" : "item " + (((Integer) path.getElement(path.getNameCount() - 1)) + 1)
                + " of '" + JsonTree.lastKey(path.getParent()) + "'";
    }

    /** A missing property is reported at the start of the map that lacks it: its first key. */
    private static SourceRange anchor(YamlNode node) {
        if (node instanceof YamlMap map && !map.entries().isEmpty()) {
            return map.entries().values().iterator().next().keyRange();
        }
        return node.range();
    }

    private static String wrongType(String where, YamlNode node, List<ValidationMessage> messages) {
        Set<String> names = new LinkedHashSet<>();
        messages.forEach(message -> names.addAll(expectedTypes(message.getSchemaNode())));
        if (names.contains(typeName("string"))) {
            // numbers and flags are read as text where text is wanted: no need to say so
            names.remove(typeName("number"));
            names.remove(typeName("boolean"));
        }
        String expected = String.join(" or ", names);
        if (node instanceof YamlScalar scalar && scalar.isNull()) {
            return where + "has no value; expected " + expected;
        }
        return where + "must be " + expected + ", not " + node.kindName();
    }

    private Problem badEnumValue(String where, YamlNode node, ValidationMessage message) {
        List<String> allowed = new ArrayList<>();
        message.getSchemaNode().path("enum").forEach(v -> allowed.add(v.asText()));
        if (allowed.isEmpty()) {
            message.getSchemaNode().forEach(v -> allowed.add(v.asText()));
        }
        String written = node instanceof YamlScalar s ? s.value() : node.kindName();
        var suggestion = Suggestions.closest(written, allowed);
        Problem problem = Problem.error("bad-value", where + "must be one of " + String.join(", ", allowed)
                + ", not '" + written + "'" + suggestion.map(s -> " (did you mean '" + s + "'?)").orElse(""), node.range());
        return suggestion.map(problem::withSuggestion).orElse(problem);
    }

    private static List<String> expectedTypes(JsonNode schemaNode) {
        JsonNode type = schemaNode.has("type") ? schemaNode.get("type") : schemaNode;
        List<String> names = new ArrayList<>();
        if (type.isArray()) {
            type.forEach(t -> names.add(typeName(t.asText())));
        } else {
            names.add(typeName(type.asText()));
        }
        return names;
    }

    private static String typeName(String jsonType) {
        return switch (jsonType) {
            case "object" -> "a map";
            case "array" -> "a list";
            case "string" -> "a string";
            case "integer" -> "an integer";
            case "number" -> "a number";
            case "boolean" -> "true or false";
            default -> jsonType;
        };
    }

    /**
     * Kestra's reader turns the text "true" into a flag and "5" into a number (kestra-oracle: {@code disabled: "true"}
     * is valid), so quoted scalars of the right shape are no fault.
     */
    private static boolean readsAs(YamlNode node, List<ValidationMessage> messages) {
        if (!(node instanceof YamlScalar scalar) || scalar.isNull()) {
            return false;
        }
        String text = scalar.value().strip();
        for (ValidationMessage message : messages) {
            for (String expected : expectedTypes(message.getSchemaNode())) {
                boolean flag = expected.equals(typeName("boolean")) && text.matches("(?i)true|false");
                boolean number = (expected.equals(typeName("integer")) && text.matches("-?\\d+"))
                        || (expected.equals(typeName("number")) && text.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?"));
                if (flag || number) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isExpression(YamlNode node) {
        return node instanceof YamlScalar scalar && KestraPebble.isTemplate(scalar.value());
    }

    private static String stripPath(String message) {
        int colon = message.indexOf(": ");
        boolean locatedPrefix = colon >= 0 && (message.startsWith("/") || message.startsWith("$"));
        return locatedPrefix ? message.substring(colon + 2) : message;
    }
}
