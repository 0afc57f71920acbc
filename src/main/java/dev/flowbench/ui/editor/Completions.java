package dev.flowbench.ui.editor;

import dev.flowbench.flow.Flow;
import dev.flowbench.flow.FlowSchema;
import dev.flowbench.flow.Input;
import dev.flowbench.flow.KestraCoreTypes;
import dev.flowbench.flow.LoadedFlow;
import dev.flowbench.flow.LocalFilesTask;
import dev.flowbench.flow.ReturnTask;
import dev.flowbench.flow.SchemaWalk;
import dev.flowbench.flow.ScriptTask;
import dev.flowbench.flow.Task;
import dev.flowbench.flow.TaskTypes;
import dev.flowbench.flow.WorkingDirectoryTask;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What may be typed at the caret, from the flow schema and the flow itself: property names for the map there
 * (with their documentation), task and trigger types after {@code type:}, enum values, and inside {@code {{ }}}
 * and {@code {% %}} the names the flow defines ({@code inputs.}, {@code outputs.<task>.}, {@code vars.}...).
 * Plain Java: computed off the FX thread and tested without a toolkit.
 */
final class Completions {

    enum Kind { PROPERTY, TYPE, VALUE, NAME }

    record Suggestion(String label, String insert, String detail, Kind kind) {
    }

    /** Suggestions that replace the text from {@code from} to {@code to}. */
    record Result(int from, int to, List<Suggestion> suggestions) {
        static Result none(int caret) {
            return new Result(caret, caret, List.of());
        }
    }

    private static final Pattern KEY_PREFIX = Pattern.compile("^( *)((?:- +)*)([A-Za-z0-9_.\\-]*)$");
    private static final Pattern VALUE_PREFIX = Pattern.compile("^( *)((?:- +)*)([A-Za-z0-9_.\\-\"']+): +([^#]*)$");
    private static final Pattern PATH_BEFORE = Pattern.compile("([A-Za-z_][\\w-]*(?:\\.[\\w-]*)*)$");
    private static final Pattern PROTOCOL_OUTPUT = Pattern.compile("\"outputs\"\\s*:\\s*\\{([^}]*)}");
    private static final Pattern JSON_KEY = Pattern.compile("\"([A-Za-z_][\\w-]*)\"\\s*:");
    private static final List<String> ROOTS = List.of("inputs", "outputs", "vars", "flow", "execution", "task", "taskrun",
            "workingDir", "trigger", "labels");

    // Kestra's schema is read on first use, not while the window is built (it takes a second to load)
    private SchemaWalk walk;
    private FlowSchema schema;

    /** The suggestions at {@code caret} (a UTF-16 offset) in {@code text}; {@code model} is the last flow read from it. */
    Result at(String text, int caret, LoadedFlow model) {
        int lineStart = text.lastIndexOf('\n', caret - 1) + 1;
        String before = text.substring(lineStart, caret);
        int open = Math.max(before.lastIndexOf("{{"), before.lastIndexOf("{%"));
        if (open >= 0 && before.indexOf("}}", open) < 0 && before.indexOf("%}", open) < 0) {
            return expression(before, caret, model == null ? null : model.flow());
        }
        YamlOutline outline = new YamlOutline(text);
        int lineIndex = lineNumber(text, lineStart);
        Matcher key = KEY_PREFIX.matcher(before);
        if (key.matches()) {
            int column = key.group(1).length() + key.group(2).length();
            boolean item = !key.group(2).isEmpty();
            YamlOutline.Place place = outline.placeAt(lineIndex, column, item);
            return new Result(caret - key.group(3).length(), caret, prefixFirst(properties(place, key.group(3)), key.group(3)));
        }
        Matcher value = VALUE_PREFIX.matcher(before);
        if (value.matches()) {
            int column = value.group(1).length() + value.group(2).length();
            YamlOutline.Place place = outline.placeAt(lineIndex, column, !value.group(2).isEmpty());
            String keyName = value.group(3).replaceAll("^[\"']|[\"']$", "");
            String partial = value.group(4).strip();
            return new Result(caret - partial.length(), caret, prefixFirst(values(place, keyName, partial), partial));
        }
        return Result.none(caret);
    }

