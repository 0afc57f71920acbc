package dev.flowbench.flow;

import java.util.Optional;

/** The canonical names of the task types Flowbench runs; their properties are described in {@link FlowSchema}. */
public final class TaskTypes {

    public static final String WORKING_DIRECTORY = "io.kestra.plugin.core.flow.WorkingDirectory";
    public static final String LOG = "io.kestra.plugin.core.log.Log";
    public static final String RETURN = "io.kestra.plugin.core.debug.Return";
    public static final String OUTPUT_VALUES = "io.kestra.plugin.core.output.OutputValues";
    public static final String FAIL = "io.kestra.plugin.core.execution.Fail";
    public static final String ASSERT = "io.kestra.plugin.core.execution.Assert";
    public static final String SLEEP = "io.kestra.plugin.core.flow.Sleep";
    public static final String SET_VARIABLES = "io.kestra.plugin.core.execution.SetVariables";
    public static final String UNSET_VARIABLES = "io.kestra.plugin.core.execution.UnsetVariables";
    public static final String LOCAL_FILES = "io.kestra.plugin.core.storage.LocalFiles";
    public static final String SEQUENTIAL = "io.kestra.plugin.core.flow.Sequential";
    public static final String PARALLEL = "io.kestra.plugin.core.flow.Parallel";
    public static final String IF = "io.kestra.plugin.core.flow.If";
    public static final String SWITCH = "io.kestra.plugin.core.flow.Switch";
    public static final String ALLOW_FAILURE = "io.kestra.plugin.core.flow.AllowFailure";
    public static final String DAG = "io.kestra.plugin.core.flow.Dag";
    public static final String LOOP = "io.kestra.plugin.core.flow.Loop";
    public static final String EXIT = "io.kestra.plugin.core.execution.Exit";
    public static final String SUBFLOW = "io.kestra.plugin.core.flow.Subflow";
    public static final String PAUSE = "io.kestra.plugin.core.flow.Pause";
    public static final String LOOP_UNTIL = "io.kestra.plugin.core.flow.LoopUntil";
    public static final String LABELS = "io.kestra.plugin.core.execution.Labels";
    public static final String PROCESS_RUNNER = "io.kestra.plugin.core.runner.Process";
    public static final String DOCKER_RUNNER = "io.kestra.plugin.scripts.runner.docker.Docker";

    /** Kestra's error when files made in a container should be cached (the caching page). */
    public static final String DOCKER_CACHE_ERROR = "Unable to execute WorkingDirectory post actions";

    private static final String SCRIPTS_PREFIX = "io.kestra.plugin.scripts.";

    private TaskTypes() {
    }

    public static String script(ScriptLanguage language, ScriptTask.Form form) {
        return SCRIPTS_PREFIX + language.packageName() + "." + (form == ScriptTask.Form.SCRIPT ? "Script" : "Commands");
    }

    /** The language of a script task type such as {@code io.kestra.plugin.scripts.python.Commands}. */
    public static Optional<ScriptLanguage> scriptLanguage(String canonicalType) {
        for (ScriptLanguage language : ScriptLanguage.values()) {
            for (ScriptTask.Form form : ScriptTask.Form.values()) {
                if (script(language, form).equals(canonicalType)) {
                    return Optional.of(language);
                }
            }
        }
        return Optional.empty();
    }

    public static boolean isDockerRunner(String runnerType) {
        return runnerType != null && (runnerType.equals(DOCKER_RUNNER) || runnerType.endsWith(".Docker"));
    }

    public static boolean isProcessRunner(String runnerType) {
        return runnerType == null || runnerType.equals(PROCESS_RUNNER)
                || runnerType.equals("io.kestra.core.models.tasks.runners.types.ProcessTaskRunner");
    }

    /** The last segment of a type, for short messages: {@code WorkingDirectory}. */
    public static String shortName(String type) {
        int dot = type.lastIndexOf('.');
        return dot < 0 ? type : type.substring(dot + 1);
    }
}
