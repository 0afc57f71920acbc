package dev.flowbench.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public record WorkingDirectoryTask(TaskHeader header, List<Task> tasks, List<Task> errors, List<Task> finallyTasks,
                                   CacheSpec cacheSpec, Map<String, String> inputFiles, List<String> outputFiles)
        implements Task {

    public Optional<CacheSpec> cache() {
        return Optional.ofNullable(cacheSpec);
    }

    @Override
    public List<Task> children() {
        List<Task> all = new ArrayList<>(tasks);
        all.addAll(errors);
        all.addAll(finallyTasks);
        return all;
    }
}
