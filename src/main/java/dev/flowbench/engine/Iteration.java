package dev.flowbench.engine;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

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
    private final boolean legacy;

    Iteration(Iteration parent, int index, String value, String key) {
        this(parent, index, value, key, false);
    }

    /**
     * {@code legacy}: an iteration of a Kestra 1.x loop (ForEach, EachSequential, EachParallel), which has no outputs
     * of its own: its tasks' outputs are kept in the execution keyed by value ({@code outputs.t[value]}, with the
     * values of the 1.x loops around it first), where every task sees them.
     */
    Iteration(Iteration parent, int index, String value, String key, boolean legacy) {
        this.parent = parent;
        this.index = index;
        this.value = value;
        this.key = key;
        this.legacy = legacy;
    }

    boolean legacy() {
        return legacy;
    }

    /**
     * Keeps a task's outputs where the tasks after it read them: in this iteration, or, in a 1.x loop's, keyed by the
     * values of the 1.x iterations it is in, in the outputs of what is around them ({@code around}: the execution's).
     */
    void keep(String taskId, Map<String, Object> taskOutputs, Map<String, Object> around) {
        if (!legacy) {
            outputs.put(taskId, taskOutputs);
            return;
        }
        Iteration holder = parent;
        while (holder != null && holder.legacy) {
            holder = holder.parent;
        }
        Map<String, Object> target = holder == null ? around : holder.outputs;
        List<String> path = legacyValues();
        Object level = target.compute(taskId, (id, kept) -> kept instanceof ConcurrentSkipListMap<?, ?> ? kept
                : new ConcurrentSkipListMap<String, Object>());
        for (int i = 0; i < path.size() - 1; i++) {
            level = cast(level).computeIfAbsent(path.get(i), value -> new ConcurrentSkipListMap<String, Object>());
        }
        cast(level).put(path.get(path.size() - 1), taskOutputs);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object level) {
        return (Map<String, Object>) level;
    }

    /** The values of the 1.x loop iterations this one is in and its own, outermost first. */
    List<String> legacyValues() {
        List<String> values = new ArrayList<>();
        for (Iteration around = this; around != null && around.legacy; around = around.parent) {
            values.add(0, around.value);
        }
        return values;
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

    /** {@code outputs} as a task of this iteration reads it: its own first, then those around it. */
    Map<String, Object> outputsOver(Map<String, Object> execution) {
        Map<String, Object> around = parent == null ? execution : parent.outputsOver(execution);
        return legacy ? around : new Overlay(outputs, around);
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
