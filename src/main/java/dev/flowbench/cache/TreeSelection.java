package dev.flowbench.cache;

import dev.flowbench.flow.GlobPatterns;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the cache patterns select in a working directory: regular files, symlinks (never followed) and
 * folders (so that empty ones come back), in walk order (a folder before what it holds). Sockets, pipes
 * and devices are left out. Also says which patterns matched nothing, and what else the walk saw (see {@link Rest}).
 */
record TreeSelection(List<SelectedPath> paths, List<String> unmatchedPatterns, Rest rest) {

    /**
     * What a walk saw besides the selection, for keeping the tree (see {@link KeptTrees}): the paths outside it that
     * hold nothing selected ({@code strays}, to remove first), how many entries stay once they are gone (the selection
     * and the folders that lead to it), the newest change time among the selected files and links, and among the
     * folders that stay.
     */
    record Rest(List<Path> strays, long entries, FileTime newestChange, FileTime newestFolderChange) {
    }

    static TreeSelection of(Path root, List<String> patterns) throws IOException {
        List<SelectedPath> selected = new ArrayList<>();
        Walk walk = new Walk(root, patterns, selected::add);
        walk.run();
        return new TreeSelection(selected, walk.unmatchedPatterns(), walk.rest());
    }

    /**
     * Walks {@code root} (without following links), one {@code lstat} per path, and hands every selected path to
     * {@code sink}, folders before what they hold.
     */
    static final class Walk {
        private final Path root;
        private final Consumer<SelectedPath> sink;
        private final Map<String, PathMatcher> matchers = new LinkedHashMap<>();
        private final Map<String, Boolean> used = new LinkedHashMap<>();
        private final List<Path> strays = new ArrayList<>();
        private long entries;
        private FileTime newestChange = FileTime.fromMillis(0);
        private FileTime newestFolderChange = FileTime.fromMillis(0);

        Walk(Path root, List<String> patterns, Consumer<SelectedPath> sink) {
            this.root = root;
            this.sink = sink;
            for (String pattern : patterns) {
                used.put(pattern, false);
                if (GlobPatterns.problemWith(pattern).isEmpty()) {
                    matchers.put(pattern, FileSystems.getDefault().getPathMatcher("glob:" + pattern.replace('\\', '/')));
                }
            }
        }

        void run() throws IOException {
            folder(root);
        }

        List<String> unmatchedPatterns() {
            return used.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList();
        }

        Rest rest() {
            return new Rest(List.copyOf(strays), entries, newestChange, newestFolderChange);
        }

        /** Walks a folder's content; whether it holds anything selected. */
        private boolean folder(Path dir) throws IOException {
            boolean holdsSelected = false;
            try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
                for (Path child : children) {
                    StatAttributes attributes = StatAttributes.of(child);
                    boolean selected = (attributes.isDirectory() || attributes.isRegularFile() || attributes.isSymbolicLink())
                            && consider(child, attributes);
                    boolean kept = selected;
                    if (attributes.isDirectory()) {
                        int straysBefore = strays.size();
                        boolean inside = folder(child);
                        if (!selected && !inside) {
                            strays.subList(straysBefore, strays.size()).clear(); // the folder goes, and all it holds
                        }
                        kept = selected || inside;
                        if (kept && attributes.changeTime().compareTo(newestFolderChange) > 0) {
                            newestFolderChange = attributes.changeTime();
                        }
                    } else if (selected && attributes.changeTime().compareTo(newestChange) > 0) {
                        newestChange = attributes.changeTime();
                    }
                    if (kept) {
                        entries++;
                        holdsSelected = true;
                    } else {
                        strays.add(child);
                    }
                }
            }
            return holdsSelected;
        }

        private boolean consider(Path path, StatAttributes attributes) {
            Path relative = root.relativize(path);
            boolean matched = false;
            for (Map.Entry<String, PathMatcher> matcher : matchers.entrySet()) {
                if (matcher.getValue().matches(relative)) {
                    used.put(matcher.getKey(), true);
                    matched = true;
                }
            }
            if (matched) {
                sink.accept(new SelectedPath(relative, path, attributes));
            }
            return matched;
        }
    }

    long fileCount() {
        return paths.stream().filter(p -> !p.isDirectory()).count();
    }

    long totalBytes() {
        return paths.stream().filter(p -> p.attributes().isRegularFile()).mapToLong(p -> p.attributes().size()).sum();
    }
}
