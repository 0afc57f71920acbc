package dev.flowbench.engine;

import dev.flowbench.flow.GlobPatterns;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** The files of working directories: writing inputs safely, collecting outputs, removing what was made. */
public final class WorkFiles {

    private WorkFiles() {
    }

    /**
     * Writes {@code name -> content} files under {@code dir}, never outside it (see {@link ConfinedFiles}); returns
     * what was done about symbolic links in the way, for the task's log.
     */
    public static List<String> writeInputs(Path dir, Map<String, String> files) throws IOException {
        List<String> notes = new ArrayList<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            String note = ConfinedFiles.write(dir, file.getKey(), file.getValue()).note();
            if (note != null) {
                notes.add(note);
            }
        }
        return notes;
    }

    /** {@code dir.resolve(name)}, refusing names that are absolute or climb out with "..". */
    public static Path inside(Path dir, String name) throws IOException {
        Path target = dir.resolve(name).normalize();
        if (Path.of(name).isAbsolute() || !target.startsWith(dir.normalize()) || target.equals(dir.normalize())) {
            throw new IOException("file name '" + name + "' points outside the working directory");
        }
        return target;
    }

    /**
     * Copies the regular files of {@code dir} matching {@code globs} to {@code storage}, keeping their relative paths;
     * returns relative path -> stored absolute path. What else matches (a symbolic link, a pipe, a device) is not
     * kept, and {@code notKept} is told which and what it is.
     */
    public static Map<String, String> collectOutputs(Path dir, List<String> globs, Path storage, Consumer<String> notKept)
            throws IOException {
        Map<String, String> collected = new LinkedHashMap<>();
        if (globs.isEmpty()) {
            return collected;
        }
        Predicate<Path> matches = GlobPatterns.matcher(globs);
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.filter(p -> !p.equals(dir) && matches.test(dir.relativize(p))).sorted().toList()) {
                BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (attributes.isRegularFile()) {
                    files.add(path);
                } else if (!attributes.isDirectory()) {
                    notKept.accept("output file '" + dir.relativize(path) + "' was not kept: " + notARegularFile(path, attributes));
                }
            }
        }
        for (Path file : files) {
            String relative = dir.relativize(file).toString();
            Path target = storage.resolve(relative);
            Files.createDirectories(target.getParent());
            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
            collected.put(relative, target.toString());
        }
        return collected;
    }

    private static String notARegularFile(Path path, BasicFileAttributes attributes) {
        if (attributes.isSymbolicLink()) {
            String target;
            try {
                target = Files.readSymbolicLink(path).toString();
            } catch (IOException e) {
                target = "somewhere it cannot tell";
            }
            return "it is a symbolic link (to " + target + "), and only regular files are output files";
        }
        return "it is a pipe, a device or a socket, not a regular file";
    }

    /** Removes a tree without following links; read-only folders (a Go module cache) are made writable first. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                dir.toFile().setWritable(true, true);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
