package dev.flowbench.store;

import dev.flowbench.engine.KeyValues;
import dev.flowbench.engine.KvValue;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The KV store in the history's database, shared by every Flowbench process of the home: what flows write with kv.Set
 * is there for the next execution, the window and {@code flowbench kv}. A value past its ttl reads as missing and is
 * removed by the next write of its namespace. A database error is an {@link IllegalStateException} with its message,
 * which fails the task that met it.
 */
public final class KvStore implements KeyValues {

    /** One entry as {@code flowbench kv ls} shows it. */
    public record Entry(String namespace, String key, KvValue value, Instant updatedAt, Instant expiresAt) {
    }

    private final Database database;

    public KvStore(Database database) {
        this.database = database;
    }

    @Override
    public Optional<KvValue> get(String namespace, String key) {
        return call(() -> database.read(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT value, type FROM kv WHERE namespace = ? AND key = ?"
                    + " AND (expires_at IS NULL OR expires_at > ?)")) {
                q.setString(1, namespace);
                q.setString(2, key);
                q.setLong(3, Instant.now().toEpochMilli());
                try (ResultSet rs = q.executeQuery()) {
                    return rs.next() ? Optional.of(value(rs.getString(1), rs.getString(2))) : Optional.<KvValue>empty();
                }
            }
        }));
    }

    @Override
    public boolean set(String namespace, String key, KvValue value, boolean overwrite, Duration ttl) {
        long now = Instant.now().toEpochMilli();
        return call(() -> database.transaction(c -> {
            try (PreparedStatement expired = c.prepareStatement("DELETE FROM kv WHERE namespace = ? AND expires_at <= ?")) {
                expired.setString(1, namespace);
                expired.setLong(2, now);
                expired.executeUpdate();
            }
            try (PreparedStatement write = c.prepareStatement(overwrite
                    ? "INSERT INTO kv (namespace, key, value, updated_at, expires_at, type) VALUES (?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,"
                    + " expires_at = excluded.expires_at, type = excluded.type"
                    : "INSERT OR IGNORE INTO kv (namespace, key, value, updated_at, expires_at, type) VALUES (?, ?, ?, ?, ?, ?)")) {
                write.setString(1, namespace);
                write.setString(2, key);
                write.setString(3, value.text());
                write.setLong(4, now);
                write.setObject(5, ttl == null ? null : now + ttl.toMillis());
                write.setString(6, value.type().name());
                return write.executeUpdate() > 0;
            }
        }));
    }

    @Override
    public boolean delete(String namespace, String key) {
        return call(() -> database.transaction(c -> {
            try (PreparedStatement q = c.prepareStatement("DELETE FROM kv WHERE namespace = ? AND key = ?"
                    + " AND (expires_at IS NULL OR expires_at > ?)")) {
                q.setString(1, namespace);
                q.setString(2, key);
                q.setLong(3, Instant.now().toEpochMilli());
                return q.executeUpdate() > 0;
            }
        }));
    }

    @Override
    public List<String> keys(String namespace, String prefix) {
        return entries(namespace).stream().map(Entry::key).filter(key -> key.startsWith(prefix)).toList();
    }

    /** The live entries of {@code namespace} (every namespace's when null), by namespace then key. */
    public List<Entry> entries(String namespace) {
        return call(() -> database.read(c -> {
            List<Entry> found = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT namespace, key, value, updated_at, expires_at, type FROM kv"
                    + " WHERE (? IS NULL OR namespace = ?) AND (expires_at IS NULL OR expires_at > ?) ORDER BY namespace, key")) {
                q.setString(1, namespace);
                q.setString(2, namespace);
                q.setLong(3, Instant.now().toEpochMilli());
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        long expires = rs.getLong(5);
                        Instant expiresAt = rs.wasNull() ? null : Instant.ofEpochMilli(expires);
                        found.add(new Entry(rs.getString(1), rs.getString(2), value(rs.getString(3), rs.getString(6)),
                                Instant.ofEpochMilli(rs.getLong(4)), expiresAt));
                    }
                }
            }
            return found;
        }));
    }

    /** A kept value; one kept before types were (null) or of a type this version does not know is a STRING. */
    private static KvValue value(String text, String type) {
        try {
            return new KvValue(text, type == null ? KvValue.Type.STRING : KvValue.Type.valueOf(type));
        } catch (IllegalArgumentException e) {
            return new KvValue(text, KvValue.Type.STRING);
        }
    }

    private interface Work<T> {
        T run() throws SQLException;
    }

    private static <T> T call(Work<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new IllegalStateException("the KV store could not be used: " + e.getMessage(), e);
        }
    }
}
