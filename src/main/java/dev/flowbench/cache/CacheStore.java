package dev.flowbench.cache;

import dev.flowbench.engine.CacheResult;
import dev.flowbench.runner.PidPrefix;
import dev.flowbench.store.Database;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The WorkingDirectory cache: archives under {@code FLOWBENCH_HOME/cache}, indexed in the database.
 *
 * <p>An entry becomes visible only when complete: its archive is written to {@code tmp/}, synced, renamed
 * into {@code entries/}, and only then indexed, in one transaction that also retires the entry it replaces.
 * A crash at any point leaves the previous entry intact; what a dead process left behind is removed when
 * the store is next opened. Archives are verified against their SHA-256 while they are restored.
 * Within a process, operations run one at a time (they share one database connection); across
 * processes, SQLite's locking and the rename protocol keep entries whole.
 */
public final class CacheStore {

    public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024 * 1024;
    private static final String ARCHIVE_SUFFIX = ".tar.zst";
    private static final String PARTIAL_SUFFIX = ".partial";
    private static final Pattern BLOB_NAME = Pattern.compile(
            "[0-9]+-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}" + Pattern.quote(ARCHIVE_SUFFIX));

    private final CacheIndex index;
    private final Path entries;
    private final Path tmp;
    private final long maxBytes;
    /**
     * Restores and saves of one key take turns within this process (other processes are told apart by the database
     * and the atomic renames, as before). Nothing else waits on them: listing and invalidating entries while a long
     * save or restore runs is answered at once.
     */
    private final Map<CacheKey, Object> keyLocks = new ConcurrentHashMap<>();

    private CacheStore(Database database, Path root, long maxBytes) {
        this.index = new CacheIndex(database);
        this.entries = root.resolve("entries");
        this.tmp = root.resolve("tmp");
        this.maxBytes = maxBytes;
    }

    /** Opens (creating) the store under {@code root} and removes what crashed processes left behind. */
    public static CacheStore open(Database database, Path root, long maxBytes) throws IOException, SQLException {
        CacheStore store = new CacheStore(database, root, maxBytes);
        Files.createDirectories(store.entries);
        Files.createDirectories(store.tmp);
        store.removeLeftovers();
        return store;
    }

    public long maxBytes() {
        return maxBytes;
    }

    // ---- before the children: restore ------------------------------------------------------------------

    /** Restores the key's files into the (empty) {@code directory} when its entry is valid under {@code ttlNow}. */
    public RestoreResult restore(CacheKey key, List<String> patterns, String ttlNow, Path directory, String executionId)
            throws SQLException {
        synchronized (lockOf(key)) {
            return restoreLocked(key, patterns, ttlNow, directory, executionId);
        }
    }

