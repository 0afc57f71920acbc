package dev.flowbench.cache;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowbench.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The cache's tables: entries, per-key statistics that outlive entries, and the log of cache events. */
final class CacheIndex {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "e.cache_key, e.namespace, e.flow_id, e.task_id, e.patterns, e.ttl, e.blob,"
            + " e.sha256, e.created_at, e.last_used_at, e.last_execution_at, e.size_bytes,"
            + " e.compressed_bytes, e.file_count, COALESCE(s.hits, 0), COALESCE(s.misses, 0)";
    private static final String FROM = " FROM cache_entries e LEFT JOIN cache_stats s ON s.cache_key = e.cache_key";

    private final Database database;

    CacheIndex(Database database) {
        this.database = database;
    }

    Optional<CacheEntry> find(CacheKey key) throws SQLException {
        List<CacheEntry> found = query("SELECT " + COLUMNS + FROM + " WHERE e.cache_key = ?", key.toString());
        return found.stream().findFirst();
    }

    List<CacheEntry> all() throws SQLException {
        return query("SELECT " + COLUMNS + FROM + " ORDER BY e.namespace, e.flow_id, e.task_id");
    }

    /** Entries least recently used first, for eviction. */
    List<CacheEntry> leastRecentlyUsedFirst() throws SQLException {
        return query("SELECT " + COLUMNS + FROM + " ORDER BY e.last_used_at, e.created_at");
    }

