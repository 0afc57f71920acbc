package dev.flowbench.runner;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What to start: a command line, where, with which environment (complete: the host's is not added here). */
public record ProcessSpec(List<String> command, Path workingDirectory, Map<String, String> environment) {

    public ProcessSpec {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }
}