    private RestoreResult restoreLocked(CacheKey key, List<String> patterns, String ttlNow, Path directory, String executionId)
            throws SQLException {
        Instant start = Instant.now();
        for (int attempt = 0; ; attempt++) {
            Optional<CacheEntry> found = index.find(key);
            if (found.isEmpty()) {
                String reason = index.invalidatedAt(key).map(at -> "invalidated " + Figures.ago(at, start)).orElse("no entry yet");
                return miss(key, executionId, reason, start);
            }
            CacheEntry entry = found.get();
            Optional<Path> archive = archiveOf(entry.blob());
            if (archive.isEmpty()) {
                String reason = forgedRow(entry);
                retire(key, entry, "INVALIDATED", reason, executionId);
                return miss(key, executionId, reason, start);
            }
            Optional<Instant> expiry = entry.expiresAt(ttlNow);
            if (expiry.isPresent() && !start.isBefore(expiry.get())) {
                retire(key, entry, "EXPIRED", "ttl " + ttlNow + " passed " + Figures.ago(expiry.get(), start), executionId);
                return miss(key, executionId, "expired " + Figures.ago(expiry.get(), start), start);
            }
            if (!entry.patterns().equals(patterns)) {
                retire(key, entry, "INVALIDATED", "the cache patterns changed", executionId);
                return miss(key, executionId, "the cache patterns changed since the entry was saved", start);
            }
            try {
                ArchiveReader.Restored restored = ArchiveReader.restore(archive.get(), entry.sha256(), directory);
                String manifest = restored.manifest();
                index.touch(key, Instant.now(), ttlNow, true);
                Duration took = Duration.between(start, Instant.now());
                String reason = "restored " + Figures.count(restored.files()) + " files (" + Figures.bytes(restored.bytes())
                        + ") in " + Figures.seconds(took);
                index.logEvent(key, executionId, CacheResult.HIT.name(), reason, took.toMillis(), restored.files(), restored.bytes());
                return new RestoreResult(true, reason, restored.files(), restored.bytes(), took, manifest);
            } catch (NoSuchFileException e) {
                emptyQuietly(directory);
                if (attempt == 0 && !index.find(key).map(CacheEntry::blob).orElse(entry.blob()).equals(entry.blob())) {
                    continue; // another process replaced the entry while we looked: read the new one
                }
                retire(key, entry, "INVALIDATED", "its archive is missing", executionId);
                return miss(key, executionId, "unreadable: the archive is missing", start);
            } catch (CorruptArchiveException | UnsafeArchiveException e) {
                emptyQuietly(directory);
                retire(key, entry, "INVALIDATED", "corrupt: " + e.getMessage(), executionId);
                return miss(key, executionId, "corrupt: " + e.getMessage() + "; the entry was removed", start);
            } catch (IOException | RuntimeException e) {
                emptyQuietly(directory);
                boolean corrupt = !digestMatches(archive.get(), entry.sha256());
                String reason = (corrupt ? "corrupt: " : "unreadable: ") + describe(e);
                retire(key, entry, "INVALIDATED", reason, executionId);
                return miss(key, executionId, reason + "; the entry was removed", start);
            }
        }
    }

    private RestoreResult miss(CacheKey key, String executionId, String reason, Instant start) throws SQLException {
        index.countMiss(key);
        Duration took = Duration.between(start, Instant.now());
        index.logEvent(key, executionId, CacheResult.MISS.name(), reason, took.toMillis(), null, null);
        return RestoreResult.miss(reason, took);
    }

    // ---- after the children: save ----------------------------------------------------------------------

    /**
     * Saves the files of {@code directory} matching {@code patterns}, unless the children failed (the previous
     * entry stays) or they are exactly what was restored ({@code restoredManifest}; the ttl still slides).
     */
    public SaveResult save(CacheKey key, List<String> patterns, String ttl, Path directory, boolean childrenSucceeded,
                           String restoredManifest, String executionId) throws SQLException, IOException {
        synchronized (lockOf(key)) {
            return saveLocked(key, patterns, ttl, directory, childrenSucceeded, restoredManifest, executionId);
        }
    }

    private Object lockOf(CacheKey key) {
        return keyLocks.computeIfAbsent(key, k -> new Object());
    }

    private SaveResult saveLocked(CacheKey key, List<String> patterns, String ttl, Path directory, boolean childrenSucceeded,
                                  String restoredManifest, String executionId) throws SQLException, IOException {
        Instant start = Instant.now();
        if (!childrenSucceeded) {
            String reason = "a task in the working directory failed; the previous entry, if any, is kept";
            index.logEvent(key, executionId, CacheResult.NOT_SAVED.name(), reason, 0L, null, null);
            return new SaveResult(CacheResult.NOT_SAVED, reason, 0, 0, 0, Duration.ZERO, List.of(), List.of());
        }
        if (restoredManifest != null) { // something was restored: is it still exactly that?
            TreeSelection selection = TreeSelection.of(directory, patterns);
            if (!selection.paths().isEmpty() && restoredManifest.equals(Manifest.fingerprint(selection))
                    && index.find(key).isPresent()) {
                index.touch(key, start, ttl, false);
                String reason = "the " + Figures.count(selection.fileCount()) + " files are those restored";
                index.logEvent(key, executionId, CacheResult.UNCHANGED.name(), reason, took(start).toMillis(), selection.fileCount(),
                        selection.totalBytes());
                return new SaveResult(CacheResult.UNCHANGED, reason, selection.fileCount(), selection.totalBytes(),
                        0, took(start), selection.unmatchedPatterns(), List.of());
            }
            return write(key, patterns, ttl, selection.paths(), selection::unmatchedPatterns, start, executionId);
        }
        try (StreamedSelection streamed = new StreamedSelection(directory, patterns)) {
            return write(key, patterns, ttl, streamed, streamed::unmatchedPatterns, start, executionId);
        }
    }

