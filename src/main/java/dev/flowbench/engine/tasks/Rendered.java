package dev.flowbench.engine.tasks;

import dev.flowbench.engine.TaskContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A value as Kestra renders a map or list property (a task's, a flow's outputs): each text rendered, numbers and
 * booleans kept.
 */
public final class Rendered {

    private Rendered() {
    }

    /** The task's property {@code name} as written, rendered; empty when the task does not write it. */
    static java.util.Optional<Object> property(dev.flowbench.flow.Task task, String name, TaskContext context) {
        return task.header().source().get(name).map(dev.flowbench.flow.yaml.YamlValues::toJava).map(value -> of(value, context));
    }

    static Object of(Object value, TaskContext context) {
        return of(value, context::render);
    }

    public static Object of(Object value, UnaryOperator<String> render) {
        if (value instanceof String text) {
            return render.apply(text);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((key, inner) -> out.put(String.valueOf(key), of(inner, render)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(item -> out.add(of(item, render)));
            return out;
        }
        return value;
    }
}
