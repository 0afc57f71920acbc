package dev.flowbench.flow.check;

import dev.flowbench.flow.Flow;
import dev.flowbench.flow.KestraCoreTypes;
import dev.flowbench.flow.FlowSchema;
import dev.flowbench.flow.Problem;
import dev.flowbench.flow.Task;
import dev.flowbench.flow.TaskTypes;
import dev.flowbench.flow.WorkingDirectoryTask;
import dev.flowbench.flow.pebble.KestraPebble;
import dev.flowbench.flow.yaml.YamlList;
import dev.flowbench.flow.yaml.YamlMap;
import dev.flowbench.flow.yaml.YamlNode;
import dev.flowbench.flow.yaml.YamlScalar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Rules that Kestra's own validators enforce on what Flowbench models, with Kestra's words, so that a flow valid
 * here is valid on a Kestra server: only runnable tasks in a WorkingDirectory, input validators that compile,
 * ARRAY item types, a Dag's dependencies, a Switch with something to run, no Subflow calling its own flow.
 */
final class KestraRuleCheck {

    /** Kestra's ArrayInputValidator: what an ARRAY's items cannot be. */
    private static final Set<String> SCHEDULES = Set.of("io.kestra.plugin.core.trigger.Schedule",
            "io.kestra.plugin.core.trigger.ScheduleOnDates", "io.kestra.core.models.triggers.types.Schedule");
    private static final Set<String> NO_ITEM_TYPES = Set.of("ARRAY", "SECRET", "MULTISELECT", "SELECT", "OBJECT", "TABLE");

    private final FlowSchema schema;
    private final List<Problem> problems;

    KestraRuleCheck(FlowSchema schema, List<Problem> problems) {
        this.schema = schema;
        this.problems = problems;
    }

    void check(Flow flow) {
        IdCheck.maps(flow.source(), "inputs").forEach(this::checkInput);
        for (YamlMap trigger : IdCheck.maps(flow.source(), "triggers")) {
            String type = trigger.string("type").orElse("");
            if (KestraCoreTypes.isCorePackage(type) && KestraCoreTypes.kind(type).isEmpty()) {
                problems.add(TaskCheck.unknownCoreType(type, trigger.valueRange("type")));
            }
            if (SCHEDULES.contains(type)) {
                checkScheduleInputs(flow, trigger);
            }
        }
        for (Task task : flow.allTasks()) {
            if (task instanceof WorkingDirectoryTask wd) {
                checkChildrenRunnable(wd);
            }
            checkRequired(task);
            String type = task.header().type();
            if (isCoreFlowTask(type, "Dag")) {
                checkDag(task);
            } else if (isCoreFlowTask(type, "Switch")) {
                checkSwitch(task);
            } else if (isCoreFlowTask(type, "Subflow") || isCoreFlowTask(type, "Flow") || isCoreFlowTask(type, "ForEachItem")) {
                checkNotRecursive(task, flow);
            }
        }
    }

