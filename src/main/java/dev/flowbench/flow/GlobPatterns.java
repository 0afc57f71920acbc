package dev.flowbench.flow;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.PatternSyntaxException;

/** Checks of the globs a WorkingDirectory's cache and outputFiles match against its directory. */
public final class GlobPatterns {

    private GlobPatterns() {
    }

    /** Why {@code pattern} cannot be a cache pattern, or empty when it can. */
    public static Optional<String> problemWith(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            return Optional.of("an empty pattern matches nothing");
        }
        String normalized = pattern.replace('\\', '/');
        if (normalized.startsWith("/") || normalized.startsWith("~") || normalized.matches("^[A-Za-z]:/.*")) {
            return Optional.of("pattern '" + pattern + "' is absolute; patterns are relative to the working directory");
        }
        for (String segment : normalized.split("/")) {
            if (segment.equals("..")) {
                return Optional.of("pattern '" + pattern + "' climbs out of the working directory with '..'");
            }
        }
        try {
            FileSystems.getDefault().getPathMatcher("glob:" + normalized);
        } catch (PatternSyntaxException e) {
            return Optional.of("pattern '" + pattern + "' is not a valid glob: " + e.getDescription()
                    + " at character " + (e.getIndex() + 1));
        }
        return Optional.empty();
    }

    /**
     * A test of relative paths ({@code a/b/c.txt}) against globs: {@code *} stays within a folder,
     * {@code **} crosses folders. Patterns that are not valid globs match nothing.
     */
    public static Predicate<Path> matcher(List<String> patterns) {
        List<PathMatcher> matchers = patterns.stream()
                .filter(p -> problemWith(p).isEmpty())
                .map(p -> FileSystems.getDefault().getPathMatcher("glob:" + p.replace('\\', '/')))
                .toList();
        return path -> matchers.stream().anyMatch(m -> m.matches(path));
    }
}