    private List<Suggestion> properties(YamlOutline.Place place, String partial) {
        List<Suggestion> found = new ArrayList<>();
        walk().propertiesAt(place.path()).forEach((name, doc) -> {
            if (!place.keys().contains(name) && matches(name, partial)) {
                found.add(new Suggestion(name, name + ": ", doc, Kind.PROPERTY));
            }
        });
        return found;
    }

    private List<Suggestion> values(YamlOutline.Place place, String key, String partial) {
        List<Suggestion> found = new ArrayList<>();
        List<String> choices = walk().enumOf(place.path(), key);
        if (!choices.isEmpty()) {
            choices.stream().filter(v -> matches(v, partial)).forEach(v -> found.add(new Suggestion(v, v, "", Kind.VALUE)));
            return found;
        }
        if ("type".equals(key)) {
            for (String type : typesFor(place)) {
                if (matches(type, partial) || matches(TaskTypes.shortName(type), partial)) {
                    String doc = walk().describeType(type).orElse(schema().canonicalType(type).isPresent() ? ""
                            : "Kestra core type; Flowbench does not run it");
                    found.add(new Suggestion(type, type, doc, Kind.TYPE));
                }
            }
        }
        return found;
    }

    /** The types that fit where {@code type:} is written: tasks (those Flowbench runs first), triggers, runners. */
    private Set<String> typesFor(YamlOutline.Place place) {
        String owner = place.path().isEmpty() ? "" : place.path().get(place.path().size() - 1).key();
        if (SchemaWalk.Step.ITEM.equals(owner) && place.path().size() >= 2) {
            owner = place.path().get(place.path().size() - 2).key();
        }
        Set<String> types = new LinkedHashSet<>();
        KestraCoreTypes.Kind wanted = switch (owner) {
            case "triggers" -> KestraCoreTypes.Kind.TRIGGER;
            case "taskRunner" -> KestraCoreTypes.Kind.RUNNER;
            case "conditions" -> KestraCoreTypes.Kind.CONDITION;
            default -> null;
        };
        if (wanted == null) {
            // the types that run here first, then the rest of Kestra's, never a name Kestra 2 removed
            types.addAll(schema().runsHere());
            schema().taskTypes().stream().filter(type -> !type.startsWith("io.kestra.core.")).forEach(types::add);
        } else if (wanted == KestraCoreTypes.Kind.TRIGGER) {
            types.addAll(schema().triggerTypes());
        }
        for (String type : KestraCoreTypes.all()) {
            KestraCoreTypes.Kind kind = KestraCoreTypes.kind(type).orElseThrow();
            boolean current = type.startsWith("io.kestra.plugin.core.");
            boolean fits = wanted == null ? kind == KestraCoreTypes.Kind.RUNNABLE || kind == KestraCoreTypes.Kind.FLOWABLE : kind == wanted;
            if (fits && current) {
                types.add(type);
            }
        }
        types.removeIf(schema()::removedInKestra2);
        return types;
    }

    private Result expression(String before, int caret, Flow flow) {
        Matcher pathMatch = PATH_BEFORE.matcher(before);
        String chain = pathMatch.find() ? pathMatch.group(1) : "";
        String[] parts = chain.split("\\.", -1);
        String partial = parts[parts.length - 1];
        List<String> path = List.of(parts).subList(0, parts.length - 1);
        Map<String, String> names = namesAt(path, flow);
        List<Suggestion> found = new ArrayList<>();
        names.forEach((name, detail) -> {
            if (matches(name, partial)) {
                found.add(new Suggestion(name, name, detail, Kind.NAME));
            }
        });
        return new Result(caret - partial.length(), caret, prefixFirst(found, partial));
    }

