package dev.flowbench.flow.pebble;

import java.util.Optional;

/** What {@code kv(key, namespace, errorOnMissing)} reads, within an execution: the store and the flow's namespace. */
public interface KvLookup {

    /** The variable under which a rendering finds it. */
    String VARIABLE = "__flowbench_kv";

    /** The value as expressions see it (a number, a map... by its kvType), if the key has one. */
    Optional<Object> get(String namespace, String key);

    /** The flow's namespace: the default of {@code kv()}. */
    String namespace();
}
