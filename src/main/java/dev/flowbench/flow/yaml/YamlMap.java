package dev.flowbench.flow.yaml;

import dev.flowbench.flow.SourceRange;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A mapping with string keys, in document order; a duplicated key keeps its first occurrence. */
public record YamlMap(Map<String, Entry> entries, SourceRange range) implements YamlNode {

    /** A key with its own position (for "unknown property" squiggles) and its value. */
    public record Entry(String key, SourceRange keyRange, YamlNode value) {
    }

    public YamlMap {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    public boolean has(String key) {
        return entries.containsKey(key);
    }

    public Optional<YamlNode> get(String key) {
        Entry entry = entries.get(key);
        return entry == null ? Optional.empty() : Optional.of(entry.value());
    }

    public Optional<Entry> entry(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** The scalar text of {@code key}, if it is present and a non-null scalar. */
    public Optional<String> string(String key) {
        return get(key).filter(YamlScalar.class::isInstance).map(YamlScalar.class::cast)
                .filter(s -> !s.isNull()).map(YamlScalar::value);
    }

    /** Where a message about {@code key} should point: the key when present, else the whole map. */
    public SourceRange keyRange(String key) {
        Entry entry = entries.get(key);
        return entry == null ? range : entry.keyRange();
    }

    /** Where a message about the value of {@code key} should point: the value when present, else the map. */
    public SourceRange valueRange(String key) {
        Entry entry = entries.get(key);
        return entry == null ? range : entry.value().range();
    }

    @Override
    public String kindName() {
        return "a map";
    }
}
