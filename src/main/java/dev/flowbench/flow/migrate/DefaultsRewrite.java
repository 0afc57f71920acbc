package dev.flowbench.flow.migrate;

import dev.flowbench.flow.edit.EditResult;
import dev.flowbench.flow.edit.TaskRef;
import dev.flowbench.flow.yaml.YamlList;
import dev.flowbench.flow.yaml.YamlMap;
import dev.flowbench.flow.yaml.YamlNode;
import dev.flowbench.flow.yaml.YamlScalar;
import dev.flowbench.flow.yaml.YamlValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A flow's {@code pluginDefaults} (or 1.x {@code taskDefaults}) copied into the tasks they apply to, then removed, as
 * Kestra's migration guide says: a default whose type is a task's type, or a prefix of it ending at a dot, gives the
 * task each property it does not write itself (nested maps merged key by key; {@code forced: true} overrides what the
 * task writes). A default that also applies to a trigger is left to a person: Kestra 2's triggers have no defaults.
 */
final class DefaultsRewrite {

    private final Findings findings;

    DefaultsRewrite(Findings findings) {
        this.findings = findings;
    }

    void find() {
        for (String key : List.of("pluginDefaults", "taskDefaults")) {
            findings.root.entry(key).ifPresent(entry -> rewrite(key, entry.value()));
        }
    }

    private void rewrite(String key, YamlNode defaults) {
        String title = "Copy " + key + " into the tasks";
        List<EditResult> steps = new ArrayList<>();
        Map<YamlMap, Set<String>> written = new HashMap<>();
        if (!(defaults instanceof YamlList list)) {
            findings.manual(findings.root.keyRange(key), "'" + key + "' is removed in Kestra 2.0 and is not a list"
                    + " of {type, values}: write the values on the tasks themselves");
            return;
        }
        for (YamlNode item : list.items()) {
            String type = item instanceof YamlMap map ? map.string("type").orElse("") : "";
            if (type.isEmpty() || !(((YamlMap) item).get("values").orElse(null) instanceof YamlMap values)) {
                findings.manual(item.range(), "a default without a type and a map of values: write the values on the"
                        + " tasks themselves");
                return;
            }
            if (appliesToTrigger(type)) {
                findings.manual(item.range(), "this default also applies to a trigger, and Kestra 2 has no defaults"
                        + " for triggers: write its values on the trigger");
                return;
            }
            boolean forced = YamlValues.bool((YamlMap) item, "forced", false);
            for (TaskRef task : findings.tasks) {
                if (applies(type, task.type())) {
                    merge(task.task(), values, forced, steps, written);
                }
            }
        }
        steps.add(findings.edits.setIn(findings.root, List.of(key), null));
        findings.offer(title, findings.root.keyRange(key), steps);
    }

    private boolean applies(String defaultType, String taskType) {
        String canonical = findings.canonical(taskType);
        return taskType.equals(defaultType) || canonical.equals(findings.canonical(defaultType))
                || taskType.startsWith(defaultType + ".") || canonical.startsWith(defaultType + ".");
    }

    private boolean appliesToTrigger(String type) {
        if (findings.root.get("triggers").orElse(null) instanceof YamlList triggers) {
            for (YamlNode trigger : triggers.items()) {
                if (trigger instanceof YamlMap map && map.get("type").orElse(null) instanceof YamlScalar t
                        && applies(type, t.value())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Each default the task does not write, nested maps key by key; each key written once per map. */
    private void merge(YamlMap target, YamlMap values, boolean forced, List<EditResult> steps, Map<YamlMap, Set<String>> written) {
        for (YamlMap.Entry entry : values.entries().values()) {
            YamlNode own = target.get(entry.key()).orElse(null);
            if (!written.computeIfAbsent(target, t -> new HashSet<>()).add(entry.key())) {
                continue; // an earlier default gave it already
            }
            if (own == null || forced && !(own instanceof YamlMap && entry.value() instanceof YamlMap)) {
                steps.add(findings.edits.setIn(target, List.of(entry.key()), YamlValues.toJava(entry.value())));
            } else if (own instanceof YamlMap ownMap && entry.value() instanceof YamlMap defaultMap) {
                written.get(target).remove(entry.key());
                merge(ownMap, defaultMap, forced, steps, written);
            }
        }
    }
}
