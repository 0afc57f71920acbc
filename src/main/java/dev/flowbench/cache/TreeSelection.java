package dev.flowbench.cache;

import dev.flowbench.flow.GlobPatterns;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the cache patterns select in a working directory: regular files, symlinks (never followed) and
 * folders (so that empty ones come back), in walk order (a folder before what it holds). Sockets, pipes
 * and devices are left out. Also says which patterns matched nothing.
 */
record TreeSelection(List<SelectedPath> paths, List<String> unmatchedPatterns) {

    static TreeSelection of(Path root, List<String> patterns) throws IOException {
        List<SelectedPath> selected = new ArrayList<>();
        List<String> unmatched = walk(root, patterns, selected::add);
        return new TreeSelection(selected, unmatched);
    }

    /**
     * Walks {@code root} (without following links) and hands every selected path to {@code sink}, folders
     * before what they hold; returns the patterns that matched nothing.
     */
    static List<String> walk(Path root, List<String> patterns, Consumer<SelectedPath> sink) throws IOException {
        Map<String, PathMatcher> matchers = new LinkedHashMap<>();
        for (String pattern : patterns) {
            if (GlobPatterns.problemWith(pattern).isEmpty()) {
                matchers.put(pattern, FileSystems.getDefault().getPathMatcher("glob:" + pattern.replace('\\', '/')));
            }
        }
        Map<String, Boolean> used = new LinkedHashMap<>();
        patterns.forEach(p -> used.put(p, false));
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(root)) {
                    consider(dir, attrs);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile() || attrs.isSymbolicLink()) {
                    consider(file, attrs);
                }
                return FileVisitResult.CONTINUE;
            }

            private void consider(Path path, BasicFileAttributes walked) throws IOException {
                Path relative = root.relativize(path);
                boolean matched = false;
                for (Map.Entry<String, PathMatcher> matcher : matchers.entrySet()) {
                    if (matcher.getValue().matches(relative)) {
                        used.put(matcher.getKey(), true);
                        matched = true;
                    }
                }
                if (matched) {
                    // on Linux the walk's attributes already are POSIX ones: no second stat per file
                    PosixFileAttributes attributes = walked instanceof PosixFileAttributes posix ? posix
                            : Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    sink.accept(new SelectedPath(relative, path, attributes));
                }
            }
        });
        return used.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList();
    }

    long fileCount() {
        return paths.stream().filter(p -> !p.isDirectory()).count();
    }

    long totalBytes() {
        return paths.stream().filter(p -> p.attributes().isRegularFile()).mapToLong(p -> p.attributes().size()).sum();
    }
}
