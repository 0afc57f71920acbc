package dev.flowbench.flow.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowbench.flow.edit.EditResult;
import dev.flowbench.flow.edit.TaskRef;
import dev.flowbench.flow.edit.TextEdit;
import dev.flowbench.flow.yaml.YamlList;
import dev.flowbench.flow.yaml.YamlMap;
import dev.flowbench.flow.yaml.YamlScalar;
import dev.flowbench.flow.yaml.YamlValues;
import dev.flowbench.flow.TaskTypes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rewrites that rename: 1.x alias types to their current names, Echo to Log, Pause's {@code delay}, the
 * {@code runner: PROCESS} property, Exit's CANCELED, PurgeKV's expiredOnly, an input's {@code name} and its BOOLEAN and ENUM types, the {@code json()}
 * function and the {@code | json} filter; and the removed types with no mechanical replacement, flagged.
 */
final class RenameRewrites {

    private static final String ECHO = "io.kestra.plugin.core.debug.Echo";
    private static final String PAUSE = "io.kestra.plugin.core.flow.Pause";
    private static final String EXIT = "io.kestra.plugin.core.execution.Exit";
    private static final String PURGE_KV = "io.kestra.plugin.core.kv.PurgeKV";
    private static final Pattern JSON_FUNCTION = Pattern.compile("(?<![\\w.])json(\\s*\\()");
    private static final Pattern JSON_FILTER = Pattern.compile("(\\|\\s*)json\\b(?!\\s*\\()");
    /** Removed types that are the same task under a new name (the properties unchanged). */
    private static final Map<String, String> RENAMED = Map.of(
            "io.kestra.plugin.core.storage.PurgeExecution", "io.kestra.plugin.core.storage.PurgeCurrentExecutionFiles");

    private final Findings findings;
    private final JsonNode removed;

    RenameRewrites(Findings findings) {
        this.findings = findings;
        this.removed = findings.schema.kestra2Changes().path("removedTypes");
    }

    void find() {
        for (TaskRef ref : findings.tasks) {
            task(ref);
        }
        for (YamlMap trigger : maps("triggers")) {
            alias(trigger);
        }
        for (YamlMap input : maps("inputs")) {
            input(input);
        }
        json();
    }

    private void task(TaskRef ref) {
        YamlMap task = ref.task();
        String type = findings.canonical(ref.type());
        if (type.equals(ECHO)) {
            findings.offer("Rewrite Echo as Log", task.valueRange("type"), List.of(
                    findings.edits.setIn(task, List.of("type"), "io.kestra.plugin.core.log.Log"),
                    findings.edits.renameKey(task, "format", "message")));
        } else if (RENAMED.containsKey(type)) {
            findings.offer("Rename " + TaskTypes.shortName(type) + " to " + TaskTypes.shortName(RENAMED.get(type)),
                    task.valueRange("type"), List.of(findings.edits.setIn(task, List.of("type"), RENAMED.get(type))));
        } else if (removed.has(type) && !isEach(type) && !type.equals(LocalFilesRewrite.LOCAL_FILES)) {
            JsonNode gone = removed.path(type);
            String name = type.substring(type.lastIndexOf('.', type.lastIndexOf('.') - 1) + 1); // state.Delete, log.Fetch
            findings.manual(task.valueRange("type"), name + " was removed in Kestra 2.0: use "
                    + (gone.has("use") ? gone.path("use").asText() + (gone.has("how") ? " (" + gone.path("how").asText() + ")" : "")
                    : gone.path("text").asText()));
        } else {
            alias(task);
        }
        if (type.equals(PAUSE) && task.has("delay")) {
            findings.offer("Rename Pause's delay to pauseDuration", task.keyRange("delay"),
                    List.of(findings.edits.renameKey(task, "delay", "pauseDuration")));
        }
        if (type.equals(PAUSE) && task.has("tasks")) {
            findings.offer("Move the Pause's tasks after it", task.keyRange("tasks"),
                    List.of(findings.edits.unnest(ref.id(), "tasks")));
        }
        if (task.get("onResume").orElse(null) instanceof YamlList onResume) {
            onResume.items().stream().filter(YamlMap.class::isInstance).map(YamlMap.class::cast).forEach(this::input);
        }
        if (type.equals(EXIT) && task.get("state").orElse(null) instanceof YamlScalar state && state.value().equals("CANCELED")) {
            findings.offer("Write CANCELLED", state.range(), List.of(findings.edits.setIn(task, List.of("state"), "CANCELLED")));
        }
        if (type.equals(PURGE_KV) && task.get("expiredOnly").orElse(null) instanceof YamlScalar expiredOnly && !task.has("behavior")) {
            Map<String, Object> behavior = new LinkedHashMap<>();
            behavior.put("type", "key");
            behavior.put("expiredOnly", YamlValues.toJava(expiredOnly));
            findings.offer("Write the behavior", task.keyRange("expiredOnly"), List.of(
                    findings.edits.setIn(task, List.of("expiredOnly"), null),
                    findings.edits.addAfter(task, "type", "behavior", behavior)));
        }
        runner(task);
    }

