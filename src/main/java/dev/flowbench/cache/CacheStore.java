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
import java.nio.file.attribute.FileTime;
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
    private final KeptTrees kept;
    private final TaskCacheStore tasks;
    /** Working directories holding an entry's tree as restored, with the horizon that proves it untouched since. */
    private final Map<Path, Sealed> sealed = new ConcurrentHashMap<>();
    /** Working directories whose tree is kept (moved beside its archive) when their task lets go of them. */
    private final Map<Path, Keepable> keepable = new ConcurrentHashMap<>();

    private record Sealed(CacheKey key, String blob, String fingerprint, FileTime horizon) {
    }

    private record Keepable(CacheKey key, String blob, String fingerprint, FileTime horizon, TreeSelection.Rest rest,
                            long files, long bytes) {
    }

    private CacheStore(Database database, Path root, long maxBytes) {
        this.index = new CacheIndex(database);
        this.entries = root.resolve("entries");
        this.tmp = root.resolve("tmp");
        this.maxBytes = maxBytes;
        this.kept = new KeptTrees(root.resolve("kept"), tmp, root.resolve("seal-key"));
        this.tasks = new TaskCacheStore(database, index, root.resolve("task-files"), tmp);
    }

    /** Opens (creating) the store under {@code root} and removes what crashed processes left behind. */
    public static CacheStore open(Database database, Path root, long maxBytes) throws IOException, SQLException {
        CacheStore store = new CacheStore(database, root, maxBytes);
        Files.createDirectories(store.entries);
        Files.createDirectories(store.tmp);
        store.kept.create();
        store.tasks.create();
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
            Optional<String> fileSystem = kept.fileSystemProblem(directory);
            String whyArchive = fileSystem.orElse(null); // why a kept tree did not serve, when one could have
            if (fileSystem.isEmpty()) {
                KeptTrees.Claim claim = claim(entry, directory);
                if (claim.seal().isPresent()) {
                    return keptHit(key, entry, claim.seal().get(), ttlNow, directory, executionId, start);
                }
                whyArchive = claim.whyNot();
            }
            try {
                ArchiveReader.Restored restored = ArchiveReader.restore(archive.get(), entry.sha256(), directory);
                String manifest = restored.manifest();
                horizon().ifPresent(at -> sealed.put(directory, new Sealed(key, entry.blob(), manifest, at)));
                index.touch(key, Instant.now(), ttlNow, true);
                Duration took = Duration.between(start, Instant.now());
                String reason = "restored " + Figures.count(restored.files()) + " files (" + Figures.bytes(restored.bytes())
                        + ") in " + Figures.seconds(took) + (whyArchive == null ? "" : " from the archive: " + whyArchive);
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

    /** The tree kept for the entry, taken into {@code directory}; a failure to read it is a reason to use the archive. */
    private KeptTrees.Claim claim(CacheEntry entry, Path directory) {
        try {
            return kept.claim(entry.blob(), directory);
        } catch (IOException | RuntimeException e) {
            return KeptTrees.Claim.refused("the kept tree could not be taken (" + describe(e) + ")");
        }
    }

    private RestoreResult keptHit(CacheKey key, CacheEntry entry, KeptTrees.Seal seal, String ttlNow, Path directory,
                                  String executionId, Instant start) throws SQLException {
        sealed.put(directory, new Sealed(key, entry.blob(), seal.fingerprint(), seal.filesHorizon()));
        index.touch(key, Instant.now(), ttlNow, true);
        Duration took = Duration.between(start, Instant.now());
        String reason = "restored " + Figures.count(seal.files()) + " files (" + Figures.bytes(seal.bytes()) + ") in "
                + Figures.seconds(took) + " by moving back the last run's tree (checked unchanged)";
        index.logEvent(key, executionId, CacheResult.HIT.name(), reason, took.toMillis(), seal.files(), seal.bytes());
        return new RestoreResult(true, reason, seal.files(), seal.bytes(), took, seal.fingerprint());
    }

    /** A change horizon for the files of the cache's filesystem, if its clock allows one (see {@link ChangeHorizon}). */
    private Optional<FileTime> horizon() {
        try {
            return ChangeHorizon.mark(tmp);
        } catch (IOException e) {
            return Optional.empty(); // the tree is then not kept: the archive serves the next hit
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

    private SaveResult saveLocked(CacheKey key, List<String> patterns, String ttl, Path directory, boolean childrenSucceeded,
                                  String restoredManifest, String executionId) throws SQLException, IOException {
        Instant start = Instant.now();
        Sealed seal = sealed.remove(directory);
        if (seal != null && !seal.key().equals(key)) {
            seal = null;
        }
        if (!childrenSucceeded) {
            String reason = "a task in the working directory failed; the previous entry, if any, is kept";
            index.logEvent(key, executionId, CacheResult.NOT_SAVED.name(), reason, 0L, null, null);
            if (seal != null) {
                offerUntouched(seal, directory, patterns);
            }
            return new SaveResult(CacheResult.NOT_SAVED, reason, 0, 0, 0, Duration.ZERO, List.of(), List.of());
        }
        Optional<FileTime> horizon = horizon(); // before the walk: what changes after it is not kept with the new entry
        if (restoredManifest != null) { // something was restored: is it still exactly that?
            TreeSelection selection = TreeSelection.of(directory, patterns);
            Optional<CacheEntry> current = index.find(key);
            if (!selection.paths().isEmpty() && untouchedSinceRestore(seal, selection, restoredManifest) && current.isPresent()) {
                index.touch(key, start, ttl, false);
                String reason = "the " + Figures.count(selection.fileCount()) + " files are those restored (none changed since)";
                index.logEvent(key, executionId, CacheResult.UNCHANGED.name(), reason, took(start).toMillis(), selection.fileCount(),
                        selection.totalBytes());
                if (seal != null && seal.blob().equals(current.get().blob())) {
                    keepable.put(directory, new Keepable(key, seal.blob(), seal.fingerprint(), seal.horizon(), selection.rest(),
                            selection.fileCount(), selection.totalBytes()));
                }
                return new SaveResult(CacheResult.UNCHANGED, reason, selection.fileCount(), selection.totalBytes(),
                        0, took(start), selection.unmatchedPatterns(), List.of());
            }
            return write(key, patterns, ttl, directory, selection.paths(), selection::unmatchedPatterns, selection::rest,
                    horizon, start, executionId);
        }
        try (StreamedSelection streamed = new StreamedSelection(directory, patterns)) {
            return write(key, patterns, ttl, directory, streamed, streamed::unmatchedPatterns, streamed::rest, horizon, start,
                    executionId);
        }
    }

    /**
     * Whether the selection is exactly what was restored: the same paths, types, modes, sizes, times and link targets,
     * and no selected file or link changed after the horizon taken once the restore was done. The change time decides,
     * not the modification time, which any program may set back (npm stamps what it extracts with 1985-10-26, so a
     * same-length edit keeps size and mtime); without a horizon (a filesystem keeping whole seconds) nothing is proved
     * and the files are saved.
     */
    private static boolean untouchedSinceRestore(Sealed seal, TreeSelection selection, String restoredManifest) throws IOException {
        return seal != null && selection.rest().newestChange().compareTo(seal.horizon()) <= 0
                && restoredManifest.equals(Manifest.fingerprint(selection));
    }

    /** After a failed run: its restored tree is kept when the run left it exactly as restored. */
    private void offerUntouched(Sealed seal, Path directory, List<String> patterns) {
        try {
            TreeSelection selection = TreeSelection.of(directory, patterns);
            if (seal.fingerprint().equals(Manifest.fingerprint(selection))) {
                keepable.put(directory, new Keepable(seal.key(), seal.blob(), seal.fingerprint(), seal.horizon(), selection.rest(),
                        selection.fileCount(), selection.totalBytes()));
            }
        } catch (IOException | RuntimeException e) {
            // not kept: the archive serves the next hit
        }
    }

    private interface Unmatched {
        List<String> get() throws IOException;
    }

    private interface Walked {
        TreeSelection.Rest get() throws IOException;
    }

    /** Archives {@code paths} into a new entry, or NOT_SAVED when they are none. */
    private SaveResult write(CacheKey key, List<String> patterns, String ttl, Path directory, Iterable<SelectedPath> paths,
                             Unmatched unmatched, Walked walked, Optional<FileTime> horizon, Instant start, String executionId)
            throws IOException, SQLException {
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
                now, now, start, stats.bytes(), stats.compressedBytes(), stats.files(), 0, 0, 0);
        try {
            index.replace(entry).ifPresent(this::deleteBlobQuietly);
            index.clearInvalidation(key);
        } catch (SQLException e) {
            Files.deleteIfExists(archive);
            throw e;
        }
        if (horizon.isPresent()) {
            keepable.put(directory, new Keepable(key, entry.blob(), stats.manifest(), horizon.get(), walked.get(), stats.files(),
                    stats.bytes()));
        }
        Duration took = took(start);
        String reason = "saved " + Figures.count(stats.files()) + " files (" + Figures.bytes(stats.bytes()) + ", "
                + Figures.bytes(stats.compressedBytes()) + " compressed) in " + Figures.seconds(took);
        index.logEvent(key, executionId, CacheResult.SAVED.name(), reason, took.toMillis(), stats.files(), stats.compressedBytes());
        List<CacheKey> evicted = evict(key, executionId);
        return new SaveResult(CacheResult.SAVED, reason, stats.files(), stats.bytes(), stats.compressedBytes(), took,
                unmatched.get(), evicted);
    }

    // ---- when the task lets go of its directory: keep the tree ------------------------------------------------

    /**
     * Called when the task that owned {@code directory} is done with it (its outputs collected, nothing runs in it):
     * a tree found to be its entry's (restored and left untouched, or just saved) is moved beside the archive for the
     * next HIT, and the directory is gone. Returns why a tree that could have been kept was not; empty otherwise.
     */
    public Optional<String> release(Path directory) {
        sealed.remove(directory);
        Keepable tree = keepable.remove(directory);
        if (tree == null) {
            return Optional.empty();
        }
        synchronized (lockOf(tree.key())) {
            try {
                if (!isCurrent(tree)) {
                    return Optional.empty(); // another run replaced the entry meanwhile: nothing to keep it for
                }
                Optional<String> room = makeRoom(tree);
                if (room.isPresent()) {
                    return room;
                }
                Optional<String> notKept = kept.keep(tree.blob(), directory, tree.fingerprint(), tree.horizon(), tree.rest(),
                        tree.files(), tree.bytes());
                if (notKept.isEmpty() && !isCurrent(tree)) {
                    kept.discard(tree.blob()); // replaced while it moved: never served, removed now
                }
                return notKept;
            } catch (IOException | SQLException | RuntimeException e) {
                return Optional.of("keeping the tree failed: " + describe(e));
            }
        }
    }

    private boolean isCurrent(Keepable tree) throws SQLException {
        return index.find(tree.key()).map(CacheEntry::blob).filter(tree.blob()::equals).isPresent();
    }

    /** Removes other entries' kept trees, least recently used first, until this one fits within the limit. */
    private Optional<String> makeRoom(Keepable tree) throws SQLException, IOException {
        List<CacheEntry> leastRecentFirst = leastRecentlyUsedFirst();
        long total = diskBytes(leastRecentFirst) + tree.bytes();
        for (CacheEntry entry : leastRecentFirst) {
            if (total <= maxBytes) {
                break;
            }
            if (!entry.key().equals(tree.key()) && entry.keptBytes() > 0) {
                kept.discard(entry.blob());
                total -= entry.keptBytes();
            }
        }
        return total <= maxBytes ? Optional.empty()
                : Optional.of("keeping its " + Figures.bytes(tree.bytes()) + " of files beside the archive would pass the cache's limit of "
                        + Figures.bytes(maxBytes));
    }

    /** The entries, least recently used first, each with what its kept tree weighs. */
    private List<CacheEntry> leastRecentlyUsedFirst() throws SQLException {
        return index.leastRecentlyUsedFirst().stream().map(this::withKept).toList();
    }

    private Object lockOf(CacheKey key) {
        return keyLocks.computeIfAbsent(key, k -> new Object());
    }

    /**
     * Removes least-recently-used kept trees, then entries (never {@code keep}), until the total is within the limit:
     * a kept tree only makes a HIT faster, an archive makes it possible.
     */
    private List<CacheKey> evict(CacheKey keep, String executionId) throws SQLException {
        List<CacheKey> evicted = new ArrayList<>();
        List<CacheEntry> leastRecentFirst = leastRecentlyUsedFirst();
        long total = diskBytes(leastRecentFirst);
        for (CacheEntry entry : leastRecentFirst) {
            if (total > maxBytes && entry.keptBytes() > 0 && discardQuietly(entry.blob())) {
                total -= entry.keptBytes();
            }
        }
        for (CacheEntry entry : leastRecentFirst) {
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

    // ---- Kestra's taskCache -------------------------------------------------------------------------------

    /**
     * The outcome stored for the task {@code key} when it was last run with {@code definition} (its output files copied
     * into {@code storage}), or why there is none; see {@link TaskCacheStore}.
     */
    public dev.flowbench.engine.TaskCacheHooks.Reuse reuseTask(CacheKey key, String definition, String ttlNow, Path storage,
                                                              String executionId) throws SQLException {
        synchronized (lockOf(key)) {
            return tasks.lookup(key, definition, ttlNow, storage, executionId);
        }
    }

    public void storeTask(CacheKey key, String definition, String ttl, dev.flowbench.engine.TaskOutcome outcome, String executionId)
            throws IOException, SQLException {
        synchronized (lockOf(key)) {
            tasks.store(key, definition, ttl, outcome, executionId);
        }
    }

    /** The tasks whose outcome is stored for reuse. */
    public List<TaskCacheEntry> taskEntries() throws SQLException {
        return tasks.entries();
    }

    // ---- browsing and invalidation ------------------------------------------------------------------------

    /** What {@code entries} take on disk: archives and kept trees, what the size limit counts. */
    public static long diskBytes(List<CacheEntry> entries) {
        return entries.stream().mapToLong(CacheEntry::diskBytes).sum();
    }

    public List<CacheEntry> list() throws SQLException {
        return index.all().stream().map(this::withKept).toList();
    }

    public Optional<CacheEntry> find(CacheKey key) throws SQLException {
        return index.find(key).map(this::withKept);
    }

    private CacheEntry withKept(CacheEntry entry) {
        return entry.withKeptBytes(kept.seal(entry.blob()).map(KeptTrees.Seal::bytes).orElse(0L));
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


    /** Invalidates the given entries, a WorkingDirectory's files or a task's outcome; returns those that existed. */
    public List<CacheKey> invalidate(Collection<CacheKey> keys) throws SQLException {
        List<CacheKey> removed = new ArrayList<>();
        for (CacheKey key : keys) {
            Optional<CacheEntry> entry = index.find(key);
            boolean files = entry.isPresent() && retire(key, entry.get(), "INVALIDATED", "invalidated by hand", null);
            boolean outcome = tasks.remove(key, Instant.now());
            if (outcome) {
                index.logEvent(key, null, "INVALIDATED", "invalidated by hand", null, null, null);
            }
            if (files || outcome) {
                removed.add(key);
            }
        }
        return removed;
    }

    public List<CacheKey> invalidateFlow(String namespace, String flowId) throws SQLException {
        return invalidate(allKeys().stream().filter(key -> key.namespace().equals(namespace) && key.flowId().equals(flowId)).toList());
    }

    private List<CacheKey> allKeys() throws SQLException {
        java.util.Set<CacheKey> keys = new java.util.LinkedHashSet<>();
        index.all().forEach(entry -> keys.add(entry.key()));
        keys.addAll(tasks.keys());
        return List.copyOf(keys);
    }

    public List<CacheKey> invalidateExpired(Instant now) throws SQLException {
        return invalidate(index.all().stream().filter(e -> e.isExpired(now)).map(CacheEntry::key).toList());
    }

    public List<CacheKey> invalidateAll() throws SQLException {
        return invalidate(allKeys());
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
        kept.removeLeftovers(name -> BLOB_NAME.matcher(name).matches(), referenced);
        tasks.removeLeftovers();
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
        discardQuietly(blob);
        try {
            Files.deleteIfExists(archive.get());
        } catch (IOException e) {
            // removed at the next open
        }
    }

    /** Removes the blob's kept tree, if any; false when it could not be. */
    private boolean discardQuietly(String blob) {
        try {
            kept.discard(blob);
            return true;
        } catch (IOException e) {
            return false; // what is left is removed at the next open
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
