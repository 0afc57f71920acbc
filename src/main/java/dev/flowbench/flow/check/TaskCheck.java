package dev.flowbench.flow.check;

import dev.flowbench.flow.CacheSpec;
import dev.flowbench.flow.FlowSchema;
import dev.flowbench.flow.GlobPatterns;
import dev.flowbench.flow.IsoDuration;
import dev.flowbench.flow.KestraCoreTypes;
import dev.flowbench.flow.OpaqueTask;
import dev.flowbench.flow.Problem;
import dev.flowbench.flow.ScriptTask;
import dev.flowbench.flow.SourceRange;
import dev.flowbench.flow.Suggestions;
import dev.flowbench.flow.Task;
import dev.flowbench.flow.TaskTypes;
import dev.flowbench.flow.WorkingDirectoryTask;
import dev.flowbench.flow.pebble.KestraPebble;
import dev.flowbench.flow.yaml.YamlList;
import dev.flowbench.flow.yaml.YamlMap;
import dev.flowbench.flow.yaml.YamlNode;
import dev.flowbench.flow.yaml.YamlScalar;
import java.util.List;

/** What a schema cannot say about tasks: durations, globs, empty bodies, runners, types Flowbench cannot run. */
final class TaskCheck {

    /** Task types are long; a plugin Flowbench does not know is no typo of one it knows unless very close. */
    private static final int MAX_TYPE_TYPO = 3;
    private static final String PLUGIN_PACKAGE = "io.kestra.plugin.";

    private final FlowSchema schema;
    private final List<Problem> problems;

    TaskCheck(FlowSchema schema, List<Problem> problems) {
        this.schema = schema;
        this.problems = problems;
    }

    void check(List<Task> tasks) {
        tasks.forEach(task -> check(task, null, null));
    }

    /**
     * @param parent       the enclosing WorkingDirectory, or null
     * @param cachedParent the nearest enclosing WorkingDirectory with a cache, or null
     */
    private void check(Task task, WorkingDirectoryTask parent, WorkingDirectoryTask cachedParent) {
        YamlMap source = task.header().source();
        checkDuration(source, "timeout", "timeout");
        if (parent != null) {
            checkTaskCacheInside(task, parent);
        }
        if (task instanceof WorkingDirectoryTask wd) {
            checkWorkingDirectory(wd);
        } else if (task instanceof ScriptTask script) {
            checkScript(script, cachedParent);
        } else if (task instanceof OpaqueTask opaque) {
            checkUnknownType(opaque);
        }
        WorkingDirectoryTask nextParent = task instanceof WorkingDirectoryTask wd ? wd : parent;
        WorkingDirectoryTask nextCached = task instanceof WorkingDirectoryTask wd && wd.cache().isPresent() ? wd : cachedParent;
        task.children().forEach(child -> check(child, nextParent, nextCached));
    }

    /**
     * Kestra's taskCache on a task of a WorkingDirectory reuses the task's outputs but not the files it wrote into the
     * folder its siblings share, so they fail on the second run (seen with Kestra 2.0 itself). The flow stays valid
     * Kestra; Flowbench runs such a task every time, and says so here.
     */
    private void checkTaskCacheInside(Task task, WorkingDirectoryTask parent) {
        if (task.header().source().get("taskCache").orElse(null) instanceof YamlMap cache
                && cache.string("enabled").map("true"::equalsIgnoreCase).orElse(false)) {
            problems.add(Problem.warning("task-cache-in-working-directory", "taskCache on '" + task.id() + "' inside the"
                    + " WorkingDirectory '" + parent.id() + "' would reuse its outputs without the files it writes into the"
                    + " shared folder, so the tasks after it would miss them (Kestra reuses it anyway); Flowbench runs it"
                    + " every time. Cache the folder's files with the WorkingDirectory's 'cache' instead",
                    task.header().source().keyRange("taskCache")));
        }
    }