    private interface Unmatched {
        List<String> get() throws IOException;
    }

    /** Archives {@code paths} into a new entry, or NOT_SAVED when they are none. */
    private SaveResult write(CacheKey key, List<String> patterns, String ttl, Iterable<SelectedPath> paths,
                             Unmatched unmatched, Instant start, String executionId) throws IOException, SQLException {
        String name = PidPrefix.name(UUID.randomUUID().toString());
        Path partial = tmp.resolve(name + PARTIAL_SUFFIX);
        Path archive = entries.resolve(name + ARCHIVE_SUFFIX);
        ArchiveStats stats;
        try {
            stats = ArchiveWriter.write(paths, partial);
            if (stats.entries() == 0) {
                String reason = "no file matched the patterns " + String.join(", ", patterns);
                index.logEvent(key, executionId, CacheResult.NOT_SAVED.name(), reason, 0L, 0L, 0L);
                return new SaveResult(CacheResult.NOT_SAVED, reason, 0, 0, 0, took(start), unmatched.get(), List.of());
            }
            moveAtomically(partial, archive);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        } finally {
            Files.deleteIfExists(partial);
        }
        Instant now = Instant.now();
        CacheEntry entry = new CacheEntry(key, patterns, ttl, archive.getFileName().toString(), stats.sha256(),
                now, now, start, stats.bytes(), stats.compressedBytes(), stats.files(), 0, 0);
        try {
            index.replace(entry).ifPresent(this::deleteBlobQuietly);
            index.clearInvalidation(key);
        } catch (SQLException e) {
            Files.deleteIfExists(archive);
            throw e;
        }
        Duration took = took(start);
        String reason = "saved " + Figures.count(stats.files()) + " files (" + Figures.bytes(stats.bytes()) + ", "
                + Figures.bytes(stats.compressedBytes()) + " compressed) in " + Figures.seconds(took);
        index.logEvent(key, executionId, CacheResult.SAVED.name(), reason, took.toMillis(), stats.files(), stats.compressedBytes());
        List<CacheKey> evicted = evict(key, executionId);
        return new SaveResult(CacheResult.SAVED, reason, stats.files(), stats.bytes(), stats.compressedBytes(), took,
                unmatched.get(), evicted);
    }

    /** Removes least-recently-used entries (never {@code keep}) until the total is within the limit. */
    private List<CacheKey> evict(CacheKey keep, String executionId) throws SQLException {
        List<CacheKey> evicted = new ArrayList<>();
        long total = index.totalCompressedBytes();
        for (CacheEntry entry : index.leastRecentlyUsedFirst()) {
            if (total <= maxBytes) {
                break;
            }
            if (entry.key().equals(keep)) {
                continue;
            }
            if (index.remove(entry.key(), entry.blob(), null)) {
                deleteBlobQuietly(entry.blob());
                index.logEvent(entry.key(), executionId, "EVICTED", "the cache is over its limit of " + Figures.bytes(maxBytes),
                        null, entry.fileCount(), entry.compressedBytes());
                evicted.add(entry.key());
                total -= entry.compressedBytes();
            }
        }
        return evicted;
    }

    // ---- browsing and invalidation ------------------------------------------------------------------------

    public List<CacheEntry> list() throws SQLException {
        return index.all();
    }

    public Optional<CacheEntry> find(CacheKey key) throws SQLException {
        return index.find(key);
    }

    /** The files an entry holds, read from its archive. A row naming no archive of the cache's is removed. */
    public List<CachedFile> files(CacheEntry entry) throws IOException, SQLException {
        Optional<Path> archive = archiveOf(entry.blob());
        if (archive.isEmpty()) {
            String reason = forgedRow(entry);
            retire(entry.key(), entry, "INVALIDATED", reason, null);
            throw new IOException("cache entry " + entry.key() + " is " + reason);
        }
        return ArchiveReader.list(archive.get());
    }

    public List<CacheEventRecord> events(CacheKey key, int limit) throws SQLException {
        return index.events(key, limit);
    }

