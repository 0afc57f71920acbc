package dev.flowbench.engine.tasks;

import dev.flowbench.engine.TaskContext;
import dev.flowbench.engine.TaskOutcome;
import dev.flowbench.engine.WorkFiles;
import dev.flowbench.flow.LocalFilesTask;
import java.nio.file.Path;
import java.util.Map;

/** Kestra's deprecated LocalFiles: writes {@code inputs} into the WorkingDirectory and exposes {@code outputs} as {@code uris}. */
public final class LocalFilesHandler implements TaskHandler<LocalFilesTask> {

    @Override
    public TaskOutcome run(LocalFilesTask task, TaskContext context) throws Exception {
        if (context.workingDirectory().isEmpty()) {
            return TaskOutcome.failed("LocalFiles must run inside a WorkingDirectory");
        }
        Path dir = context.workingDirectory().get();
        context.writeFiles(dir, context.render(task.inputs(), dir));
        Map<String, String> uris = WorkFiles.collectOutputs(dir, context.render(task.outputs(), dir), context.storage(), context::warn);
        return TaskOutcome.success(Map.of("uris", uris));
    }
}
