package dev.flowbench.cache;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Streams a selection into a tar (PAX) archive compressed with zstd, never holding more than a buffer in
 * memory. Symlinks stay symlinks, permission bits and modification times (to the second) are kept, folders
 * are entries of their own. The file is synced to disk before {@link #write} returns.
 */
final class ArchiveWriter {

    static final int LEVEL = 3;
    private static final int BUFFER = 256 * 1024;
    private static final int TYPE_FILE = 0100000;
    private static final int TYPE_DIRECTORY = 040000;
    private static final int TYPE_SYMLINK = 0120000;

    private ArchiveWriter() {
    }

    static ArchiveStats write(Iterable<SelectedPath> selection, Path target) throws IOException {
        MessageDigest digest = Manifest.sha256();
        Manifest manifest = new Manifest();
        long entries = 0;
        long files = 0;
        long bytes = 0;
        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             BackgroundSync sync = new BackgroundSync(channel)) {
            CountingOutputStream counted = new CountingOutputStream(Channels.newOutputStream(channel), sync);
            ZstdOutputStream zstd = new ZstdOutputStream(new BufferedOutputStream(new DigestOutputStream(counted, digest), BUFFER));
            zstd.setLevel(LEVEL);
            zstd.setWorkers(Math.max(1, Runtime.getRuntime().availableProcessors()));
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(zstd, BUFFER)) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                tar.setAddPaxHeadersForNonAsciiNames(true);
                byte[] buffer = new byte[BUFFER];
                for (SelectedPath path : selection) {
                    bytes += append(tar, path, buffer, manifest);
                    entries++;
                    if (!path.isDirectory()) {
                        files++;
                    }
                }
                tar.finish();
            }
            sync.finish(); // fdatasync: the content and its size reach the disk before the rename
            return new ArchiveStats(entries, files, bytes, counted.count, HexFormat.of().formatHex(digest.digest()),
                    manifest.fingerprint());
        }
    }

    private static long append(TarArchiveOutputStream tar, SelectedPath path, byte[] buffer, Manifest manifest) throws IOException {
        PosixFileAttributes attributes = path.attributes();
        int permissions = mode(attributes);
        TarArchiveEntry entry;
        if (attributes.isDirectory()) {
            entry = new TarArchiveEntry(path.name() + "/", TarConstants.LF_DIR);
            entry.setMode(TYPE_DIRECTORY | permissions);
            manifest.directory(path.name(), permissions);
        } else if (attributes.isSymbolicLink()) {
            entry = new TarArchiveEntry(path.name(), TarConstants.LF_SYMLINK);
            entry.setLinkName(Files.readSymbolicLink(path.absolute()).toString());
            entry.setMode(TYPE_SYMLINK | 0777);
            manifest.symlink(path.name(), entry.getLinkName());
        } else {
            entry = new TarArchiveEntry(path.name(), TarConstants.LF_NORMAL);
            entry.setMode(TYPE_FILE | permissions);
            entry.setSize(attributes.size());
            manifest.file(path.name(), permissions, attributes.size(), attributes.lastModifiedTime().toMillis());
        }
        // whole seconds, as tar keeps them: sub-second times would cost a PAX header per entry (a third
        // slower to restore), and the unchanged-tree check needs only that the restored times read back equal
        entry.setLastModifiedTime(FileTime.from(attributes.lastModifiedTime().to(TimeUnit.SECONDS), TimeUnit.SECONDS));
        tar.putArchiveEntry(entry);
        long written = 0;
        if (attributes.isRegularFile()) {
            try (InputStream in = Files.newInputStream(path.absolute())) {
                long left = attributes.size();
                int read;
                while (left > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, left))) != -1) {
                    tar.write(buffer, 0, read);
                    left -= read;
                    written += read;
                }
                if (left > 0) {
                    throw new IOException(path.name() + " shrank while it was being cached");
                }
            }
        }
        tar.closeArchiveEntry();
        return written;
    }

    static int mode(PosixFileAttributes attributes) {
        int mode = 0;
        for (PosixFilePermission permission : attributes.permissions()) {
            mode |= 1 << (8 - permission.ordinal());
        }
        return mode;
    }

    private static final class CountingOutputStream extends java.io.FilterOutputStream {
        private final BackgroundSync sync;
        long count;

        CountingOutputStream(OutputStream out, BackgroundSync sync) {
            super(out);
            this.sync = sync;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
            sync.written(count);
        }

        /** Leaves the file open: it is synced to disk before it is closed. */
        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

    /**
     * Syncs the archive to disk while it is still being written, every {@link #EVERY} bytes on a thread of its
     * own, so that the final sync before the rename has little left to wait for.
     */
    private static final class BackgroundSync implements AutoCloseable {
        private static final long EVERY = 16L * 1024 * 1024;

        private final FileChannel channel;
        private final java.util.concurrent.ExecutorService thread = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "flowbench-cache-sync");
            t.setDaemon(true);
            return t;
        });
        private java.util.concurrent.Future<?> pending;
        private long syncedUpTo;

        BackgroundSync(FileChannel channel) {
            this.channel = channel;
        }

        void written(long total) {
            if (total - syncedUpTo >= EVERY && (pending == null || pending.isDone())) {
                syncedUpTo = total;
                pending = thread.submit(() -> {
                    channel.force(false);
                    return null;
                });
            }
        }

        void finish() throws IOException {
            awaitPending();
            channel.force(false);
        }

        private void awaitPending() throws IOException {
            if (pending == null) {
                return;
            }
            try {
                pending.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while syncing the archive", e);
            }
        }

        @Override
        public void close() {
            thread.shutdownNow();
        }
    }
}