    public long totalCompressedBytes() throws SQLException {
        return index.totalCompressedBytes();
    }

    /** Invalidates the given entries; returns those that existed. */
    public List<CacheKey> invalidate(Collection<CacheKey> keys) throws SQLException {
        List<CacheKey> removed = new ArrayList<>();
        for (CacheKey key : keys) {
            Optional<CacheEntry> entry = index.find(key);
            if (entry.isPresent() && retire(key, entry.get(), "INVALIDATED", "invalidated by hand", null)) {
                removed.add(key);
            }
        }
        return removed;
    }

    public List<CacheKey> invalidateFlow(String namespace, String flowId) throws SQLException {
        return invalidate(index.all().stream().filter(e -> e.key().namespace().equals(namespace)
                && e.key().flowId().equals(flowId)).map(CacheEntry::key).toList());
    }

    public List<CacheKey> invalidateExpired(Instant now) throws SQLException {
        return invalidate(index.all().stream().filter(e -> e.isExpired(now)).map(CacheEntry::key).toList());
    }

    public List<CacheKey> invalidateAll() throws SQLException {
        return invalidate(index.all().stream().map(CacheEntry::key).toList());
    }

    // ---- housekeeping ------------------------------------------------------------------------------------

    private boolean retire(CacheKey key, CacheEntry entry, String event, String reason, String executionId) throws SQLException {
        boolean removed = index.remove(key, entry.blob(), Instant.now());
        if (removed) {
            deleteBlobQuietly(entry.blob());
            index.logEvent(key, executionId, event, reason, null, entry.fileCount(), entry.compressedBytes());
        }
        return removed;
    }

    /** Deletes partial archives and unindexed archives whose writing process is gone. */
    void removeLeftovers() throws IOException, SQLException {
        try (DirectoryStream<Path> partials = Files.newDirectoryStream(tmp)) {
            for (Path partial : partials) {
                if (!PidPrefix.ownerAlive(partial.getFileName().toString())) {
                    Files.deleteIfExists(partial);
                }
            }
        }
        Set<String> referenced = index.referencedBlobs();
        try (DirectoryStream<Path> archives = Files.newDirectoryStream(entries)) {
            for (Path archive : archives) {
                if (!referenced.contains(archive.getFileName().toString()) && !PidPrefix.ownerAlive(archive.getFileName().toString())) {
                    Files.deleteIfExists(archive);
                }
            }
        }
    }

    /**
     * The archive a blob name stands for, when it is a name this store gives ({@code PID-UUID.tar.zst}) and
     * so a file directly in {@code entries/}. Any other name comes from a corrupt or forged index row: nothing
     * is ever read or deleted through it.
     */
    private Optional<Path> archiveOf(String blob) {
        return blob != null && BLOB_NAME.matcher(blob).matches() ? Optional.of(entries.resolve(blob)) : Optional.empty();
    }

    private static String forgedRow(CacheEntry entry) {
        return "corrupt: its index row names the archive '" + entry.blob() + "', which is not a file of the cache folder;"
                + " the row was removed and no file was touched";
    }

    private void deleteBlobQuietly(String blob) {
        Optional<Path> archive = archiveOf(blob);
        if (archive.isEmpty()) {
            return;
        }
        try {
            Files.deleteIfExists(archive.get());
        } catch (IOException e) {
            // removed at the next open
        }
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the cache folder does not support atomic renames", e);
        }
        try (FileChannel folder = FileChannel.open(to.getParent(), StandardOpenOption.READ)) {
            folder.force(true); // the rename itself reaches the disk
        } catch (IOException e) {
            // not every file system syncs folders; the archive itself is synced
        }
    }

    private static void emptyQuietly(Path directory) {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(directory)) {
            for (Path child : children) {
                dev.flowbench.engine.WorkFiles.deleteTree(child);
            }
        } catch (IOException e) {
            // the working directory is removed after the task anyway
        }
    }

    /** Whether the archive still has the digest recorded when it was saved (false when it cannot be read). */
    private static boolean digestMatches(Path archive, String sha256) {
        try {
            return Manifest.sha256Of(archive).equals(sha256);
        } catch (IOException e) {
            return false;
        }
    }

    private static Duration took(Instant start) {
        return Duration.between(start, Instant.now());
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

}
