package dev.flowbench.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where Flowbench keeps its data: the {@code flowbench.home} system property, else {@code FLOWBENCH_HOME},
 * else {@code ~/.flowbench}. Holds the database, the executions' output files and the cache.
 */
public record FlowbenchHome(Path root) {

    public static final String VARIABLE = "FLOWBENCH_HOME";

    public static FlowbenchHome fromEnvironment() {
        String configured = System.getProperty("flowbench.home");
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(VARIABLE);
        }
        Path root = configured == null || configured.isBlank()
                ? Path.of(System.getProperty("user.home"), ".flowbench") : Path.of(configured);
        return new FlowbenchHome(root.toAbsolutePath());
    }

    public Path database() {
        return root.resolve("flowbench.db");
    }

    public Path executions() {
        return root.resolve("executions");
    }

    /** Where tasks' temporary working directories are made. */
    public Path work() {
        return root.resolve("work");
    }

    public Path cache() {
        return root.resolve("cache");
    }

    public Path settings() {
        return root.resolve("settings.properties");
    }

    /** Creates the folders; a clear exception when the home cannot be made. */
    public FlowbenchHome create() throws IOException {
        try {
            Files.createDirectories(root);
            Files.createDirectories(executions());
            Files.createDirectories(work());
        } catch (IOException e) {
            throw new IOException("cannot create Flowbench's data folder " + root + " (" + e.getMessage()
                    + "); set " + VARIABLE + " to a writable folder", e);
        }
        return this;
    }
}
