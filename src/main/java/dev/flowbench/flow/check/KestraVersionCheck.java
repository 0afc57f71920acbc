package dev.flowbench.flow.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowbench.flow.Flow;
import dev.flowbench.flow.FlowSchema;
import dev.flowbench.flow.KestraVersion;
import dev.flowbench.flow.Problem;
import dev.flowbench.flow.SourceRange;
import dev.flowbench.flow.Task;
import dev.flowbench.flow.TaskTypes;
import dev.flowbench.flow.edit.TaskRef;
import dev.flowbench.flow.yaml.YamlList;
import dev.flowbench.flow.yaml.YamlMap;
import dev.flowbench.flow.yaml.YamlScalar;
import dev.flowbench.flow.pebble.Expressions;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The constructs one Kestra version has and the other does not. For Kestra 2, every construct 2.0 removed is an
 * error at its place, naming what replaces it and the migration guide's page; for Kestra 1.3, those are valid and
 * what 2.0 added is an error. Either way, what Kestra 2's schema would say about a 1.x construct (an unknown
 * property, an unknown input type) is left unsaid: this check says it better, or it is not a fault at all.
 */
final class KestraVersionCheck {

    static final String REMOVED = "removed-in-kestra-2";
    static final String NEW = "new-in-kestra-2";
    private static final String PAUSE = "io.kestra.plugin.core.flow.Pause";
    private static final String SUBFLOW = "io.kestra.plugin.core.flow.Subflow";
    private static final String EXIT = "io.kestra.plugin.core.execution.Exit";
    private static final String PURGE_KV = "io.kestra.plugin.core.kv.PurgeKV";
    private static final Pattern OUTPUT_DIR = Expressions.reading("outputDir");

    private final FlowSchema schema;
    private final KestraVersion target;
    private final List<Problem> problems;
    private final Excuses excuses;
    private final JsonNode changes;
    private final String guide;
    private boolean mentionsOutputDir;

    KestraVersionCheck(FlowSchema schema, KestraVersion target, List<Problem> problems, Excuses excuses) {
        this.schema = schema;
        this.target = target;
        this.problems = problems;
        this.excuses = excuses;
        this.changes = schema.kestra2Changes();
        this.guide = changes.path("guide").asText();
    }

    /** {@code text} is the flow's, asked only whether it mentions what some rules look for, to skip them at once. */
    void check(YamlMap root, Flow flow, String text) {
        mentionsOutputDir = text.contains("outputDir");
        checkFlowKeys(root);
        newProperties(root, "flow");
        for (YamlMap input : IdCheck.maps(root, "inputs")) {
            checkInput(input);
        }
        for (YamlMap trigger : IdCheck.maps(root, "triggers")) {
            checkTrigger(trigger);
            newProperties(trigger, "trigger");
        }
        if (flow != null) {
            flow.allTasks().forEach(this::checkTask);
        }
    }

    private boolean forKestra2() {
        return target == KestraVersion.KESTRA_2;
    }

    private void checkFlowKeys(YamlMap root) {
        removedProperty(root, "listeners", "'listeners' was removed in Kestra 2.0: run those tasks from a flow with a"
                + " Flow trigger on this one (or in this flow's 'afterExecution')", null, null);
        for (String key : List.of("pluginDefaults", "taskDefaults")) {
            removedProperty(root, key, "'" + key + "' was removed in Kestra 2.0: write the values on the tasks themselves"
                    + " (or in 'variables')", "plugin-defaults-removed", null);
        }
    }

    private void checkInput(YamlMap input) {
        if (input.has("name")) {
            excuses.add(input.keyRange("name"), "unknown-property");
            excuses.add(input.range(), "missing-property", "'id'");
            if (forKestra2()) {
                excuses.add(input.keyRange("name"), "deprecated");
                removed(input.keyRange("name"), "an input's 'name' was removed in Kestra 2.0: write 'id'", null,
                        input.has("id") ? null : "id");
            }
        }
        if (input.get("type").orElse(null) instanceof YamlScalar type && !type.isNull()) {
            String current = changes.path("removedInputTypes").path(type.value()).asText("");
            if (!current.isEmpty()) {
                excuses.add(type.range(), "bad-value");
                removed(type.range(), "input type " + type.value() + " was removed in Kestra 2.0: write " + current,
                        null, current);
            }
        }
    }

    private void checkTrigger(YamlMap trigger) {
        for (String key : List.of("conditions", "scheduleConditions", "preconditions")) {
            removedProperty(trigger, key, "trigger '" + key + "' was removed in Kestra 2.0: write one 'when:' expression"
                    + " (a Flow trigger lists the flows it follows under 'dependsOn')", "trigger-conditions-redesign", null);
        }
    }