    private boolean isEach(String type) {
        return removed.path(type).path("use").asText().equals(LoopRewrites.LOOP);
    }

    private void alias(YamlMap map) {
        String type = map.string("type").orElse("");
        String current = findings.schema.aliases().get(type);
        if (type.startsWith("io.kestra.core.") && current != null && !removed.has(current)) {
            findings.offer("Write " + current, map.valueRange("type"),
                    List.of(findings.edits.setIn(map, List.of("type"), current)));
        }
    }

    private void runner(YamlMap task) {
        if (!(task.get("runner").orElse(null) instanceof YamlScalar runner)) {
            return;
        }
        if (runner.value().equals("PROCESS") && !task.has("taskRunner")) {
            Map<String, Object> process = new LinkedHashMap<>();
            process.put("type", "io.kestra.plugin.core.runner.Process");
            findings.offer("Write taskRunner: Process", task.keyRange("runner"), List.of(
                    findings.edits.setIn(task, List.of("runner"), null),
                    findings.edits.addAfter(task, "type", "taskRunner", process)));
        } else {
            findings.manual(task.keyRange("runner"), "'runner: " + runner.value() + "' is dropped in Kestra 2: write"
                    + " 'taskRunner:' with the runner's type (docker.image becomes containerImage)");
        }
    }

    private void input(YamlMap input) {
        if (input.has("name") && !input.has("id")) {
            findings.offer("Write id", input.keyRange("name"), List.of(findings.edits.renameKey(input, "name", "id")));
        }
        if (input.get("type").orElse(null) instanceof YamlScalar type) {
            String current = findings.schema.kestra2Changes().path("removedInputTypes").path(type.value()).asText("");
            if (!current.isEmpty()) {
                findings.offer("Write " + current, type.range(), List.of(findings.edits.setIn(input, List.of("type"), current)));
            }
        }
    }

    /** json() and | json, wherever an expression is written. */
    private void json() {
        for (YamlScalar scalar : Findings.allScalars(findings.root)) {
            TextEdit edit = findings.inExpressions(scalar, expression -> JSON_FILTER.matcher(
                    JSON_FUNCTION.matcher(expression).replaceAll("fromJson$1")).replaceAll("$1toJson"));
            if (edit != null) {
                findings.offer("Write fromJson() and | toJson", scalar.range(), List.of(EditResult.of(edit)));
            }
        }
    }

    private List<YamlMap> maps(String key) {
        List<YamlMap> found = new ArrayList<>();
        if (findings.root.get(key).orElse(null) instanceof YamlList list) {
            list.items().stream().filter(YamlMap.class::isInstance).map(YamlMap.class::cast).forEach(found::add);
        }
        return found;
    }
}
