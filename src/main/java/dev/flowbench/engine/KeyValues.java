package dev.flowbench.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kestra's key-value store, per namespace: what kv.Set, kv.Get, kv.GetKeys, kv.Delete and the {@code kv()} function
 * read and write. A value is a text with its type ({@link KvValue}): STRING unless kv.Set names a {@code kvType} (a map
 * written without one is read back as its JSON text, kestra-oracle); a value past its ttl is gone. The desktop app and the command line keep them in the history's
 * database ({@code flowbench kv}); {@link #inMemory()} is for an engine without one.
 */
public interface KeyValues {

    Optional<KvValue> get(String namespace, String key);

    /** Writes {@code value}; false, writing nothing, when the key has a value and {@code overwrite} is false. */
    boolean set(String namespace, String key, KvValue value, boolean overwrite, Duration ttl);

    /** Removes the key; whether it had a value. */
    boolean delete(String namespace, String key);

    /** The namespace's keys starting with {@code prefix} (all with an empty one), sorted. */
    List<String> keys(String namespace, String prefix);

    /** Keys kept in this process only. */
    static KeyValues inMemory() {
        record Entry(KvValue value, Instant expires) {
            boolean live() {
                return expires == null || Instant.now().isBefore(expires);
            }
        }
        Map<String, TreeMap<String, Entry>> store = new ConcurrentHashMap<>();
        return new KeyValues() {
            @Override
            public synchronized Optional<KvValue> get(String namespace, String key) {
                Entry entry = store.getOrDefault(namespace, new TreeMap<>()).get(key);
                return entry != null && entry.live() ? Optional.of(entry.value()) : Optional.empty();
            }

            @Override
            public synchronized boolean set(String namespace, String key, KvValue value, boolean overwrite, Duration ttl) {
                if (!overwrite && get(namespace, key).isPresent()) {
                    return false;
                }
                store.computeIfAbsent(namespace, n -> new TreeMap<>()).put(key, new Entry(value,
                        ttl == null ? null : Instant.now().plus(ttl)));
                return true;
            }

            @Override
            public synchronized boolean delete(String namespace, String key) {
                boolean had = get(namespace, key).isPresent();
                store.getOrDefault(namespace, new TreeMap<>()).remove(key);
                return had;
            }

            @Override
            public synchronized List<String> keys(String namespace, String prefix) {
                return store.getOrDefault(namespace, new TreeMap<>()).entrySet().stream()
                        .filter(e -> e.getKey().startsWith(prefix) && e.getValue().live()).map(Map.Entry::getKey).toList();
            }
        };
    }
}