    private void checkTask(Task task) {
        String type = task.header().type();
        YamlMap source = task.header().source();
        if (type.isEmpty()) {
            return;
        }
        if (source.get("onResume").orElse(null) instanceof YamlList onResume) {
            onResume.items().stream().filter(YamlMap.class::isInstance).map(YamlMap.class::cast).forEach(this::checkInput);
        }
        SourceRange range = source.valueRange("type");
        if (type.startsWith("io.kestra.core.") && !changes.path("removedTypes").has(schema.aliases().getOrDefault(type, ""))) {
            String current = schema.aliases().getOrDefault(type, "");
            excuseTypeProblems(range);
            removed(range, "'" + type + "' is a Kestra 1.x name, removed in Kestra 2.0: write "
                    + (current.isEmpty() ? "its io.kestra.plugin.core name" : current), null,
                    current.isEmpty() ? null : current);
            return;
        }
        JsonNode gone = changes.path("removedTypes").path(schema.aliases().getOrDefault(type, type));
        if (!gone.isMissingNode()) {
            String use = gone.path("use").asText("");
            String instead = use.isEmpty() ? gone.path("text").asText() : use
                    + (gone.has("how") ? " (" + gone.path("how").asText() + ")" : "");
            excuseTypeProblems(range);
            // no one-click fix: the replacement's properties and expressions differ (ForEach's taskrun.value)
            removed(range, TaskTypes.shortName(type) + " was removed in Kestra 2.0: use " + instead,
                    gone.path("page").asText(null), null);
        }
        String current = schema.aliases().getOrDefault(type, type);
        if (current.equals(SUBFLOW)) {
            removedProperty(source, "outputs", "a Subflow's 'outputs' were removed in Kestra 2.0: declare them as the child"
                    + " flow's own 'outputs' and read outputs." + task.header().id() + ".outputs.<id>", null, null);
        }
        if (current.equals(PAUSE)) {
            removedProperty(source, "delay", "Pause's 'delay' was removed in Kestra 2.0: write 'pauseDuration'", null,
                    source.has("pauseDuration") ? null : "pauseDuration");
            removedProperty(source, "tasks", "a Pause no longer holds tasks in Kestra 2.0: put them after it", null, null);
        }
        if (current.equals(PURGE_KV)) {
            removedProperty(source, "expiredOnly", "PurgeKV's 'expiredOnly' was removed in Kestra 2.0: write"
                    + " 'behavior: {type: key, expiredOnly: ...}'", null, null);
        }
        if (current.equals(EXIT) && source.get("state").orElse(null) instanceof YamlScalar state && state.value().equals("CANCELED")) {
            excuses.add(state.range(), "bad-value");
            removed(state.range(), "Exit's state CANCELED was removed in Kestra 2.0: write CANCELLED", null, "CANCELLED");
        }
        if (forKestra2() && mentionsOutputDir) {
            for (YamlScalar scalar : TaskRef.ownScalars(source)) {
                if (OUTPUT_DIR.matcher(scalar.value()).find()) {
                    // kestra-oracle, Kestra 2.0: the task fails with "Unable to find `outputDir` used in the expression"
                    removed(scalar.range(), "{{ outputDir }} was removed in Kestra 2.0: write the file in the task's"
                            + " working directory and list it in 'outputFiles' (read as outputs." + task.header().id()
                            + ".outputFiles['name'])", null, null);
                }
            }
        }
        if (forKestra2() && source.has("runner")) {
            // Kestra 2.0's own engine still reads it (asked of kestra-oracle), so a warning, not an error
            problems.add(Problem.warning("deprecated", "'runner' is deprecated and Kestra's migration guide drops it"
                    + " for Kestra 2: write 'taskRunner: {type: io.kestra.plugin.core.runner.Process}' ("
                    + guide + ")", source.keyRange("runner")));
        }
        newProperties(source, "task");
        if (!forKestra2()) {
            for (JsonNode added : changes.path("newTypes")) {
                if (added.asText().equals(type)) {
                    problems.add(Problem.error(NEW, TaskTypes.shortName(type) + " is new in Kestra 2.0: Kestra 1.3"
                            + " does not have it (this workspace checks flows for Kestra 1.3)", range));
                }
            }
        }
    }

    /** A property Kestra 2.0 removed from a map: an error for Kestra 2 in the words given, never "unknown property". */
    private void removedProperty(YamlMap map, String key, String message, String page, String suggestion) {
        if (map.has(key)) {
            excuses.add(map.keyRange(key), "unknown-property");
            removed(map.keyRange(key), message, page, suggestion);
        }
    }

    /** For Kestra 1.3, a property 2.0 added (a trigger's 'when', a Flow trigger's 'dependsOn'...) is an error. */
    private void newProperties(YamlMap map, String where) {
        if (forKestra2()) {
            return;
        }
        for (JsonNode added : changes.path("newProperties").path(where)) {
            if (map.has(added.asText())) {
                problems.add(Problem.error(NEW, "'" + added.asText() + "' is new in Kestra 2.0: Kestra 1.3 does not read"
                        + " it (this workspace checks flows for Kestra 1.3)", map.keyRange(added.asText())));
            }
        }
    }

    /** For Kestra 2 the removal is the whole story; for 1.3 what TaskCheck says of the type stands. */
    private void excuseTypeProblems(SourceRange range) {
        if (forKestra2()) {
            excuses.add(range, "unknown-type");
            excuses.add(range, "unknown-core-type");
        }
    }

    private void removed(SourceRange range, String message, String page, String suggestion) {
        if (!forKestra2()) {
            return;
        }
        String link = page == null ? guide : guide + "/" + page;
        Problem problem = Problem.error(REMOVED, message + " (" + link + ")", range);
        problems.add(suggestion == null ? problem : problem.withSuggestion(suggestion));
    }
}
