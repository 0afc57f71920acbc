package dev.flowbench.flow;

import static dev.flowbench.flow.yaml.YamlValues.bool;
import static dev.flowbench.flow.yaml.YamlValues.stringMap;
import static dev.flowbench.flow.yaml.YamlValues.strings;

import dev.flowbench.flow.yaml.YamlList;
import dev.flowbench.flow.yaml.YamlMap;
import dev.flowbench.flow.yaml.YamlNode;
import dev.flowbench.flow.yaml.YamlValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Builds typed tasks from YAML maps, leniently: wrong shapes are for the validator to report. */
final class TaskReader {

    /** Properties of flowable types Flowbench does not run that hold nested tasks (Parallel, If, Switch, Dag, ForEach...). */
    private static final Set<String> NESTED_TASK_PROPERTIES = Set.of("tasks", "errors", "finally", "then", "else", "cases", "defaults");

    private final FlowSchema schema;

    TaskReader(FlowSchema schema) {
        this.schema = schema;
    }

    List<Task> readList(Optional<YamlNode> node) {
        List<Task> tasks = new ArrayList<>();
        if (node.isPresent() && node.get() instanceof YamlList list) {
            for (YamlNode item : list.items()) {
                if (item instanceof YamlMap map) {
                    tasks.add(read(map));
                }
            }
        }
        return tasks;
    }

    Task read(YamlMap map) {
        String type = map.string("type").orElse("");
        String canonical = schema.canonicalType(type).orElse(type);
        TaskHeader header = new TaskHeader(map.string("id").orElse(""), type, canonical,
                map.string("description").orElse(null), bool(map, "disabled", false), bool(map, "allowFailure", false),
                map.string("timeout").orElse(null), map);
        return switch (canonical) {
            case TaskTypes.WORKING_DIRECTORY -> new WorkingDirectoryTask(header, readList(map.get("tasks")),
                    readList(map.get("errors")), readList(map.get("finally")), cache(map),
                    stringMap(map.get("inputFiles")), strings(map.get("outputFiles")));
            case TaskTypes.LOG -> new LogTask(header, strings(map.get("message")), map.string("level").orElse("INFO"));
            case TaskTypes.RETURN -> new ReturnTask(header, map.string("format").orElse(null));
            case TaskTypes.OUTPUT_VALUES -> new OutputValuesTask(header, map.get("values").map(YamlValues::toJava).orElse(null));
            case TaskTypes.FAIL -> new FailTask(header, map.string("condition").orElse(null),
                    map.string("errorMessage").orElse("Task failure"));
            case TaskTypes.SET_VARIABLES -> new SetVariablesTask(header, map.get("variables").map(YamlValues::toJava).orElse(null),
                    bool(map, "overwrite", true));
            case TaskTypes.UNSET_VARIABLES -> new UnsetVariablesTask(header, strings(map.get("variables")),
                    bool(map, "ignoreMissing", false));
            case TaskTypes.SLEEP -> new SleepTask(header, map.string("duration").orElse(null));
            case TaskTypes.ASSERT -> new AssertTask(header, strings(map.get("conditions")), map.string("errorMessage").orElse(null));
            case TaskTypes.LABELS -> new LabelsTask(header, map.get("labels").map(YamlValues::toJava).orElse(null));
            case TaskTypes.EXIT -> new ExitTask(header, map.string("state").orElse("SUCCESS"));
            case "io.kestra.plugin.core.kv.Set" -> new KvTask(header, KvTask.Operation.SET);
            case "io.kestra.plugin.core.kv.Get" -> new KvTask(header, KvTask.Operation.GET);
            case "io.kestra.plugin.core.kv.GetKeys" -> new KvTask(header, KvTask.Operation.GET_KEYS);
            case "io.kestra.plugin.core.kv.Delete" -> new KvTask(header, KvTask.Operation.DELETE);
            case "io.kestra.plugin.core.http.Request" -> new HttpTask(header, false);
            case "io.kestra.plugin.core.http.Download" -> new HttpTask(header, true);
            case "io.kestra.plugin.core.storage.Write" -> new StorageTask(header, StorageTask.Operation.WRITE);
            case "io.kestra.plugin.core.storage.Concat" -> new StorageTask(header, StorageTask.Operation.CONCAT);
            case "io.kestra.plugin.core.storage.Split" -> new StorageTask(header, StorageTask.Operation.SPLIT);
            case "io.kestra.plugin.core.storage.Size" -> new StorageTask(header, StorageTask.Operation.SIZE);
            case "io.kestra.plugin.core.storage.Delete" -> new StorageTask(header, StorageTask.Operation.DELETE);
            case TaskTypes.PAUSE -> new PauseTask(header, map.string("pauseDuration").orElse(null),
                    map.string("behavior").orElse("RESUME"),
                    map.get("onPause").filter(YamlMap.class::isInstance).map(YamlMap.class::cast).map(this::read).orElse(null),
                    readList(map.get("errors")), readList(map.get("finally")));
            case TaskTypes.SUBFLOW -> new SubflowTask(header, map.string("namespace").orElse(""), map.string("flowId").orElse(""),
                    map.get("inputs").map(YamlValues::toJava).filter(java.util.Map.class::isInstance)
                            .map(inputs -> castMap(inputs)).orElse(java.util.Map.of()),
                    map.string("wait").orElse("true"), map.string("transmitFailed").orElse("true"));
            case TaskTypes.LOCAL_FILES -> new LocalFilesTask(header, stringMap(map.get("inputs")),
                    strings(map.get("outputs")));
            default -> TaskTypes.scriptLanguage(canonical)
                    .<Task>map(language -> script(header, language, map))
                    .or(() -> FlowableTask.Kind.of(canonical).map(kind -> flowable(header, kind, map)))
                    .orElseGet(() -> new OpaqueTask(header, nestedTasks(map)));
        };
    }

