package dev.flowbench.cache;

import dev.flowbench.engine.RegularFiles;
import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Restores an archive into a directory, streaming, and verifies its SHA-256 as it goes. Never writes
 * outside the directory: names that are absolute or climb out with "..", paths that go through a symlink
 * the archive made, hard links, devices and pipes are refused. A refused or corrupt archive throws; the
 * caller then removes what was restored.
 */
final class ArchiveReader {

    private static final int BUFFER = 256 * 1024;

    /** What a restore brought back, and the fingerprint of it (see {@link Manifest}). */
    record Restored(long files, long bytes, String manifest) {
    }

    private ArchiveReader() {
    }

    static Restored restore(Path archive, String expectedSha256, Path directory) throws IOException {
        Path root = directory.toAbsolutePath().normalize();
        MessageDigest digest = Manifest.sha256();
        Manifest manifest = new Manifest();
        Set<Path> symlinks = new HashSet<>();
        Set<Path> directories = new HashSet<>();
        directories.add(root);
        Deque<TarArchiveEntry> directoryTimes = new ArrayDeque<>();
        long files = 0;
        long bytes = 0;
        byte[] buffer = new byte[BUFFER];
        try (FileWriters writers = new FileWriters();
             InputStream raw = RegularFiles.open(archive);
             DigestInputStream digested = new DigestInputStream(new BufferedInputStream(raw, BUFFER), digest);
             TarArchiveInputStream tar = new TarArchiveInputStream(new ZstdInputStream(digested), BUFFER)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path target = target(root, entry, symlinks);
                String name = stripSlash(entry.getName());
                ensureParent(root, target.getParent(), directories, symlinks);
                if (entry.isDirectory()) {
                    makeDirectory(target, directories);
                    directoryTimes.push(entry);
                    manifest.directory(name, entry.getMode());
                } else if (entry.isSymbolicLink()) {
                    Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                    symlinks.add(target);
                    setTime(target, entry.getLastModifiedTime(), LinkOption.NOFOLLOW_LINKS);
                    manifest.symlink(name, entry.getLinkName());
                    files++;
                } else if (isRegularFile(entry)) {
                    writers.write(tar, target, entry, buffer);
                    manifest.file(name, entry.getMode(), entry.getSize(), entry.getLastModifiedTime().toMillis());
                    bytes += entry.getSize();
                    files++;
                } else {
                    throw new UnsafeArchiveException("entry '" + entry.getName() + "' is a " + kind(entry)
                            + ", which a cache never holds");
                }
            }
            drain(digested, buffer);
            writers.finish();
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(expectedSha256)) {
            throw new CorruptArchiveException("its SHA-256 is " + actual.substring(0, 12) + "..., not the "
                    + expectedSha256.substring(0, Math.min(12, expectedSha256.length())) + "... recorded when it was saved");
        }
        while (!directoryTimes.isEmpty()) { // deepest first: setting a folder's time after its content is written
            TarArchiveEntry dir = directoryTimes.pop();
            Path target = root.resolve(dir.getName()).normalize();
            Files.setPosixFilePermissions(target, permissions(dir.getMode()));
            setTime(target, dir.getLastModifiedTime());
        }
        return new Restored(files, bytes, manifest.fingerprint());
    }

    /**
     * Creating files is mostly kernel time; small files are handed to a few threads so that several are
     * created at once, while the archive is read and checked in order on the caller's thread. Memory stays
     * bounded: at most {@link #IN_FLIGHT_BYTES} of file content waits to be written; larger files are
     * streamed by the caller.
     */
    private static final class FileWriters implements AutoCloseable {
        private static final int THREADS = 4;
        private static final int SMALL_FILE = 1024 * 1024;
        private static final int IN_FLIGHT_BYTES = 64 * 1024 * 1024;

        private final ExecutorService pool = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "flowbench-cache-restore");
            thread.setDaemon(true);
            return thread;
        });
        private final Semaphore budget = new Semaphore(IN_FLIGHT_BYTES);
        private final AtomicReference<IOException> failure = new AtomicReference<>();

        void write(InputStream tar, Path target, TarArchiveEntry entry, byte[] buffer) throws IOException {
            rethrow();
            long size = entry.getSize();
            if (size > SMALL_FILE) {
                writeFile(tar, target, buffer);
                finishFile(target, entry);
                return;
            }
            byte[] content = tar.readNBytes((int) size);
            if (content.length != size) {
                throw new IOException("entry '" + entry.getName() + "' is truncated");
            }
            int permits = Math.max(1, content.length);
            budget.acquireUninterruptibly(permits);
            pool.execute(() -> {
                try {
                    try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                        out.write(content);
                    }
                    finishFile(target, entry);
                } catch (IOException e) {
                    failure.compareAndSet(null, e);
                } finally {
                    budget.release(permits);
                }
            });
        }

        /** Waits for every file to be written; rethrows the first failure. */
        void finish() throws IOException {
            pool.shutdown();
            awaitQuietly();
            rethrow();
        }

        private void rethrow() throws IOException {
            IOException e = failure.get();
            if (e != null) {
                throw e;
            }
        }

        /** Never leaves a writer running behind the caller (who may then empty the directory). */
        @Override
        public void close() {
            pool.shutdown();
            awaitQuietly();
        }

        private void awaitQuietly() {
            try {
                pool.awaitTermination(1, TimeUnit.HOURS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void finishFile(Path target, TarArchiveEntry entry) throws IOException {
        Files.setPosixFilePermissions(target, permissions(entry.getMode()));
        setTime(target, entry.getLastModifiedTime());
    }

    static List<CachedFile> list(Path archive) throws IOException {
        List<CachedFile> entries = new ArrayList<>();
        try (InputStream raw = RegularFiles.open(archive);
             TarArchiveInputStream tar = new TarArchiveInputStream(new ZstdInputStream(new BufferedInputStream(raw, BUFFER)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String type = entry.isDirectory() ? "directory" : entry.isSymbolicLink() ? "symlink" : isRegularFile(entry) ? "file" : kind(entry);
                entries.add(new CachedFile(stripSlash(entry.getName()), type, entry.getSize(), entry.getMode() & 07777,
                        entry.getLastModifiedTime(), entry.isSymbolicLink() ? entry.getLinkName() : null));
            }
        }
        return entries;
    }

    private static Path target(Path root, TarArchiveEntry entry, Set<Path> symlinks) throws UnsafeArchiveException {
        String name = stripSlash(entry.getName());
        if (name.isEmpty() || name.startsWith("/") || name.contains("\0") || name.matches("^[A-Za-z]:.*")) {
            throw new UnsafeArchiveException("entry '" + name + "' has an absolute or empty name");
        }
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                throw new UnsafeArchiveException("entry '" + name + "' climbs out of the directory with '..'");
            }
        }
        Path target = root.resolve(name).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            throw new UnsafeArchiveException("entry '" + name + "' points outside the directory");
        }
        for (Path ancestor = target.getParent(); ancestor != null && !ancestor.equals(root); ancestor = ancestor.getParent()) {
            if (symlinks.contains(ancestor)) {
                throw new UnsafeArchiveException("entry '" + name + "' would be written through the symlink '"
                        + root.relativize(ancestor) + "'");
            }
        }
        if (symlinks.contains(target)) {
            throw new UnsafeArchiveException("entry '" + name + "' would replace the symlink of the same name");
        }
        return target;
    }

    private static void ensureParent(Path root, Path parent, Set<Path> directories, Set<Path> symlinks) throws IOException {
        if (directories.contains(parent)) {
            return;
        }
        if (Files.isSymbolicLink(parent)) {
            throw new UnsafeArchiveException("'" + root.relativize(parent) + "' is a symlink; nothing is written through it");
        }
        Files.createDirectories(parent);
        for (Path p = parent; p != null && p.startsWith(root) && directories.add(p); p = p.getParent()) {
            if (symlinks.contains(p)) {
                throw new UnsafeArchiveException("'" + root.relativize(p) + "' is a symlink; nothing is written through it");
            }
        }
    }

    private static void makeDirectory(Path target, Set<Path> directories) throws IOException {
        if (Files.isSymbolicLink(target)) {
            throw new UnsafeArchiveException("'" + target.getFileName() + "' is a symlink, not a folder");
        }
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectory(target);
        }
        directories.add(target);
    }

    private static long writeFile(InputStream tar, Path target, byte[] buffer) throws IOException {
        long written = 0;
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            int read;
            while ((read = tar.read(buffer)) != -1) {
                out.write(buffer, 0, read);
                written += read;
            }
        }
        return written;
    }

    private static void drain(InputStream in, byte[] buffer) throws IOException {
        while (in.read(buffer) != -1) {
            // the digest covers the whole file, trailing padding included
        }
    }

    private static void setTime(Path target, FileTime time, LinkOption... options) {
        try {
            Files.getFileAttributeView(target, BasicFileAttributeView.class, options).setTimes(time, null, null);
        } catch (IOException | UnsupportedOperationException e) {
            // a time that cannot be set (some file systems refuse it on symlinks) is not worth a miss
        }
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission permission : PosixFilePermission.values()) {
            if ((mode & (1 << (8 - permission.ordinal()))) != 0) {
                permissions.add(permission);
            }
        }
        return permissions;
    }

    /** commons-compress counts every non-folder as a "file"; a cache's regular files are exactly these. */
    private static boolean isRegularFile(TarArchiveEntry entry) {
        return entry.isFile() && !entry.isSymbolicLink() && !entry.isLink() && !entry.isCharacterDevice()
                && !entry.isBlockDevice() && !entry.isFIFO();
    }

    private static String kind(TarArchiveEntry entry) {
        if (entry.isLink()) {
            return "hard link";
        }
        if (entry.isCharacterDevice() || entry.isBlockDevice()) {
            return "device";
        }
        if (entry.isFIFO()) {
            return "named pipe";
        }
        return "special entry";
    }

    private static String stripSlash(String name) {
        String stripped = name;
        while (stripped.endsWith("/")) {
            stripped = stripped.substring(0, stripped.length() - 1);
        }
        while (stripped.startsWith("./")) {
            stripped = stripped.substring(2);
        }
        return stripped;
    }
}
