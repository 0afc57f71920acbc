package dev.flowbench.flow.migrate;

import dev.flowbench.flow.edit.EditResult;
import dev.flowbench.flow.yaml.YamlList;
import dev.flowbench.flow.yaml.YamlMap;
import dev.flowbench.flow.yaml.YamlNode;
import dev.flowbench.flow.yaml.YamlValues;
import dev.flowbench.flow.TaskTypes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Trigger conditions as Kestra 2 writes them, where the rewrite is mechanical: Expression conditions become one
 * {@code when:} expression (several joined with {@code and}); a Flow trigger's ExecutionFlow or ExecutionNamespace
 * condition, with an ExecutionStatus one, becomes a {@code dependsOn} entry with its {@code states}; 1.x
 * {@code preconditions} listing flows and nothing else become {@code dependsOn}. Any other condition is left to a person.
 */
final class TriggerRewrites {

    private static final String CONDITION = "io.kestra.plugin.core.condition.";
    private static final Set<String> FLOW_TRIGGERS = Set.of("io.kestra.plugin.core.trigger.Flow");

    private final Findings findings;

    TriggerRewrites(Findings findings) {
        this.findings = findings;
    }

    void find() {
        if (!(findings.root.get("triggers").orElse(null) instanceof YamlList triggers)) {
            return;
        }
        for (YamlNode node : triggers.items()) {
            if (node instanceof YamlMap trigger) {
                for (String key : List.of("conditions", "scheduleConditions")) {
                    trigger.get(key).ifPresent(conditions -> conditions(trigger, key, conditions));
                }
                trigger.get("preconditions").ifPresent(preconditions -> preconditions(trigger, preconditions));
            }
        }
    }

    private void conditions(YamlMap trigger, String key, YamlNode conditions) {
        boolean flowTrigger = FLOW_TRIGGERS.contains(findings.canonical(trigger.string("type").orElse("")));
        List<String> expressions = new ArrayList<>();
        Map<String, Object> dependency = new LinkedHashMap<>();
        String unmapped = null;
        for (YamlNode node : conditions instanceof YamlList list ? list.items() : List.<YamlNode>of(conditions)) {
            YamlMap condition = node instanceof YamlMap map ? map : null;
            String type = condition == null ? "" : shortType(condition.string("type").orElse(""));
            Set<String> keys = condition == null ? Set.of() : condition.entries().keySet();
            if (type.equals("ExpressionCondition") && keys.equals(Set.of("type", "expression"))) {
                expressions.add(unwrap(condition.string("expression").orElse("")));
            } else if (flowTrigger && type.equals("ExecutionFlow") && keys.equals(Set.of("type", "namespace", "flowId"))
                    && !dependency.containsKey("flowId")) {
                dependency.put("namespace", condition.string("namespace").orElse(""));
                dependency.put("flowId", condition.string("flowId").orElse(""));
            } else if (flowTrigger && type.equals("ExecutionNamespace") && keys.equals(Set.of("type", "namespace"))
                    && !dependency.containsKey("namespace")) {
                dependency.put("namespace", condition.string("namespace").orElse(""));
            } else if (flowTrigger && type.equals("ExecutionStatus") && keys.equals(Set.of("type", "in"))) {
                dependency.put("states", YamlValues.strings(condition.get("in")));
            } else {
                unmapped = condition == null ? "a condition" : TaskTypes.shortName(condition.string("type").orElse("condition"));
            }
        }
        if (unmapped != null || !dependency.isEmpty() && !dependency.containsKey("namespace") || trigger.has("when")
                || trigger.has("dependsOn") || expressions.isEmpty() && dependency.isEmpty()) {
            findings.manual(trigger.keyRange(key), "trigger '" + key + "' was removed in Kestra 2.0: write one 'when:'"
                    + " expression" + (flowTrigger ? " and list the flows it follows under 'dependsOn'" : "")
                    + (unmapped != null ? " (" + unmapped + " has no mechanical rewrite)" : ""));
            return;
        }
        List<EditResult> steps = new ArrayList<>();
        steps.add(findings.edits.setIn(trigger, List.of(key), null));
        if (!dependency.isEmpty()) {
            dependency.putIfAbsent("flowId", null);
            dependency.values().removeIf(v -> v == null);
            steps.add(findings.edits.addAfter(trigger, "type", "dependsOn", List.of(dependency)));
        }
        if (!expressions.isEmpty()) {
            steps.add(findings.edits.addAfter(trigger, "type", "when", "{{ " + (expressions.size() == 1 ? expressions.get(0)
                    : "(" + String.join(") and (", expressions) + ")") + " }}"));
        }
        findings.offer("Write the conditions as " + (dependency.isEmpty() ? "when" : expressions.isEmpty() ? "dependsOn"
                : "dependsOn and when"), trigger.keyRange(key), steps);
    }

    private void preconditions(YamlMap trigger, YamlNode preconditions) {
        if (!(preconditions instanceof YamlMap map) || !Set.of("id", "flows").containsAll(map.entries().keySet())
                || !(map.get("flows").orElse(null) instanceof YamlList flows) || trigger.has("dependsOn")) {
            findings.manual(trigger.keyRange("preconditions"), "trigger 'preconditions' was removed in Kestra 2.0: list"
                    + " the flows under 'dependsOn' and write what 'where' filtered as each one's 'when'");
            return;
        }
        findings.offer("Write the preconditions as dependsOn", trigger.keyRange("preconditions"), List.of(
                findings.edits.setIn(trigger, List.of("preconditions"), null),
                findings.edits.addAfter(trigger, "type", "dependsOn", YamlValues.toJava(flows))));
    }

    private static String shortType(String type) {
        String name = type.startsWith(CONDITION) ? type.substring(CONDITION.length()) : TaskTypes.shortName(type);
        return name.endsWith("Condition") && !name.equals("ExpressionCondition") ? name.substring(0, name.length() - 9) : name;
    }

    /** An expression without its {{ }}, so that several can be joined into one. */
    private static String unwrap(String expression) {
        String trimmed = expression.strip();
        if (trimmed.startsWith("{{") && trimmed.endsWith("}}") && trimmed.indexOf("{{", 2) < 0) {
            return trimmed.substring(2, trimmed.length() - 2).strip();
        }
        return trimmed;
    }
}
