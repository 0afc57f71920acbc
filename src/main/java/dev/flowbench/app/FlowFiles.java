package dev.flowbench.app;

import dev.flowbench.flow.FlowSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Flow files as the app reads and writes them: read bounded ({@link FlowSource}), written atomically. */
public final class FlowFiles {

    /** The flows bundled with Flowbench, copied to a folder of their own on a first start. */
    public static final List<String> SAMPLES = List.of("branches.yml", "caching_files.yml", "errors_and_finally.yml",
            "inputs_and_outputs.yml", "node_cached_dependencies.yml", "python_cached_dependencies.yml", "shell_cached_tree.yml");

    private FlowFiles() {
    }

    public static String read(Path file) throws FlowSource.Unreadable {
        return FlowSource.read(file);
    }

    /**
     * Writes {@code text} (UTF-8) to {@code file} so that it is either the old or the new text, never a truncated one:
     * a new file beside it, synced, then renamed over it. A file that exists keeps its permissions; a symbolic link
     * is written through (its target replaced), as an editor saving through a link does.
     */
    public static void writeAtomically(Path file, String text) throws IOException {
        Path target = Files.isSymbolicLink(file) ? file.toRealPath() : file.toAbsolutePath();
        Path folder = target.getParent();
        Files.createDirectories(folder);
        Path fresh = folder.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(fresh, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                channel.write(StandardCharsets.UTF_8.encode(text));
                channel.force(true);
            }
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(target);
                Files.setPosixFilePermissions(fresh, permissions);
            }
            try {
                Files.move(fresh, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(fresh, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(fresh);
        }
    }

    /** Copies the bundled sample flows into {@code folder} (made if missing; existing files are kept). */
    public static Path copySamples(Path folder) throws IOException {
        Files.createDirectories(folder);
        for (String name : SAMPLES) {
            Path target = folder.resolve(name);
            if (Files.exists(target)) {
                continue;
            }
            try (InputStream in = FlowFiles.class.getResourceAsStream("/dev/flowbench/samples/" + name)) {
                if (in != null) {
                    writeAtomically(target, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return folder;
    }
}
