package dev.flowbench.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.UUID;

/**
 * Writing a file into a working directory that its tasks (or a restored cache) may have filled with symbolic
 * links: the write never lands outside the directory. A folder on the way that is a link leading out is
 * refused, naming it and its target; a file that is such a link is replaced by the file, its target untouched.
 * Links that stay inside the directory are followed as usual.
 */
public final class ConfinedFiles {

    /** Where the file was written, and what was done about a link in its way (or null). */
    public record Written(Path path, String note) {
    }

    private ConfinedFiles() {
    }

    /** Writes {@code content} (UTF-8) to {@code name}, relative to {@code dir}; parent folders are created. */
    public static Written write(Path dir, String name, String content) throws IOException {
        Path root = dir.toRealPath();
        Path relative = root.relativize(WorkFiles.inside(root, name));
        Path folder = root;
        for (int i = 0; i < relative.getNameCount() - 1; i++) {
            folder = enter(root, folder, relative.getName(i), name);
        }
        Path file = folder.resolve(relative.getFileName());
        String note = null;
        if (Files.isSymbolicLink(file)) {
            Optional<Path> target = realTarget(file);
            if (target.isPresent() && target.get().startsWith(root) && Files.isRegularFile(target.get())) {
                file = target.get();
            } else {
                note = "'" + name + "' was a symbolic link to " + Files.readSymbolicLink(file)
                        + (target.isPresent() ? ", outside the working directory" : ", which does not exist")
                        + "; it was replaced by the file instead of being written through";
            }
        }
        replace(file, content);
        return new Written(file, note);
    }

    /** The folder {@code child} of {@code folder}, created if missing; refused when it leads outside {@code root}. */
    private static Path enter(Path root, Path folder, Path child, String name) throws IOException {
        Path next = folder.resolve(child);
        if (Files.isSymbolicLink(next)) {
            Optional<Path> target = realTarget(next);
            if (target.isEmpty() || !target.get().startsWith(root) || !Files.isDirectory(target.get())) {
                throw new IOException("cannot write '" + name + "': '" + root.relativize(next) + "' is a symbolic link to "
                        + Files.readSymbolicLink(next) + (target.isEmpty() ? ", which does not exist" : ", outside the working directory")
                        + "; Flowbench never writes through a link that leads out of it");
            }
            return target.get();
        }
        if (Files.exists(next, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isDirectory(next, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("cannot write '" + name + "': '" + root.relativize(next) + "' is a file, not a folder");
            }
            return next;
        }
        try {
            Files.createDirectory(next);
        } catch (FileAlreadyExistsException e) {
            return enter(root, folder, child, name); // made by someone else meanwhile: look at what it is
        }
        return next;
    }

    /** Writes a new file beside {@code file} and renames it over: a link put there meanwhile is replaced, not followed. */
    private static void replace(Path file, String content) throws IOException {
        Path fresh = file.resolveSibling(".flowbench-" + UUID.randomUUID() + ".tmp");
        try (OutputStream out = Files.newOutputStream(fresh, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        try {
            Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(fresh);
            throw Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)
                    ? new IOException("cannot write '" + file.getFileName() + "': a folder of that name is in the way", e) : e;
        }
    }

    private static Optional<Path> realTarget(Path link) {
        try {
            return Optional.of(link.toRealPath());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
