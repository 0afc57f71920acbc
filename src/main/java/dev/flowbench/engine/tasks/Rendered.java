package dev.flowbench.engine.tasks;

import dev.flowbench.engine.TaskContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A value as Kestra renders a task's map or list property: each text rendered, numbers and booleans kept. */
final class Rendered {

    private Rendered() {
    }

    static Object of(Object value, TaskContext context) {
        if (value instanceof String text) {
            return context.render(text);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((key, inner) -> out.put(String.valueOf(key), of(inner, context)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(item -> out.add(of(item, context)));
            return out;
        }
        return value;
    }
}
