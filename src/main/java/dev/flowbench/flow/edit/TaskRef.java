package dev.flowbench.flow.edit;

import dev.flowbench.flow.yaml.YamlList;
import dev.flowbench.flow.yaml.YamlMap;
import dev.flowbench.flow.yaml.YamlNode;
import dev.flowbench.flow.yaml.YamlScalar;
import java.util.ArrayList;
import java.util.List;

/**
 * A task in a flow's text: its map, the list it is an item of ({@code listKey} of {@code owner}: the flow's
 * {@code tasks}, a WorkingDirectory's {@code tasks}, an If's {@code then}...), its index there, and the item itself,
 * which is the task's map, or for a Dag the {@code {task, dependsOn}} map around it. {@code parent} is the task the
 * list belongs to (null for the flow's own lists).
 */
public record TaskRef(String id, YamlMap task, YamlNode item, YamlList list, int index, String listKey, YamlMap owner, TaskRef parent) {

    /** The keys of the flow whose lists hold tasks (triggers have ids and types too, but are not tasks). */
    static final List<String> FLOW_TASK_LISTS = List.of("tasks", "errors", "finally", "afterExecution");

    public String type() {
        return task.string("type").orElse("");
    }

    public boolean isWorkingDirectory() {
        return type().endsWith(".WorkingDirectory");
    }

    /** The nearest task this one is nested in that is {@code wanted} (a loop around it...), if any. */
    public java.util.Optional<TaskRef> enclosing(java.util.function.Predicate<TaskRef> wanted) {
        for (TaskRef up = parent; up != null; up = up.parent()) {
            if (wanted.test(up)) {
                return java.util.Optional.of(up);
            }
        }
        return java.util.Optional.empty();
    }

    /** Whether {@code other} is this task or nested in it. */
    public boolean contains(TaskRef other) {
        for (TaskRef at = other; at != null; at = at.parent()) {
            if (at.task() == task) {
                return true;
            }
        }
        return false;
    }

    /** Every task of the flow, each before the tasks nested in it, in the order of the text. */
    public static List<TaskRef> all(YamlMap flow) {
        List<TaskRef> found = new ArrayList<>();
        for (String key : FLOW_TASK_LISTS) {
            if (flow.get(key).orElse(null) instanceof YamlList list) {
                collect(list, key, flow, null, found);
            }
        }
        return found;
    }

    private static void collect(YamlList list, String key, YamlMap owner, TaskRef parent, List<TaskRef> found) {
        for (int i = 0; i < list.size(); i++) {
            YamlNode item = list.get(i);
            YamlMap task = taskOf(item);
            if (task != null) {
                TaskRef ref = new TaskRef(task.string("id").orElse(""), task, item, list, i, key, owner, parent);
                found.add(ref);
                nested(task, ref, found);
            } else if (item instanceof YamlMap map) {
                nested(map, parent, found);
            }
        }
    }

    /** The lists of tasks in a task: its tasks, errors, finally, an If's then and else, a Switch's cases... */
    private static void nested(YamlMap map, TaskRef parent, List<TaskRef> found) {
        for (YamlMap.Entry entry : map.entries().values()) {
            if (entry.value() instanceof YamlList list) {
                collect(list, entry.key(), map, parent, found);
            } else if (entry.value() instanceof YamlMap inner) {
                nested(inner, parent, found); // a Switch's cases: a map of lists
            }
        }
    }

    /** The scalars of a task's own properties, in the order of the text: not those of the tasks nested in it. */
    public static List<YamlScalar> ownScalars(YamlMap task) {
        List<YamlScalar> found = new ArrayList<>();
        for (YamlMap.Entry entry : task.entries().values()) {
            collectOwnScalars(entry.value(), found);
        }
        return found;
    }

    private static void collectOwnScalars(YamlNode node, List<YamlScalar> found) {
        if (node instanceof YamlScalar scalar) {
            found.add(scalar);
        } else if (node instanceof YamlList list) {
            list.items().forEach(item -> collectOwnScalars(item, found));
        } else if (node instanceof YamlMap map && taskOf(map) == null) {
            map.entries().values().forEach(entry -> collectOwnScalars(entry.value(), found));
        }
    }

    /** The task an item stands for: a map with an id and a type, or a Dag's {@code task:} inside one. */
    static YamlMap taskOf(YamlNode item) {
        if (!(item instanceof YamlMap map)) {
            return null;
        }
        if (isTask(map)) {
            return map;
        }
        if (map.get("task").orElse(null) instanceof YamlMap inner && isTask(inner)) {
            return inner;
        }
        return null;
    }

    private static boolean isTask(YamlMap map) {
        return map.get("id").orElse(null) instanceof YamlScalar && map.get("type").orElse(null) instanceof YamlScalar;
    }
}
