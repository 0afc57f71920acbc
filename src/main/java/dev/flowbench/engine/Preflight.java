package dev.flowbench.engine;

import dev.flowbench.flow.Flow;
import dev.flowbench.flow.OpaqueTask;
import dev.flowbench.flow.ScriptTask;
import dev.flowbench.flow.Task;
import dev.flowbench.flow.TaskTypes;
import dev.flowbench.flow.WorkingDirectoryTask;
import java.util.ArrayList;
import java.util.List;

/** What keeps a valid flow from running here, found before anything starts. */
public final class Preflight {

    private Preflight() {
    }

    public static List<String> problems(Flow flow) {
        List<String> problems = new ArrayList<>();
        flow.topLevelTasks().forEach(task -> check(task, null, problems));
        return problems;
    }

    /** @param cachedParent the id of the nearest enclosing WorkingDirectory with a cache, or null */
    private static void check(Task task, String cachedParent, List<String> problems) {
        if (task.header().disabled()) {
            return;
        }
        if (task instanceof OpaqueTask) {
            problems.add("task '" + task.id() + "' has type " + task.header().type() + ", which Flowbench cannot run "
                    + "(it runs WorkingDirectory, Sequential, Parallel, If, Switch, AllowFailure, Dag, shell/python/node Script and Commands,"
                    + " Log, Return, OutputValues, Fail, Exit, Labels, Assert,"
                    + " Sleep, SetVariables, UnsetVariables and LocalFiles)");
            return;
        }
        if (task instanceof ScriptTask script && !TaskTypes.isProcessRunner(script.runnerType())) {
            String cacheNote = cachedParent == null ? "" : "; inside the cached WorkingDirectory '" + cachedParent
                    + "' it could not be cached either (Kestra fails with \"" + TaskTypes.DOCKER_CACHE_ERROR + "\")";
            problems.add("task '" + task.id() + "' uses the task runner " + script.runnerType() + ", which cannot run "
                    + "here (no container engine)" + cacheNote + "; use " + TaskTypes.PROCESS_RUNNER);
        }
        String nextCached = task instanceof WorkingDirectoryTask wd && wd.cache().isPresent() ? wd.id() : cachedParent;
        task.children().forEach(child -> check(child, nextCached, problems));
    }
}