    /** Kestra's FlowValidator: a schedule starts executions itself, so it must give every input that has no default. */
    private void checkScheduleInputs(Flow flow, YamlMap trigger) {
        Set<String> given = trigger.get("inputs").orElse(null) instanceof YamlMap inputs ? inputs.entries().keySet() : Set.of();
        Set<String> missing = new LinkedHashSet<>();
        for (YamlMap input : IdCheck.maps(flow.source(), "inputs")) {
            boolean optional = "false".equalsIgnoreCase(input.string("required").orElse("true")) || input.has("defaults");
            String id = input.string("id").orElse("");
            if (!optional && !id.isEmpty() && !given.contains(id)) {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            problems.add(Problem.error("missing-trigger-inputs", "Missing inputs for Schedule Trigger '"
                    + trigger.string("id").orElse("") + "', missing inputs: '" + String.join(" | ", missing) + "'",
                    trigger.valueRange("type")));
        }
    }

    private void checkInput(YamlMap input) {
        if (input.get("validator").orElse(null) instanceof YamlScalar validator && validator.kind() == YamlScalar.Kind.STRING) {
            try {
                Pattern.compile(validator.value());
            } catch (PatternSyntaxException e) {
                problems.add(Problem.error("bad-regex", "invalid pattern [" + validator.value() + "]: "
                        + e.getDescription() + " near index " + e.getIndex(), validator.range()));
            }
        }
        String itemType = input.string("itemType").orElse("");
        if ("ARRAY".equals(input.string("type").orElse("")) && NO_ITEM_TYPES.contains(itemType)) {
            problems.add(Problem.error("bad-item-type", "`itemType` cannot be " + itemType, input.valueRange("itemType")));
        }
    }

    private void checkChildrenRunnable(WorkingDirectoryTask wd) {
        for (Task child : wd.tasks()) {
            String type = child.type();
            boolean flowable = KestraCoreTypes.kind(type).or(() -> KestraCoreTypes.kind(child.header().type()))
                    .map(kind -> kind != KestraCoreTypes.Kind.RUNNABLE).orElse(false);
            if (flowable) {
                problems.add(Problem.error("not-runnable", "Only runnable tasks are allowed as children of a WorkingDirectory"
                        + " task; '" + child.id() + "' (" + TaskTypes.shortName(type) + ") is not one",
                        child.header().source().valueRange("type")));
            }
        }
    }

    /** Kestra's DagTaskValidator: every dependency names a task of the Dag, and none goes round in a cycle. */
    private void checkDag(Task dag) {
        Map<String, List<String>> dependsOn = new LinkedHashMap<>();
        List<YamlScalar> references = new ArrayList<>();
        for (YamlMap item : IdCheck.maps(dag.header().source(), "tasks")) {
            String id = item.get("task").orElse(null) instanceof YamlMap task ? task.string("id").orElse("") : "";
            List<String> needs = new ArrayList<>();
            if (item.get("dependsOn").orElse(null) instanceof YamlList list) {
                for (YamlNode need : list.items()) {
                    if (need instanceof YamlScalar scalar && !scalar.isNull()) {
                        needs.add(scalar.value());
                        references.add(scalar);
                    }
                }
            }
            dependsOn.put(id, needs);
        }
        for (YamlScalar reference : references) {
            if (!dependsOn.containsKey(reference.value())) {
                problems.add(Problem.error("dag-dependency", "Not existing task id in dependency: " + reference.value(),
                        reference.range()));
            }
        }
        List<String> cycle = cycle(dependsOn);
        if (!cycle.isEmpty()) {
            problems.add(Problem.error("dag-dependency", "Cyclic dependency detected: " + String.join(", ", cycle),
                    dag.header().source().keyRange("tasks")));
        }
    }

    /** The tasks of a cycle in the graph, in order, or empty. */
    private static List<String> cycle(Map<String, List<String>> dependsOn) {
        Set<String> done = new LinkedHashSet<>();
        for (String start : dependsOn.keySet()) {
            List<String> path = new ArrayList<>();
            List<String> found = visit(start, dependsOn, path, done);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    private static List<String> visit(String id, Map<String, List<String>> dependsOn, List<String> path, Set<String> done) {
        int seen = path.indexOf(id);
        if (seen >= 0) {
            return new ArrayList<>(path.subList(seen, path.size()));
        }
        if (done.contains(id) || !dependsOn.containsKey(id)) {
            return List.of();
        }
        path.add(id);
        for (String need : dependsOn.get(id)) {
            List<String> found = visit(need, dependsOn, path, done);
            if (!found.isEmpty()) {
                return found;
            }
        }
        path.remove(path.size() - 1);
        done.add(id);
        return List.of();
    }

    /** Kestra's SwitchTaskValidator, and its constraints on {@code cases} and {@code defaults}. */
    private void checkSwitch(Task task) {
        YamlMap source = task.header().source();
        boolean cases = source.get("cases").orElse(null) instanceof YamlMap map && !map.entries().isEmpty();
        boolean defaults = source.get("defaults").orElse(null) instanceof YamlList list && !list.items().isEmpty();
        if (!cases && !defaults) {
            problems.add(Problem.error("empty-switch", "No task defined, neither cases or default have any tasks",
                    source.has("cases") ? source.keyRange("cases") : source.valueRange("type")));
        }
        if (source.get("cases").orElse(null) instanceof YamlMap map) {
            for (YamlMap.Entry entry : map.entries().values()) {
                if (!(entry.value() instanceof YamlList list) || list.items().isEmpty()) {
                    problems.add(Problem.error("empty-switch", "case '" + entry.key() + "' must not be empty", entry.keyRange()));
                }
            }
        }
        if (source.get("defaults").orElse(null) instanceof YamlList list && list.items().isEmpty()) {
            problems.add(Problem.error("empty-switch", "The 'defaults' property cannot be empty.", list.range()));
        }
    }

    /** Kestra's FlowValidator: a Subflow (or ForEachItem) cannot call the flow it is in. */
    private void checkNotRecursive(Task task, Flow flow) {
        YamlMap source = task.header().source();
        String namespace = source.string("namespace").orElse("");
        String flowId = source.string("flowId").orElse("");
        if (namespace.equals(flow.namespace()) && flowId.equals(flow.id()) && !KestraPebble.isTemplate(flowId)) {
            problems.add(Problem.error("recursive-subflow", "Recursive call to flow [" + flow.namespace() + "." + flow.id() + "]",
                    source.valueRange("flowId")));
        }
    }

    /**
     * Properties Kestra requires on the core flowable tasks (its {@code @NotNull}s): missing ones are said by Kestra's
     * schema for the types it describes, here for the 1.x ones it no longer does (ForEach); empty lists here always.
     */
    private static final Map<String, List<String>> REQUIRED = Map.of(
            "If", List.of("condition", "then"),
            "Switch", List.of("value"),
            "ForEach", List.of("values", "tasks"),
            "Parallel", List.of("tasks"),
            "Sequential", List.of("tasks"),
            "Dag", List.of("tasks"),
            "Subflow", List.of("namespace", "flowId"),
            "Pause", List.of());

    private void checkRequired(Task task) {
        String type = task.header().type();
        boolean described = schema.canonicalType(type).isPresent(); // then Kestra's schema says what it requires
        REQUIRED.forEach((name, properties) -> {
            if (isCoreFlowTask(type, name)) {
                YamlMap source = task.header().source();
                for (String property : properties) {
                    YamlNode value = source.get(property).orElse(null);
                    if (value == null || value instanceof YamlScalar scalar && scalar.isNull()) {
                        if (!described) {
                            problems.add(Problem.error("missing-property", name + " task '" + task.id() + "' needs '"
                                    + property + "'", source.keyRange("type")));
                        }
                    } else if (value instanceof YamlList list && list.items().isEmpty()) {
                        problems.add(Problem.error("missing-property", name + " task '" + task.id() + "' has an empty '"
                                + property + "'", list.range()));
                    }
                }
            }
        });
    }

    /** A task of Kestra's core flow package (current or older name) called {@code name}. */
    private static boolean isCoreFlowTask(String type, String name) {
        return type.equals("io.kestra.plugin.core.flow." + name) || type.equals("io.kestra.core.tasks.flows." + name);
    }
}
