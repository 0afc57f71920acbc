package dev.flowbench.engine;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One iteration of a Loop, as Kestra 2.0 runs it (an execution of its own there, kind LOOP): the outputs of the tasks
 * that run in it are its own, over those of the enclosing iteration and of the execution (kestra-oracle: a task after
 * the Loop does not see them; a task in a nested Loop sees the outer iteration's), and {@code item} says which value
 * it runs for: {@code item.value} (always a text), {@code item.index} (0 first), {@code item.key} for a map's
 * values, {@code item.parent} and {@code item.parents[n]} for the iterations around it, nearest first.
 */
final class Iteration {

    private final Iteration parent;
    private final int index;
    private final String value;
    private final String key;
    private final Map<String, Object> outputs = new ConcurrentHashMap<>();

    Iteration(Iteration parent, int index, String value, String key) {
        this.parent = parent;
        this.index = index;
        this.value = value;
        this.key = key;
    }

    int index() {
        return index;
    }

    String value() {
        return value;
    }

    String key() {
        return key;
    }

    /** Keeps a task's outputs in this iteration. */
    void putOutputs(String taskId, Map<String, Object> taskOutputs) {
        outputs.put(taskId, taskOutputs);
    }

    /** {@code outputs} as a task of this iteration reads it: its own first, then those around it. */
    Map<String, Object> outputsOver(Map<String, Object> execution) {
        return new Overlay(outputs, parent == null ? execution : parent.outputsOver(execution));
    }

    /** {@code item} as expressions read it. */
    Map<String, Object> item() {
        Map<String, Object> item = own();
        if (parent != null) {
            item.put("parent", parent.own());
            List<Map<String, Object>> parents = new ArrayList<>();
            for (Iteration around = parent; around != null; around = around.parent) {
                parents.add(around.own());
            }
            item.put("parents", parents);
        }
        return item;
    }

    private Map<String, Object> own() {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("value", value);
        item.put("index", index);
        if (key != null) {
            item.put("key", key);
        }
        return item;
    }

    /**
     * A map read through: {@code top}'s entries, then {@code below}'s under other keys. Reads go to both maps as
     * they are now (outputs arrive while the iteration runs); only a listing of the whole map copies.
     */
    private static final class Overlay extends AbstractMap<String, Object> {
        private final Map<String, Object> top;
        private final Map<String, Object> below;

        Overlay(Map<String, Object> top, Map<String, Object> below) {
            this.top = top;
            this.below = below;
        }

        @Override
        public Object get(Object key) {
            Object found = top.get(key);
            return found != null ? found : below.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return top.containsKey(key) || below.containsKey(key);
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            Map<String, Object> merged = new LinkedHashMap<>(below);
            merged.putAll(top);
            return merged.entrySet();
        }
    }
}
