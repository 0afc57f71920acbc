package dev.flowbench.cache;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowbench.engine.CacheResult;
import dev.flowbench.engine.RegularFiles;
import dev.flowbench.engine.State;
import dev.flowbench.engine.TaskCacheHooks;
import dev.flowbench.engine.TaskOutcome;
import dev.flowbench.flow.IsoDuration;
import dev.flowbench.runner.PidPrefix;
import dev.flowbench.store.Database;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Kestra's {@code taskCache}: a task's successful outcome (its state, outputs and output files), reused by a later
 * run of the same rendered definition until its ttl passes (evaluated at run time). A row per task in
 * {@code task_cache_entries}; output files content-addressed under {@code cache/task-files} (written to {@code tmp},
 * synced, renamed: a file is whole or absent), checked against their SHA-256 while they are copied into the reusing
 * execution. A missing, corrupt or unreadable entry is a MISS with its reason and is removed.
 */
final class TaskCacheStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OUTPUT_FILES = "outputFiles";
    /** An output file nobody names may still be about to be named by a process storing it: left alone this long. */
    private static final Duration UNNAMED_GRACE = Duration.ofHours(1);

    private final Database database;
    private final CacheIndex index;
    private final Path files;
    private final Path tmp;

    TaskCacheStore(Database database, CacheIndex index, Path files, Path tmp) {
        this.database = database;
        this.index = index;
        this.files = files;
        this.tmp = tmp;
    }

    private record Row(String definition, String state, Map<String, Object> outputs, Map<String, String> outputFiles,
                       String executionId, Instant createdAt, String ttl) {
    }

    void create() throws IOException {
        Files.createDirectories(files);
    }

    TaskCacheHooks.Reuse lookup(CacheKey key, String definition, String ttlNow, Path storage, String executionId)
            throws SQLException {
        Instant now = Instant.now();
        Optional<Row> found = find(key);
        if (found.isEmpty()) {
            return miss(key, executionId, index.invalidatedAt(key).map(at -> "invalidated " + Figures.ago(at, now)).orElse("no entry yet"));
        }
        Row row = found.get();
        if (row.outputs() == null || row.outputFiles() == null || !isState(row.state())) {
            remove(key, null);
            return miss(key, executionId, "corrupt: its stored outputs do not read back; the entry was removed");
        }
        Optional<Instant> expiry = IsoDuration.parse(ttlNow).map(row.createdAt()::plus);
        if (expiry.isPresent() && !now.isBefore(expiry.get())) {
            remove(key, null);
            return miss(key, executionId, "expired " + Figures.ago(expiry.get(), now));
        }
        if (!row.definition().equals(definition)) {
            return miss(key, executionId, "its definition changed since execution " + row.executionId()
                    + " (the task, or an input or upstream output it reads)");
        }
        Map<String, Object> outputs = new LinkedHashMap<>(row.outputs());
        try {
            if (!row.outputFiles().isEmpty()) {
                outputs.put(OUTPUT_FILES, copyOut(row.outputFiles(), storage));
            }
        } catch (IOException e) {
            remove(key, null);
            return miss(key, executionId, "corrupt: " + describe(e) + "; the entry was removed");
        }
        String reason = "reused the outputs of execution " + row.executionId() + " from " + Figures.ago(row.createdAt(), now);
        index.logEvent(key, executionId, CacheResult.HIT.name(), reason, Duration.between(now, Instant.now()).toMillis(),
                (long) row.outputFiles().size(), null);
        return new TaskCacheHooks.Reuse(Optional.of(new TaskOutcome(State.valueOf(row.state()), reason, outputs)), reason);
    }

    private TaskCacheHooks.Reuse miss(CacheKey key, String executionId, String reason) throws SQLException {
        index.logEvent(key, executionId, CacheResult.MISS.name(), reason, null, null, null);
        return new TaskCacheHooks.Reuse(Optional.empty(), reason);
    }

    /** Stores a successful outcome: its output files first (whole or absent), then the row, in one transaction. */
    void store(CacheKey key, String definition, String ttl, TaskOutcome outcome, String executionId) throws IOException, SQLException {
        Map<String, Object> outputs = new LinkedHashMap<>(outcome.outputs());
        Map<String, String> stored = new LinkedHashMap<>();
        if (outputs.remove(OUTPUT_FILES) instanceof Map<?, ?> named) {
            for (Map.Entry<?, ?> file : named.entrySet()) {
                stored.put(String.valueOf(file.getKey()), copyIn(Path.of(String.valueOf(file.getValue()))));
            }
        }
        String outputsJson = JSON.writeValueAsString(outputs);
        String filesJson = JSON.writeValueAsString(stored);
        Instant now = Instant.now();
        database.transaction(c -> CacheIndex.execute(c, "INSERT INTO task_cache_entries (cache_key, namespace, flow_id, task_id,"
                + " definition, state, outputs, output_files, execution_id, created_at, ttl) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (cache_key) DO UPDATE SET definition = excluded.definition, state = excluded.state,"
                + " outputs = excluded.outputs, output_files = excluded.output_files, execution_id = excluded.execution_id,"
                + " created_at = excluded.created_at, ttl = excluded.ttl",
                key.toString(), key.namespace(), key.flowId(), key.taskId(), definition, outcome.state().name(), outputsJson,
                filesJson, executionId, now.toEpochMilli(), ttl));
        index.clearInvalidation(key);
        index.logEvent(key, executionId, CacheResult.SAVED.name(), "stored the task's outputs for reuse"
                + (stored.isEmpty() ? "" : " with " + Figures.count(stored.size()) + " output files"), null, (long) stored.size(), null);
    }

    /** Removes the key's entry; {@code invalidatedAt} (when not null) is remembered for the next MISS's reason. */
    boolean remove(CacheKey key, Instant invalidatedAt) throws SQLException {
        return database.transaction(c -> {
            boolean removed = CacheIndex.executeCount(c, "DELETE FROM task_cache_entries WHERE cache_key = ?", key.toString()) > 0;
            if (removed && invalidatedAt != null) {
                CacheIndex.markInvalidated(c, key, invalidatedAt);
            }
            return removed;
        });
    }

    List<CacheKey> keys() throws SQLException {
        return entries().stream().map(TaskCacheEntry::key).toList();
    }

    List<TaskCacheEntry> entries() throws SQLException {
        return database.read(c -> {
            List<TaskCacheEntry> entries = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT namespace, flow_id, task_id, execution_id, created_at, ttl,"
                    + " output_files FROM task_cache_entries ORDER BY cache_key");
                 ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    Map<String, String> stored = filesOf(rs.getString(7));
                    entries.add(new TaskCacheEntry(new CacheKey(rs.getString(1), rs.getString(2), rs.getString(3)), rs.getString(4),
                            Instant.ofEpochMilli(rs.getLong(5)), rs.getString(6), stored == null ? 0 : stored.size()));
                }
            }
            return entries;
        });
    }

    /** Deletes output files no entry names any more (once old enough that no process can be about to name them). */
    void removeLeftovers() throws IOException, SQLException {
        Set<String> named = new java.util.HashSet<>();
        database.read(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT output_files FROM task_cache_entries");
                 ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    Map<String, String> files = filesOf(rs.getString(1));
                    if (files != null) {
                        named.addAll(files.values());
                    }
                }
            }
            return null;
        });
        Instant old = Instant.now().minus(UNNAMED_GRACE);
        try (DirectoryStream<Path> stored = Files.newDirectoryStream(files)) {
            for (Path file : stored) {
                if (!named.contains(file.getFileName().toString()) && Files.getLastModifiedTime(file).toInstant().isBefore(old)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private Optional<Row> find(CacheKey key) throws SQLException {
        return database.read(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT definition, state, outputs, output_files, execution_id,"
                    + " created_at, ttl FROM task_cache_entries WHERE cache_key = ?")) {
                CacheIndex.bind(q, key.toString());
                try (ResultSet rs = q.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Row(rs.getString(1), rs.getString(2), outputsOf(rs.getString(3)), filesOf(rs.getString(4)),
                            rs.getString(5), Instant.ofEpochMilli(rs.getLong(6)), rs.getString(7)));
                }
            }
        });
    }

    /** A file into the store under its SHA-256; the name returned. */
    private String copyIn(Path file) throws IOException {
        Path partial = tmp.resolve(PidPrefix.name(UUID.randomUUID() + ".partial"));
        try {
            MessageDigest digest = Manifest.sha256();
            try (InputStream in = new DigestInputStream(RegularFiles.open(file), digest);
                 FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                in.transferTo(out);
                channel.force(true);
            }
            String name = HexFormat.of().formatHex(digest.digest());
            try {
                Files.move(partial, files.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                // the same content is stored already
            }
            return name;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** The stored files into {@code storage} under their names, each checked against its digest; their new paths. */
    private Map<String, String> copyOut(Map<String, String> stored, Path storage) throws IOException {
        Map<String, String> paths = new LinkedHashMap<>();
        Path root = storage.toAbsolutePath().normalize();
        for (Map.Entry<String, String> file : stored.entrySet()) {
            Path target = root.resolve(file.getKey()).normalize();
            if (!target.startsWith(root) || !file.getValue().matches("[0-9a-f]{64}")) {
                throw new IOException("output file '" + file.getKey() + "' is not a name the cache gives");
            }
            Files.createDirectories(target.getParent());
            MessageDigest digest = Manifest.sha256();
            try (InputStream in = new DigestInputStream(RegularFiles.open(files.resolve(file.getValue())), digest)) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            } catch (NoSuchFileException e) {
                throw new IOException("output file '" + file.getKey() + "' is missing from the cache", e);
            }
            if (!HexFormat.of().formatHex(digest.digest()).equals(file.getValue())) {
                Files.deleteIfExists(target);
                throw new IOException("output file '" + file.getKey() + "' is not the one stored (its SHA-256 differs)");
            }
            paths.put(file.getKey(), target.toString());
        }
        return paths;
    }

    /** The outputs a row holds; null when they do not read back (a corrupt row). */
    private static Map<String, Object> outputsOf(String json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The output files a row names (name to digest); null when they do not read back. */
    private static Map<String, String> filesOf(String json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean isState(String name) {
        try {
            State.valueOf(name);
            return true;
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