    /** Suggestions starting with what was typed come before those that merely contain it (order kept otherwise). */
    private static List<Suggestion> prefixFirst(List<Suggestion> found, String partial) {
        String typed = partial.toLowerCase(Locale.ROOT);
        List<Suggestion> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparing(s -> !s.label().toLowerCase(Locale.ROOT).startsWith(typed)));
        return sorted;
    }

    /** The names that may follow {@code path} in an expression. */
    private static Map<String, String> namesAt(List<String> path, Flow flow) {
        Map<String, String> names = new LinkedHashMap<>();
        if (path.isEmpty()) {
            ROOTS.forEach(root -> names.put(root, ""));
            return names;
        }
        if (flow == null) {
            return names;
        }
        switch (path.get(0)) {
            case "inputs" -> {
                if (path.size() == 1) {
                    for (Input input : flow.inputs()) {
                        names.put(input.id(), input.type() + (input.description() == null ? "" : ": " + input.description()));
                    }
                }
            }
            case "vars" -> {
                if (path.size() == 1) {
                    flow.variables().keySet().forEach(name -> names.put(name, "variable"));
                }
            }
            case "outputs" -> outputs(path, flow, names);
            case "flow" -> names.putAll(Map.of("id", flow.id(), "namespace", flow.namespace()));
            case "execution" -> names.putAll(Map.of("id", "the execution's id", "startDate", "when it started"));
            case "task" -> names.putAll(Map.of("id", "this task's id", "type", "this task's type"));
            case "taskrun" -> names.put("id", "this task run's id");
            default -> {
                // nothing known below
            }
        }
        return names;
    }

    private static void outputs(List<String> path, Flow flow, Map<String, String> names) {
        if (path.size() == 1) {
            flow.allTasks().forEach(task -> names.put(task.id(), TaskTypes.shortName(task.type())));
            return;
        }
        Task task = flow.allTasks().stream().filter(t -> t.id().equals(path.get(1))).findFirst().orElse(null);
        if (task == null) {
            return;
        }
        if (path.size() == 2) {
            if (task instanceof ScriptTask) {
                names.put("vars", "values printed as ::{\"outputs\": {...}}::");
                names.put("exitCode", "the process's exit code");
                names.put("outputFiles", "files matched by outputFiles");
            } else if (task instanceof WorkingDirectoryTask) {
                names.put("outputFiles", "files matched by outputFiles");
            } else if (task instanceof ReturnTask) {
                names.put("value", "the rendered format");
            } else if (task instanceof LocalFilesTask) {
                names.put("uris", "the files listed in outputs");
            } else {
                names.put("value", "");
                names.put("vars", "");
            }
        } else if (path.size() == 3 && "vars".equals(path.get(2)) && task instanceof ScriptTask script) {
            List<String> texts = new ArrayList<>(script.commands());
            if (script.script() != null) {
                texts.add(script.script());
            }
            for (String text : texts) {
                Matcher outputs = PROTOCOL_OUTPUT.matcher(text.replace("\\\"", "\""));
                while (outputs.find()) {
                    Matcher key = JSON_KEY.matcher(outputs.group(1));
                    while (key.find()) {
                        names.put(key.group(1), "printed by " + task.id());
                    }
                }
            }
        }
    }

    private static boolean matches(String candidate, String partial) {
        return partial.isEmpty() || candidate.toLowerCase(Locale.ROOT).contains(partial.toLowerCase(Locale.ROOT));
    }

    private static int lineNumber(String text, int offset) {
        int line = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private SchemaWalk walk() {
        if (walk == null) {
            walk = new SchemaWalk(schema());
        }
        return walk;
    }

    private FlowSchema schema() {
        if (schema == null) {
            schema = FlowSchema.get();
        }
        return schema;
    }
}
