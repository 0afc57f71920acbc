package dev.flowbench.flow;

import dev.flowbench.flow.yaml.YamlMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** A Kestra flow as read from YAML; {@code source} keeps every node's position for messages and edits. */
public record Flow(String id, String namespace, String description, Map<String, String> labels,
                   List<Input> inputs, Map<String, Object> variables, List<Task> tasks, List<Task> errors,
                   List<Task> finallyTasks, List<Task> afterExecution, YamlMap source) {

    /** The tasks at the flow's top level: tasks, errors, finally, afterExecution. */
    public List<Task> topLevelTasks() {
        List<Task> all = new ArrayList<>(tasks);
        all.addAll(errors);
        all.addAll(finallyTasks);
        all.addAll(afterExecution);
        return all;
    }

    /** Every task of the flow, depth first in document order: tasks, errors, finally, afterExecution. */
    public List<Task> allTasks() {
        List<Task> all = new ArrayList<>();
        Consumer<Task> add = new Consumer<>() {
            @Override
            public void accept(Task task) {
                all.add(task);
                task.children().forEach(this);
            }
        };
        topLevelTasks().forEach(add);
        return all;
    }
}
