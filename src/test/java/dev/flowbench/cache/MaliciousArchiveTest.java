package dev.flowbench.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Archives crafted to escape the working directory are refused, and nothing lands outside it. */
class MaliciousArchiveTest {

    @TempDir
    Path work;

    private Path target;
    private Path outside;

    private Path archive(Consumer<TarArchiveOutputStream> entries) throws IOException {
        Path file = work.resolve("evil-" + System.nanoTime() + ".tar.zst");
        try (OutputStream out = Files.newOutputStream(file);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new ZstdOutputStream(out))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            entries.accept(tar);
            tar.finish();
        }
        return file;
    }

    private static void file(TarArchiveOutputStream tar, String name, String content) {
        try {
            byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry entry = new TarArchiveEntry(name, true);
            entry.setSize(bytes.length);
            tar.putArchiveEntry(entry);
            tar.write(bytes);
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void special(TarArchiveOutputStream tar, String name, byte type, String link) {
        try {
            TarArchiveEntry entry = new TarArchiveEntry(name, type, true);
            if (link != null) {
                entry.setLinkName(link);
            }
            tar.putArchiveEntry(entry);
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void assertRefused(Path archive, String why) throws IOException {
        target = Files.createDirectories(work.resolve("target-" + System.nanoTime()));
        outside = work.resolve("outside");
        Files.createDirectories(outside);
        assertThatThrownBy(() -> ArchiveReader.restore(archive, sha(archive), target))
                .isInstanceOf(UnsafeArchiveException.class).hasMessageContaining(why);
        try (var walk = Files.walk(outside)) {
            assertThat(walk.filter(p -> !p.equals(outside)).toList()).as("written outside").isEmpty();
        }
        assertThat(Files.exists(work.resolve("escaped.txt"))).isFalse();
    }

    @Test
    void dotDotNamesAreRefused() throws IOException {
        assertRefused(archive(tar -> file(tar, "../escaped.txt", "x")), "climbs out");
        assertRefused(archive(tar -> file(tar, "a/../../escaped.txt", "x")), "climbs out");
    }

    @Test
    void absoluteNamesAreRefused() throws IOException {
        assertRefused(archive(tar -> file(tar, work.resolve("escaped.txt").toString(), "x")), "absolute");
    }

    @Test
    void writingThroughASymlinkThatPointsOutsideIsRefused() throws IOException {
        Path outsideDir = Files.createDirectories(work.resolve("outside"));
        assertRefused(archive(tar -> {
            special(tar, "link", TarConstants.LF_SYMLINK, outsideDir.toString());
            file(tar, "link/planted.txt", "x");
        }), "through the symlink");
        assertRefused(archive(tar -> {
            special(tar, "link", TarConstants.LF_SYMLINK, outsideDir.resolve("planted.txt").toString());
            file(tar, "link", "overwrite through the link");
        }), "replace the symlink");
    }

    @Test
    void hardLinksDevicesAndPipesAreRefused() throws IOException {
        assertRefused(archive(tar -> special(tar, "hard", TarConstants.LF_LINK, "/etc/passwd")), "hard link");
        assertRefused(archive(tar -> special(tar, "dev", TarConstants.LF_CHR, null)), "device");
        assertRefused(archive(tar -> special(tar, "pipe", TarConstants.LF_FIFO, null)), "named pipe");
    }

    @Test
    void aSymlinkPointingOutsideIsKeptAsALinkButNeverFollowed() throws Exception {
        Path restoredInto = Files.createDirectories(work.resolve("ok"));
        Path archive = archive(tar -> {
            special(tar, "venv/bin/python", TarConstants.LF_SYMLINK, "/usr/bin/python3");
            file(tar, "venv/bin/activate", "# ok");
        });
        ArchiveReader.restore(archive, sha(archive), restoredInto);
        assertThat(Files.readSymbolicLink(restoredInto.resolve("venv/bin/python"))).isEqualTo(Path.of("/usr/bin/python3"));
        assertThat(restoredInto.resolve("venv/bin/activate")).hasContent("# ok");
    }

    @Test
    void aDigestMismatchIsCorruption() throws Exception {
        Path archive = archive(tar -> file(tar, "a.txt", "content"));
        assertThatThrownBy(() -> ArchiveReader.restore(archive, "0".repeat(64), Files.createDirectories(work.resolve("t"))))
                .isInstanceOf(CorruptArchiveException.class);
    }

    private static String sha(Path file) throws IOException {
        return Manifest.sha256Of(file);
    }
}
