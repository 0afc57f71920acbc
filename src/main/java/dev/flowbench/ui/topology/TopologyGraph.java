package dev.flowbench.ui.topology;

import dev.flowbench.flow.CacheSpec;
import dev.flowbench.flow.Flow;
import dev.flowbench.flow.FlowableTask;
import dev.flowbench.flow.OpaqueTask;
import dev.flowbench.flow.Task;
import dev.flowbench.flow.TaskTypes;
import dev.flowbench.flow.WorkingDirectoryTask;
import dev.flowbench.flow.yaml.YamlList;
import dev.flowbench.flow.yaml.YamlMap;
import dev.flowbench.flow.yaml.YamlNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The flow as the topology draws it: the flow's sections (tasks, then errors, finally, afterExecution), each a
 * sequence of nodes; a node is a task, and a task with tasks inside is a group whose sections are stacked (a
 * WorkingDirectory's tasks, errors, finally) or side by side as branches (Parallel's tasks, If's then and else, a
 * Switch's cases, a Dag's tasks). Every nested task is in it.
 */
public record TopologyGraph(List<Section> sections) {

    /** What a node is, for how it is drawn. */
    public enum Kind { TASK, WORKING_DIRECTORY, FLOWABLE, PLUGIN }

    /** A labelled sequence of nodes (the label is null for a flow's or a group's main tasks). */
    public record Section(String label, List<Node> nodes) {
    }

    /**
     * A task. {@code cache} is a WorkingDirectory's cache in a few words ("deps/** · ttl PT10M"), or null;
     * {@code branches}: the sections are drawn side by side.
     */
    public record Node(String taskId, String type, Kind kind, String cache, List<Section> sections, boolean branches) {

        public boolean isGroup() {
            return !sections.isEmpty();
        }

        public String shortType() {
            return TaskTypes.shortName(type);
        }
    }

    private static final Set<String> BRANCHING = Set.of("Parallel", "If", "Switch", "Dag", "EachParallel");
    private static final String CORE_PREFIX = "io.kestra.plugin.core.";

    public static TopologyGraph of(Flow flow) {
        List<Section> sections = new ArrayList<>();
        sections.add(new Section(null, nodes(flow.tasks())));
        add(sections, "errors", flow.errors());
        add(sections, "finally", flow.finallyTasks());
        add(sections, "afterExecution", flow.afterExecution());
        return new TopologyGraph(List.copyOf(sections));
    }

    private static void add(List<Section> sections, String label, List<Task> tasks) {
        if (!tasks.isEmpty()) {
            sections.add(new Section(label, nodes(tasks)));
        }
    }

    private static List<Node> nodes(List<Task> tasks) {
        return tasks.stream().map(TopologyGraph::node).toList();
    }

    private static Node node(Task task) {
        if (task instanceof WorkingDirectoryTask folder) {
            List<Section> sections = new ArrayList<>();
            sections.add(new Section(null, nodes(folder.tasks())));
            add(sections, "errors", folder.errors());
            add(sections, "finally", folder.finallyTasks());
            return new Node(task.id(), task.type(), Kind.WORKING_DIRECTORY, folder.cache().map(TopologyGraph::cacheText).orElse(null),
                    List.copyOf(sections), false);
        }
        if (task instanceof OpaqueTask || task instanceof FlowableTask || task instanceof dev.flowbench.flow.PauseTask) {
            boolean core = task.type().startsWith(CORE_PREFIX);
            List<Section> sections = task.children().isEmpty() ? List.of() : branchesOf(task);
            boolean branches = BRANCHING.contains(TaskTypes.shortName(task.type()));
            if (branches && sections.size() == 1 && sections.get(0).label() == null) {
                sections = sections.get(0).nodes().stream().map(n -> new Section(null, List.of(n))).toList(); // each its own branch
            }
            return new Node(task.id(), task.type(), core ? Kind.FLOWABLE : Kind.PLUGIN, null, sections, branches);
        }
        return new Node(task.id(), task.type(), Kind.TASK, null, List.of(), false);
    }

    /** The nested tasks of a flowable by the property that holds them: tasks, then, else, each case, defaults... */
    private static List<Section> branchesOf(Task task) {
        Map<String, Task> byId = new HashMap<>();
        task.children().forEach(child -> byId.put(child.id(), child));
        List<Section> sections = new ArrayList<>();
        for (YamlMap.Entry entry : task.header().source().entries().values()) {
            String key = entry.key();
            if (entry.value() instanceof YamlList list) {
                addSection(sections, "tasks".equals(key) ? null : key, list, byId);
            } else if ("cases".equals(key) && entry.value() instanceof YamlMap cases) {
                cases.entries().values().forEach(c -> {
                    if (c.value() instanceof YamlList list) {
                        addSection(sections, "case " + c.key(), list, byId);
                    }
                });
            }
        }
        return List.copyOf(sections);
    }

    private static void addSection(List<Section> sections, String label, YamlList list, Map<String, Task> byId) {
        List<Node> nodes = new ArrayList<>();
        for (YamlNode item : list.items()) {
            if (item instanceof YamlMap map) {
                YamlMap taskMap = map.get("task").orElse(null) instanceof YamlMap wrapped ? wrapped : map;
                taskMap.string("id").map(byId::get).ifPresent(child -> nodes.add(node(child)));
            }
        }
        if (!nodes.isEmpty()) {
            sections.add(new Section(label, List.copyOf(nodes)));
        }
    }

    private static String cacheText(CacheSpec cache) {
        return String.join(", ", cache.patterns()) + (cache.ttl() == null ? "" : " · ttl " + cache.ttl());
    }

    /** Every task id of the picture, in drawing order. */
    public List<String> taskIds() {
        List<String> ids = new ArrayList<>();
        sections.forEach(section -> collect(section.nodes(), ids));
        return ids;
    }

    private static void collect(List<Node> nodes, List<String> ids) {
        for (Node node : nodes) {
            ids.add(node.taskId());
            node.sections().forEach(section -> collect(section.nodes(), ids));
        }
    }
}