    private void checkWorkingDirectory(WorkingDirectoryTask wd) {
        YamlMap source = wd.header().source();
        if (source.get("tasks").orElse(null) instanceof YamlList list && list.items().isEmpty()) {
            problems.add(Problem.error("no-children", "WorkingDirectory '" + wd.id()
                    + "' has no tasks; it needs at least one to run in its directory", list.range()));
        }
        checkGlobs(source, "outputFiles");
        wd.cache().ifPresent(this::checkCache);
    }

    private void checkCache(CacheSpec cache) {
        YamlMap source = cache.source();
        if (source.get("patterns").orElse(null) instanceof YamlList patterns && patterns.items().isEmpty()) {
            problems.add(Problem.error("empty-patterns", "cache 'patterns' is empty: nothing would be cached; "
                    + "list globs such as node_modules/**", patterns.range()));
        }
        checkGlobs(source, "patterns");
        checkDuration(source, "ttl", "cache ttl");
    }

    private void checkGlobs(YamlMap source, String key) {
        if (source.get(key).orElse(null) instanceof YamlList list) {
            for (YamlNode item : list.items()) {
                if (item instanceof YamlScalar scalar && !scalar.isNull() && !KestraPebble.isTemplate(scalar.value())) {
                    GlobPatterns.problemWith(scalar.value()).ifPresent(reason ->
                            problems.add(Problem.error("bad-pattern", reason, scalar.range())));
                }
            }
        }
    }

    private void checkDuration(YamlMap source, String key, String what) {
        if (!(source.get(key).orElse(null) instanceof YamlScalar scalar) || scalar.isNull()
                || scalar.kind() != YamlScalar.Kind.STRING || KestraPebble.isTemplate(scalar.value())) {
            return; // absent, or a wrong type the schema reports
        }
        var parsed = IsoDuration.parse(scalar.value());
        if (parsed.isEmpty()) {
            problems.add(Problem.error("bad-duration", what + " '" + scalar.value() + "' is not an ISO-8601 duration;"
                    + " write e.g. PT30S, PT5M, PT1H or P1D", scalar.range()));
        } else if (parsed.get().isNegative() || parsed.get().isZero()) {
            problems.add(Problem.error("bad-duration", what + " '" + scalar.value() + "' must be longer than zero",
                    scalar.range()));
        }
    }

    private void checkScript(ScriptTask script, WorkingDirectoryTask cachedParent) {
        YamlMap source = script.header().source();
        if (script.form() == ScriptTask.Form.SCRIPT && script.script() != null && script.script().isBlank()) {
            problems.add(Problem.error("empty-script", "task '" + script.id() + "' has an empty 'script'",
                    source.valueRange("script")));
        }
        if (source.get("commands").orElse(null) instanceof YamlList commands && commands.items().isEmpty()) {
            problems.add(Problem.error("empty-commands", "task '" + script.id() + "' has no 'commands'",
                    commands.range()));
        }
        if (source.get("interpreter").orElse(null) instanceof YamlList interpreter && interpreter.items().isEmpty()) {
            problems.add(Problem.error("empty-interpreter", "'interpreter' is empty; leave it out for the default",
                    interpreter.range()));
        }
        checkGlobs(source, "outputFiles");
        checkRunner(script, cachedParent);
    }

    private void checkRunner(ScriptTask script, WorkingDirectoryTask cachedParent) {
        String runner = script.runnerType();
        if (TaskTypes.isProcessRunner(runner) || KestraPebble.isTemplate(runner)) {
            return;
        }
        YamlMap source = script.header().source();
        SourceRange range = source.get("taskRunner").orElse(null) instanceof YamlMap taskRunner
                ? taskRunner.valueRange("type") : source.valueRange("runner");
        if (TaskTypes.isDockerRunner(runner) && cachedParent != null) {
            problems.add(Problem.error("docker-under-cache", "task '" + script.id() + "' uses the Docker task runner "
                    + "inside the cached WorkingDirectory '" + cachedParent.id() + "': files made in a container cannot "
                    + "be cached (Kestra fails with \"" + TaskTypes.DOCKER_CACHE_ERROR + "\"); use taskRunner type "
                    + TaskTypes.PROCESS_RUNNER, range).withSuggestion(TaskTypes.PROCESS_RUNNER));
        } else {
            problems.add(Problem.warning("runner-unavailable", "task runner '" + TaskTypes.shortName(runner)
                    + "' cannot run here (no container engine); Flowbench runs scripts with "
                    + TaskTypes.PROCESS_RUNNER, range).withSuggestion(TaskTypes.PROCESS_RUNNER));
        }
    }

