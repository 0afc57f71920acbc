package dev.flowbench.cache;

import dev.flowbench.engine.RegularFiles;
import dev.flowbench.engine.WorkFiles;
import dev.flowbench.runner.FolderUsers;
import dev.flowbench.runner.PidPrefix;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The last tree of each cache entry, kept as files beside its archive ({@code kept/BLOB/tree}, with its {@code seal}),
 * so that a HIT moves one folder into the working directory instead of creating every file again, and a run that
 * leaves the tree as it was moves it back instead of deleting it. The archive stays the durable, verified copy: a
 * kept tree is used only when it proves it is exactly the entry's, and is otherwise removed (the archive serves).
 *
 * <p>The proof is the kernel's change times. A tree is sealed with a horizon ({@link ChangeHorizon}) taken when it
 * was known to be the entry's (right after a restore from the archive, or before the walk of a save): every change
 * since, to a file's content, size, mode, time, links or name, gives it a later ctime, which no program can set back.
 * A second horizon is taken once the tree is in its final shape (folders lose the paths outside the selection just
 * before): a file added, removed or renamed since gives its folder a later ctime. Checking costs one walk of the
 * tree's metadata.
 *
 * <p>A seal is signed with the cache's key ({@link SealKey}), so one edited to move its horizons later no longer
 * passes; and a tree is kept only when no process uses it (its current folder, root or an open file in it): a writer
 * left behind must never reach the run that takes the tree next.
 *
 * <p>Every step is one rename, so a crash leaves either the tree in its place or a folder named after the process
 * (a claim or a keeping), which {@link #removeLeftovers} deletes once that process is gone. Two runs cannot take the
 * same tree: only one rename of {@code kept/BLOB} succeeds; the other restores from the archive.
 */
final class KeptTrees {

    private static final String TREE = "tree";
    private static final String SEAL = "seal";

    /** A seal is a few hundred bytes: anything much larger is not one, and is not read. */
    private static final int SEAL_LIMIT = 64 * 1024;

    private final Path root;
    private final Path scratch;
    private final Path keyFile;
    private SealKey key;
    private String keyProblem = "it was not opened";

    /**
     * Trees under {@code root}; {@code scratch} (on the same filesystem) holds the horizon's marker files; seals are
     * signed with the key in {@code keyFile} (see {@link SealKey}).
     */
    KeptTrees(Path root, Path scratch, Path keyFile) {
        this.root = root;
        this.scratch = scratch;
        this.keyFile = keyFile;
    }

    /** What proves a kept tree is its entry's, and what it weighs. */
    record Seal(String fingerprint, FileTime filesHorizon, FileTime foldersHorizon, long entries, long files, long bytes) {
    }

    /** A tree taken for a run ({@code seal} present), or why none was ({@code whyNot}: null when none was kept). */
    record Claim(Optional<Seal> seal, String whyNot) {
        static Claim none() {
            return new Claim(Optional.empty(), null);
        }

        static Claim refused(String why) {
            return new Claim(Optional.empty(), why);
        }
    }

    /** Makes the folder; without a seal key (one that cannot be read or made) no tree is kept, and the archive serves. */
    void create() throws IOException {
        Files.createDirectories(root);
        try {
            key = SealKey.open(keyFile);
        } catch (IOException e) {
            keyProblem = describe(e);
        }
    }

    /** The seal of the tree kept for {@code blob}, if one is. */
    Optional<Seal> seal(String blob) {
        try {
            return Optional.of(readSeal(blob, root.resolve(blob).resolve(SEAL)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Why a tree cannot be moved between the cache and {@code directory}, if it cannot: they are on different
     * filesystems (a rename cannot cross them).
     */
    Optional<String> fileSystemProblem(Path directory) {
        try {
            Object cache = Files.getAttribute(root, "unix:dev");
            Object work = Files.getAttribute(directory, "unix:dev", LinkOption.NOFOLLOW_LINKS);
            if (cache.equals(work)) {
                return Optional.empty();
            }
        } catch (IOException | UnsupportedOperationException e) {
            // asked of a filesystem without device numbers: say it as for another filesystem
        }
        return Optional.of(acrossFileSystems(directory));
    }

    private String acrossFileSystems(Path directory) {
        return "the working directory (" + directory.getParent() + ") is on another filesystem than the cache ("
                + root.getParent() + "), and a folder cannot be moved across: set work.dir in settings.properties to a folder"
                + " on the cache's filesystem for hits that move the files instead of writing them";
    }

    /**
     * Takes the tree kept for {@code blob} into the empty {@code directory} when it proves to be the entry's; one that
     * does not is removed, and the claim says why.
     */
    Claim claim(String blob, Path directory) throws IOException {
        Path kept = root.resolve(blob);
        if (!Files.isDirectory(kept, LinkOption.NOFOLLOW_LINKS)) {
            return Claim.none();
        }
        Path claimed = root.resolve(PidPrefix.name("claim-" + UUID.randomUUID()));
        try {
            Files.move(kept, claimed, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            return Claim.none(); // another run took it a moment ago
        }
        Seal seal;
        try {
            seal = readSeal(blob, claimed.resolve(SEAL));
        } catch (IOException | RuntimeException e) {
            WorkFiles.deleteTree(claimed);
            return Claim.refused("the kept tree's seal is unreadable (" + describe(e) + "), so the tree was removed");
        }
        Optional<String> wrong = mismatch(claimed.resolve(TREE), seal);
        if (wrong.isPresent()) {
            WorkFiles.deleteTree(claimed);
            return Claim.refused("the kept tree was not as kept (" + wrong.get() + "), so it was removed");
        }
        try {
            Files.move(claimed.resolve(TREE), directory, StandardCopyOption.ATOMIC_MOVE); // replaces the empty folder
        } catch (AtomicMoveNotSupportedException e) {
            try {
                Files.move(claimed, kept, StandardCopyOption.ATOMIC_MOVE); // back, for runs that can use it
            } catch (IOException taken) {
                WorkFiles.deleteTree(claimed); // another run kept a tree meanwhile
            }
            return Claim.refused(acrossFileSystems(directory));
        }
        deleteQuietly(claimed); // its seal: the tree is the run's now
        return new Claim(Optional.of(seal), null);
    }

    /**
     * What is wrong with a tree against its seal, if anything: one walk of its metadata. A file changed, added or
     * renamed since the horizons has a later change time, or gives its folder one; one removed changes the counts.
     */
    private static Optional<String> mismatch(Path tree, Seal seal) throws IOException {
        if (!Files.isDirectory(tree, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of("it has no tree");
        }
        TreeCensus census = TreeCensus.of(tree);
        if (census.newestFileChange().compareTo(seal.filesHorizon()) > 0) {
            return Optional.of("a file changed after it was kept, at " + census.newestFileChange().toInstant());
        }
        if (census.newestFolderChange().compareTo(seal.foldersHorizon()) > 0) {
            return Optional.of("a folder's content changed after it was kept, at " + census.newestFolderChange().toInstant());
        }
        if (census.entries() != seal.entries() || census.files() != seal.files() || census.bytes() != seal.bytes()) {
            return Optional.of("it holds " + Figures.count(census.files()) + " files (" + Figures.bytes(census.bytes()) + "), not the "
                    + Figures.count(seal.files()) + " (" + Figures.bytes(seal.bytes()) + ") kept");
        }
        return Optional.empty();
    }

    /**
     * Keeps {@code directory}'s tree for {@code blob} after a run: the paths outside the selection ({@code rest}'s
     * strays) are removed, the tree is sealed and moved into place. Returns why it was not kept, if it was not: a file
     * of the tree changed after {@code filesHorizon}, another run kept its tree first, another filesystem.
     */
    Optional<String> keep(String blob, Path directory, String fingerprint, FileTime filesHorizon, TreeSelection.Rest rest,
                          long files, long bytes) throws IOException {
        if (rest.newestChange().compareTo(filesHorizon) > 0) {
            return Optional.of("a file of the tree changed during the run");
        }
        Optional<String> fileSystem = fileSystemProblem(directory);
        if (fileSystem.isPresent()) {
            return fileSystem;
        }
        if (key == null) {
            return Optional.of("the cache's seal key (" + keyFile + ") cannot be read or made: " + keyProblem);
        }
        for (Path stray : rest.strays()) {
            WorkFiles.deleteTree(stray);
        }
        Path staging = root.resolve(PidPrefix.name("keep-" + UUID.randomUUID()));
        Files.createDirectory(staging);
        try {
            Files.move(directory, staging.resolve(TREE), StandardCopyOption.ATOMIC_MOVE);
            Optional<String> user = writerStillThere(staging.resolve(TREE));
            if (user.isPresent()) {
                return user;
            }
            // after the tree's last change of ours (the rename changes its root's change time), before anybody else's
            Optional<FileTime> foldersHorizon = ChangeHorizon.mark(scratch);
            if (foldersHorizon.isEmpty()) {
                return Optional.of("the filesystem's clock keeps whole seconds, too coarse to prove a tree unchanged");
            }
            writeSeal(blob, staging.resolve(SEAL), new Seal(fingerprint, filesHorizon, foldersHorizon.get(), rest.entries(), files, bytes));
            Path kept = root.resolve(blob);
            if (Files.exists(kept, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of("another run kept its tree first");
            }
            Files.move(staging, kept, StandardCopyOption.ATOMIC_MOVE);
            return Optional.empty();
        } catch (AtomicMoveNotSupportedException e) {
            return Optional.of(acrossFileSystems(directory));
        } catch (IOException e) {
            if (Files.exists(root.resolve(blob), LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of("another run kept its tree first");
            }
            throw e;
        } finally {
            WorkFiles.deleteTree(staging); // gone once moved into place; otherwise what was left of the attempt
        }
    }

    /**
     * Why a tree must not be kept, if a process could still write into it: one whose current folder or root is in it, or
     * which holds one of its files open (the engine stops what the run's tasks left running before this; one that
     * escaped, or another program, is caught here). Looked at once the tree has moved, so nobody can enter it by its
     * old path after the look.
     */
    private static Optional<String> writerStillThere(Path tree) {
        List<FolderUsers.User> users = FolderUsers.of(tree);
        if (users.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(users.get(0).describe() + (users.size() > 1 ? " (and " + (users.size() - 1) + " more)" : "")
                + ", so it could write into the tree after it was kept");
    }

    /** Removes the tree kept for {@code blob}, if any (moved aside first, so that no run can take it half deleted). */
    void discard(String blob) throws IOException {
        Path kept = root.resolve(blob);
        Path doomed = root.resolve(PidPrefix.name("discard-" + UUID.randomUUID()));
        try {
            Files.move(kept, doomed, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            return;
        }
        WorkFiles.deleteTree(doomed);
    }

    /** Deletes trees whose entry is gone ({@code current} says which blobs are entries) and what dead processes left. */
    void removeLeftovers(Predicate<String> isBlob, Set<String> current) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(root)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                boolean stale = isBlob.test(name) ? !current.contains(name) : !PidPrefix.ownerAlive(name);
                if (stale) {
                    WorkFiles.deleteTree(child);
                }
            }
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            WorkFiles.deleteTree(path);
        } catch (IOException e) {
            // a folder named after this process: removed at a later start
        }
    }

    /** The seal in {@code file}, when it is one the cache wrote for {@code blob}: signed with its key. */
    private Seal readSeal(String blob, Path file) throws IOException {
        if (key == null) {
            throw new IOException("the cache's seal key (" + keyFile + ") cannot be read or made: " + keyProblem);
        }
        Properties p = new Properties();
        p.load(new java.io.StringReader(new String(RegularFiles.read(file, SEAL_LIMIT), StandardCharsets.UTF_8)));
        Seal seal = new Seal(required(p, "fingerprint"), time(required(p, "filesHorizon")), time(required(p, "foldersHorizon")),
                Long.parseLong(required(p, "entries")), Long.parseLong(required(p, "files")), Long.parseLong(required(p, "bytes")));
        if (!key.verifies(signed(blob, seal), p.getProperty("signature"))) {
            throw new IOException("its signature does not match: it was not written by the cache as it reads now");
        }
        return seal;
    }

    private void writeSeal(String blob, Path file, Seal seal) throws IOException {
        Properties p = new Properties();
        p.setProperty("fingerprint", seal.fingerprint());
        p.setProperty("filesHorizon", seal.filesHorizon().toInstant().toString());
        p.setProperty("foldersHorizon", seal.foldersHorizon().toInstant().toString());
        p.setProperty("entries", Long.toString(seal.entries()));
        p.setProperty("files", Long.toString(seal.files()));
        p.setProperty("bytes", Long.toString(seal.bytes()));
        p.setProperty("signature", key.sign(signed(blob, seal)));
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(out, "a kept cache tree: what proves it unchanged");
        }
    }

    /** What a seal's signature covers: every figure, as written, and the entry it is for (no seal moves to another). */
    private static String signed(String blob, Seal seal) {
        return String.join("\n", blob, seal.fingerprint(), seal.filesHorizon().toInstant().toString(),
                seal.foldersHorizon().toInstant().toString(), Long.toString(seal.entries()), Long.toString(seal.files()),
                Long.toString(seal.bytes()));
    }

    private static String required(Properties p, String key) throws IOException {
        String value = p.getProperty(key);
        if (value == null) {
            throw new IOException("it has no " + key);
        }
        return value;
    }

    private static FileTime time(String text) {
        return FileTime.from(Instant.parse(text));
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
