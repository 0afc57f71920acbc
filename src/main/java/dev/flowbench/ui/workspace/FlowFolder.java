package dev.flowbench.ui.workspace;

import dev.flowbench.flow.FlowSource;
import dev.flowbench.flow.Problem;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The flow files of a workspace folder, and how each validates: plain file work, run off the FX thread. Folders
 * that hold no flows of the user's (dependencies, build output, hidden ones) are skipped, and the walk is bounded.
 */
final class FlowFolder {

    static final int MAX_FILES = 5_000;
    private static final int MAX_DEPTH = 8;
    private static final Set<String> SKIPPED = Set.of("node_modules", "target", "build", "venv", ".venv", "__pycache__", "dist");

    /** How a file validates. */
    enum Health { OK, WARNINGS, ERRORS, UNREADABLE }

    private FlowFolder() {
    }

    /** The .yml and .yaml files under {@code root}, sorted, at most {@link #MAX_FILES}. */
    static List<Path> list(Path root) throws IOException {
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), MAX_DEPTH, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                boolean skip = !dir.equals(root) && (name.startsWith(".") || SKIPPED.contains(name));
                return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                if (attrs.isRegularFile() && (name.endsWith(".yml") || name.endsWith(".yaml"))) {
                    found.add(file);
                }
                return found.size() >= MAX_FILES ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // unreadable: not listed
            }
        });
        found.sort(null);
        return found;
    }

    static Health health(Path file) {
        List<Problem> problems;
        try {
            problems = dev.flowbench.ui.editor.EditorViewModel.validate(FlowSource.read(file)).problems();
        } catch (FlowSource.Unreadable e) {
            return Health.UNREADABLE;
        }
        return of(problems);
    }

    static Health of(List<Problem> problems) {
        if (problems.stream().anyMatch(Problem::isError)) {
            return Health.ERRORS;
        }
        return problems.isEmpty() ? Health.OK : Health.WARNINGS;
    }
}
