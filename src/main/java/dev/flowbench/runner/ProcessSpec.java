package dev.flowbench.runner;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What to start: a command line, where, with which environment (complete: the host's is not added here), and
 * on whose behalf ({@code owner}: an execution id, or {@code EXECUTION/SCOPE} for a part of it such as a
 * WorkingDirectory, so that either can stop what was started for it: see {@link ProcessTree#killOwnedBy(String)}).
 */
public record ProcessSpec(List<String> command, Path workingDirectory, Map<String, String> environment, String owner) {

    public ProcessSpec {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }
}