    @SuppressWarnings("unchecked")
    private static java.util.Map<String, Object> castMap(Object map) {
        return (java.util.Map<String, Object>) map;
    }

    private ScriptTask script(TaskHeader header, ScriptLanguage language, YamlMap map) {
        ScriptTask.Form form = header.canonicalType().endsWith(".Script") ? ScriptTask.Form.SCRIPT : ScriptTask.Form.COMMANDS;
        String runnerType = map.get("taskRunner").filter(YamlMap.class::isInstance).map(YamlMap.class::cast)
                .flatMap(runner -> runner.string("type"))
                .orElseGet(() -> "DOCKER".equalsIgnoreCase(map.string("runner").orElse("")) ? TaskTypes.DOCKER_RUNNER : null);
        return new ScriptTask(header, language, form, strings(map.get("beforeCommands")),
                map.string("script").orElse(null), strings(map.get("commands")), stringMap(map.get("env")),
                strings(map.get("interpreter")), bool(map, "failFast", true), bool(map, "warningOnStdErr", true),
                strings(map.get("outputFiles")), stringMap(map.get("inputFiles")), runnerType);
    }

    private FlowableTask flowable(TaskHeader header, FlowableTask.Kind kind, YamlMap map) {
        List<Task> children = nestedTasks(map);
        java.util.Map<String, Task> byId = new java.util.HashMap<>();
        children.forEach(child -> byId.putIfAbsent(child.id(), child));
        List<FlowableTask.Branch> branches = new ArrayList<>();
        for (YamlMap.Entry entry : map.entries().values()) {
            switch (entry.key()) {
                case "tasks", "then", "else", "defaults" -> branches.add(new FlowableTask.Branch(entry.key(), null,
                        sameTasks(entry.value(), byId)));
                case "cases" -> {
                    if (entry.value() instanceof YamlMap cases) {
                        cases.entries().values().forEach(c -> branches.add(new FlowableTask.Branch("cases", c.key(),
                                sameTasks(c.value(), byId))));
                    }
                }
                default -> {
                }
            }
        }
        java.util.Map<String, List<String>> dependsOn = new java.util.LinkedHashMap<>();
        if (kind == FlowableTask.Kind.DAG && map.get("tasks").orElse(null) instanceof YamlList items) {
            for (YamlNode item : items.items()) {
                if (item instanceof YamlMap wrapper && wrapper.get("task").orElse(null) instanceof YamlMap task) {
                    task.string("id").ifPresent(id -> dependsOn.put(id, strings(wrapper.get("dependsOn"))));
                }
            }
        }
        return new FlowableTask(header, kind, List.copyOf(branches), sameTasks(map.get("errors").orElse(null), byId),
                sameTasks(map.get("finally").orElse(null), byId), children, java.util.Map.copyOf(dependsOn));
    }

    /** The tasks already read for {@link #nestedTasks} that {@code node} lists, so that each is one object. */
    private static List<Task> sameTasks(YamlNode node, java.util.Map<String, Task> byId) {
        List<Task> tasks = new ArrayList<>();
        if (node instanceof YamlList list) {
            for (YamlNode item : list.items()) {
                YamlMap map = item instanceof YamlMap wrapper && wrapper.get("task").orElse(null) instanceof YamlMap wrapped
                        ? wrapped : item instanceof YamlMap plain ? plain : null; // a Dag's items wrap theirs in `task`
                if (map != null && map.has("type")) {
                    map.string("id").map(byId::get).ifPresent(tasks::add);
                }
            }
        }
        return List.copyOf(tasks);
    }

    private static CacheSpec cache(YamlMap map) {
        return map.get("cache").filter(YamlMap.class::isInstance).map(YamlMap.class::cast)
                .map(cache -> new CacheSpec(strings(cache.get("patterns")), cache.string("ttl").orElse(null), cache))
                .orElse(null);
    }

    private List<Task> nestedTasks(YamlMap map) {
        List<Task> nested = new ArrayList<>();
        for (YamlMap.Entry entry : map.entries().values()) {
            if (!NESTED_TASK_PROPERTIES.contains(entry.key())) {
                continue;
            }
            if (entry.value() instanceof YamlMap cases) {
                cases.entries().values().forEach(c -> nested.addAll(tasksIn(c.value())));
            } else {
                nested.addAll(tasksIn(entry.value()));
            }
        }
        return nested;
    }

    /** The task maps of a list; a Dag's items wrap theirs in {@code task}. */
    private List<Task> tasksIn(YamlNode node) {
        List<Task> found = new ArrayList<>();
        if (node instanceof YamlList list) {
            for (YamlNode item : list.items()) {
                if (item instanceof YamlMap map && map.has("type")) {
                    found.add(read(map));
                } else if (item instanceof YamlMap map && map.get("task").orElse(null) instanceof YamlMap wrapped) {
                    found.add(read(wrapped));
                }
            }
        }
        return found;
    }
}