    long totalCompressedBytes() throws SQLException {
        return database.read(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT COALESCE(SUM(compressed_bytes), 0) FROM cache_entries");
                 ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    Set<String> referencedBlobs() throws SQLException {
        Set<String> blobs = new HashSet<>();
        database.read(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT blob FROM cache_entries");
                 ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    blobs.add(rs.getString(1));
                }
            }
            return null;
        });
        return blobs;
    }

    /** Makes {@code entry} the key's entry in one transaction; returns the blob it replaced, if any. */
    Optional<String> replace(CacheEntry entry) throws SQLException {
        return database.transaction(c -> {
            Optional<String> previous = blobOf(c, entry.key());
            execute(c, "INSERT INTO cache_entries (cache_key, namespace, flow_id, task_id, patterns, ttl, blob, sha256,"
                    + " created_at, last_used_at, last_execution_at, size_bytes, compressed_bytes, file_count)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (cache_key) DO UPDATE SET"
                    + " patterns = excluded.patterns, ttl = excluded.ttl, blob = excluded.blob, sha256 = excluded.sha256,"
                    + " created_at = excluded.created_at, last_used_at = excluded.last_used_at,"
                    + " last_execution_at = excluded.last_execution_at, size_bytes = excluded.size_bytes,"
                    + " compressed_bytes = excluded.compressed_bytes, file_count = excluded.file_count",
                    entry.key().toString(), entry.key().namespace(), entry.key().flowId(), entry.key().taskId(),
                    json(entry.patterns()), entry.ttl(), entry.blob(), entry.sha256(),
                    millis(entry.createdAt()), millis(entry.lastUsedAt()), millis(entry.lastExecutionAt()),
                    entry.sizeBytes(), entry.compressedBytes(), entry.fileCount());
            execute(c, "INSERT INTO cache_stats (cache_key) VALUES (?) ON CONFLICT (cache_key) DO NOTHING", entry.key().toString());
            return previous.filter(blob -> !blob.equals(entry.blob()));
        });
    }

    /** The task ran again without a new archive: the ttl slides, and a hit is counted when it was one. */
    void touch(CacheKey key, Instant now, String ttl, boolean hit) throws SQLException {
        database.transaction(c -> {
            execute(c, "UPDATE cache_entries SET last_used_at = ?, last_execution_at = ?, ttl = ? WHERE cache_key = ?",
                    millis(now), millis(now), ttl, key.toString());
            if (hit) {
                execute(c, "INSERT INTO cache_stats (cache_key, hits) VALUES (?, 1) ON CONFLICT (cache_key) DO UPDATE"
                        + " SET hits = hits + 1", key.toString());
            }
            return null;
        });
    }

    void countMiss(CacheKey key) throws SQLException {
        database.transaction(c -> execute(c, "INSERT INTO cache_stats (cache_key, misses) VALUES (?, 1)"
                + " ON CONFLICT (cache_key) DO UPDATE SET misses = misses + 1", key.toString()));
    }

    /** Removes the entry when it still has {@code blob} (another process may have replaced it); returns whether it did. */
    boolean remove(CacheKey key, String blob, Instant invalidatedAt) throws SQLException {
        return database.transaction(c -> {
            int removed = executeCount(c, "DELETE FROM cache_entries WHERE cache_key = ? AND blob = ?", key.toString(), blob);
            if (removed > 0 && invalidatedAt != null) {
                markInvalidated(c, key, invalidatedAt);
            }
            return removed > 0;
        });
    }

    /** Remembers when the key was invalidated, for the reason of its next MISS. */
    static void markInvalidated(Connection c, CacheKey key, Instant at) throws SQLException {
        execute(c, "INSERT INTO cache_stats (cache_key, invalidated_at) VALUES (?, ?) ON CONFLICT (cache_key)"
                + " DO UPDATE SET invalidated_at = excluded.invalidated_at", key.toString(), millis(at));
    }

    Optional<Instant> invalidatedAt(CacheKey key) throws SQLException {
        return database.read(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT invalidated_at FROM cache_stats WHERE cache_key = ?")) {
                q.setString(1, key.toString());
                try (ResultSet rs = q.executeQuery()) {
                    if (rs.next()) {
                        long at = rs.getLong(1);
                        return rs.wasNull() ? Optional.<Instant>empty() : Optional.of(Instant.ofEpochMilli(at));
                    }
                }
            }
            return Optional.<Instant>empty();
        });
    }

    void clearInvalidation(CacheKey key) throws SQLException {
        database.transaction(c -> execute(c, "UPDATE cache_stats SET invalidated_at = NULL WHERE cache_key = ?", key.toString()));
    }

    void logEvent(CacheKey key, String executionId, String event, String reason, Long durationMillis, Long files, Long bytes)
            throws SQLException {
        database.transaction(c -> execute(c, "INSERT INTO cache_events (at, cache_key, execution_id, event, reason,"
                + " duration_ms, files, bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", millis(Instant.now()), key.toString(),
                executionId, event, reason, durationMillis, files, bytes));
    }

    List<CacheEventRecord> events(CacheKey key, int limit) throws SQLException {
        return database.read(c -> {
            List<CacheEventRecord> events = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT at, execution_id, event, reason,"
                    + " duration_ms, files, bytes FROM cache_events WHERE cache_key = ? ORDER BY id DESC LIMIT ?")) {
                q.setString(1, key.toString());
                q.setInt(2, limit);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        events.add(new CacheEventRecord(Instant.ofEpochMilli(rs.getLong(1)), key, rs.getString(2),
                                rs.getString(3), rs.getString(4), nullableLong(rs, 5), nullableLong(rs, 6), nullableLong(rs, 7)));
                    }
                }
            }
            return events;
        });
    }

    private Optional<String> blobOf(Connection c, CacheKey key) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT blob FROM cache_entries WHERE cache_key = ?")) {
            q.setString(1, key.toString());
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private List<CacheEntry> query(String sql, Object... values) throws SQLException {
        return database.read(c -> query(c, sql, values));
    }

    private static List<CacheEntry> query(Connection c, String sql, Object... values) throws SQLException {
        List<CacheEntry> entries = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement(sql)) {
            bind(q, values);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    entries.add(new CacheEntry(CacheKey.parse(rs.getString(1)),
                            patterns(rs.getString(5)), rs.getString(6), rs.getString(7), rs.getString(8),
                            Instant.ofEpochMilli(rs.getLong(9)), Instant.ofEpochMilli(rs.getLong(10)),
                            Instant.ofEpochMilli(rs.getLong(11)), rs.getLong(12), rs.getLong(13), rs.getLong(14),
                            rs.getLong(15), rs.getLong(16), 0));
                }
            }
        }
        return entries;
    }

    private static List<String> patterns(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (Exception e) {
            return List.of();
        }
    }

    private static String json(List<String> patterns) {
        try {
            return JSON.writeValueAsString(patterns);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static long millis(Instant instant) {
        return instant.toEpochMilli();
    }

    static Void execute(Connection c, String sql, Object... values) throws SQLException {
        executeCount(c, sql, values);
        return null;
    }

    static int executeCount(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            bind(statement, values);
            return statement.executeUpdate();
        }
    }

    static void bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
    }
}