    /**
     * A type Flowbench does not run, said as what it is: a Kestra core task it does not run (yet), or a task of a
     * Kestra plugin (every plugin's types are under {@code io.kestra.plugin}): warnings, the flow is valid Kestra. A
     * type Kestra does not have is an error with the nearest known type: under the core packages or a package whose
     * every type Flowbench knows (the script plugins it runs), or no Kestra plugin's at all ({@code banana}).
     */
    private void checkUnknownType(OpaqueTask task) {
        String type = task.header().type();
        if (type.isEmpty()) {
            return; // missing or ill-typed: the schema reports it
        }
        SourceRange range = task.header().source().valueRange("type");
        if (KestraCoreTypes.isCorePackage(type)) {
            problems.add(KestraCoreTypes.kind(type).isEmpty() ? unknownCoreType(type, range)
                    : Problem.warning("unknown-type", "'" + type + "' is a Kestra core task that Flowbench does not run:"
                    + " it runs on a Kestra server, not here", range));
            return;
        }
        if (isPluginType(type) && !inPackageFlowbenchKnowsWhole(type)) {
            problems.add(Problem.warning("unknown-type", "'" + type + "' is a plugin task that runs on a Kestra server"
                    + " with its plugin, not here", range));
            return;
        }
        var suggestion = Suggestions.closest(type, knownTypes(), MAX_TYPE_TYPO + 3);
        String what = isPluginType(type) ? "'" + type + "' is not a task of its plugin" + " (Flowbench knows all of "
                + packageOf(type) + ")" : "'" + type + "' is not a Kestra task type: Kestra's types are class names under"
                + " io.kestra.plugin, such as io.kestra.plugin.scripts.shell.Commands";
        Problem problem = Problem.error("unknown-type-name", what + suggestion.map(s -> "; did you mean '" + s + "'?").orElse(""),
                range);
        problems.add(suggestion.map(problem::withSuggestion).orElse(problem));
    }

    /** A class name under {@code io.kestra.plugin} with a plugin and a class: {@code io.kestra.plugin.aws.s3.Upload}. */
    private static boolean isPluginType(String type) {
        return type.startsWith(PLUGIN_PACKAGE) && type.matches("([a-zA-Z_$][a-zA-Z0-9_$]*\\.){4,}[A-Z][a-zA-Z0-9_$]*");
    }

    /** The package of a type Flowbench runs outside the core (a script plugin's): it knows every type of it. */
    private boolean inPackageFlowbenchKnowsWhole(String type) {
        String pkg = packageOf(type);
        return schema.taskTypes().stream().anyMatch(known -> !KestraCoreTypes.isCorePackage(known) && packageOf(known).equals(pkg));
    }

    private static String packageOf(String type) {
        int dot = type.lastIndexOf('.');
        return dot < 0 ? "" : type.substring(0, dot);
    }

    private java.util.Set<String> knownTypes() {
        java.util.Set<String> known = new java.util.LinkedHashSet<>(schema.taskTypes());
        known.addAll(KestraCoreTypes.all());
        return known;
    }

    /** A type under Kestra's core packages that Kestra does not have: Kestra refuses the flow. */
    static Problem unknownCoreType(String type, SourceRange range) {
        var suggestion = Suggestions.closest(type, KestraCoreTypes.all(), MAX_TYPE_TYPO + 3);
        Problem problem = Problem.error("unknown-core-type", "type '" + type + "' does not exist in Kestra's core plugins"
                + suggestion.map(s -> " (did you mean '" + s + "'?)").orElse(""), range);
        return suggestion.map(problem::withSuggestion).orElse(problem);
    }
}
