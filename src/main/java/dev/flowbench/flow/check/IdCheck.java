package dev.flowbench.flow.check;

import dev.flowbench.flow.Flow;
import dev.flowbench.flow.Problem;
import dev.flowbench.flow.SourceRange;
import dev.flowbench.flow.Task;
import dev.flowbench.flow.yaml.YamlList;
import dev.flowbench.flow.yaml.YamlMap;
import dev.flowbench.flow.yaml.YamlNode;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Kestra's rules for flow, namespace, task, trigger and input ids, and their uniqueness. */
final class IdCheck {

    private static final Pattern FLOW_ID = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9._-]*$");
    private static final Pattern NAMESPACE = Pattern.compile("^[a-z0-9][a-z0-9._-]*$");
    private static final Pattern TASK_ID = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9_-]*$");
    private static final Pattern INPUT_ID = Pattern.compile("^[a-zA-Z0-9][.a-zA-Z0-9_-]*$");
    private static final int MAX_FLOW_ID = 100;
    private static final int MAX_NAMESPACE = 150;
    private static final int MAX_TASK_ID = 100;

    private final List<Problem> problems;

    IdCheck(List<Problem> problems) {
        this.problems = problems;
    }

    void check(Flow flow) {
        YamlMap root = flow.source();
        root.string("id").ifPresent(id -> checkFlowId(id, root.valueRange("id")));
        root.string("namespace").ifPresent(ns -> checkNamespace(ns, root.valueRange("namespace")));
        checkTaskIds(flow.allTasks());
        checkInputs(root);
        checkTriggers(root);
    }

    private void checkFlowId(String id, SourceRange range) {
        if (id.length() > MAX_FLOW_ID) {
            problems.add(Problem.error("bad-id", "flow id is " + id.length() + " characters long; at most "
                    + MAX_FLOW_ID + " are allowed", range));
        } else if (!FLOW_ID.matcher(id).matches()) {
            problems.add(suggest(Problem.error("bad-id", "flow id '" + id + "' may hold only letters, digits, '.', '_' "
                    + "and '-', and must start with a letter or digit", range), sanitize(id, "[^a-zA-Z0-9._-]")));
        }
    }

    private void checkNamespace(String namespace, SourceRange range) {
        if (namespace.length() > MAX_NAMESPACE) {
            problems.add(Problem.error("bad-namespace", "namespace is " + namespace.length()
                    + " characters long; at most " + MAX_NAMESPACE + " are allowed", range));
        } else if (!NAMESPACE.matcher(namespace).matches()) {
            String fixed = sanitize(namespace.toLowerCase(Locale.ROOT), "[^a-z0-9._-]");
            problems.add(suggest(Problem.error("bad-namespace", "namespace '" + namespace + "' may hold only lower-case "
                    + "letters, digits, '.', '_' and '-', and must start with a letter or digit", range), fixed));
        }
    }

    private void checkTaskIds(List<Task> tasks) {
        Map<String, SourceRange> seen = new HashMap<>();
        for (Task task : tasks) {
            String id = task.id();
            SourceRange range = task.header().source().valueRange("id");
            if (id.isEmpty()) {
                continue; // a missing id is the schema's to report
            }
            checkTaskId(id, range, "task id");
            SourceRange first = seen.putIfAbsent(id, range);
            if (first != null) {
                problems.add(Problem.error("duplicate-id", "task id '" + id + "' is already used at line "
                        + first.start().line() + "; ids must be unique across the flow", range));
            }
        }
    }

    private void checkTaskId(String id, SourceRange range, String what) {
        if (id.length() > MAX_TASK_ID) {
            problems.add(Problem.error("bad-id", what + " is " + id.length() + " characters long; at most "
                    + MAX_TASK_ID + " are allowed", range));
        } else if (!TASK_ID.matcher(id).matches()) {
            String hint = id.contains(".") ? " (dots are not allowed in task ids)" : "";
            problems.add(suggest(Problem.error("bad-id", what + " '" + id + "' may hold only letters, digits, '_' and '-',"
                    + " and must start with a letter or digit" + hint, range), sanitize(id, "[^a-zA-Z0-9_-]")));
        }
    }

    private void checkInputs(YamlMap root) {
        Map<String, SourceRange> seen = new HashMap<>();
        for (YamlMap input : maps(root, "inputs")) {
            if (input.has("name") && !input.has("id")) {
                problems.add(Problem.warning("deprecated", "'name' is deprecated for inputs; use 'id'",
                        input.keyRange("name")).withSuggestion("id"));
            }
            String key = input.has("id") ? "id" : "name";
            var id = input.string(key);
            if (id.isEmpty()) {
                continue; // missing: the schema says so
            }
            SourceRange range = input.valueRange(key);
            if (!INPUT_ID.matcher(id.get()).matches()) {
                problems.add(suggest(Problem.error("bad-id", "input id '" + id.get() + "' may hold only letters, digits,"
                        + " '.', '_' and '-', and must start with a letter or digit", range), sanitize(id.get(), "[^.a-zA-Z0-9_-]")));
            }
            SourceRange first = seen.putIfAbsent(id.get(), range);
            if (first != null) {
                problems.add(Problem.error("duplicate-id", "input id '" + id.get() + "' is already used at line "
                        + first.start().line(), range));
            }
        }
    }

    private void checkTriggers(YamlMap root) {
        Map<String, SourceRange> seen = new HashMap<>();
        for (YamlMap trigger : maps(root, "triggers")) {
            trigger.string("id").ifPresent(id -> {
                SourceRange range = trigger.valueRange("id");
                checkTaskId(id, range, "trigger id");
                SourceRange first = seen.putIfAbsent(id, range);
                if (first != null) {
                    problems.add(Problem.error("duplicate-id", "trigger id '" + id + "' is already used at line "
                            + first.start().line(), range));
                }
            });
        }
    }

    static List<YamlMap> maps(YamlMap parent, String key) {
        YamlNode node = parent.get(key).orElse(null);
        if (node instanceof YamlList list) {
            return list.items().stream().filter(YamlMap.class::isInstance).map(YamlMap.class::cast).toList();
        }
        return List.of();
    }

    private static Problem suggest(Problem problem, String fixed) {
        return fixed.isEmpty() || !Character.isLetterOrDigit(fixed.charAt(0)) ? problem : problem.withSuggestion(fixed);
    }

    private static String sanitize(String id, String disallowed) {
        return id.trim().replaceAll("\\s+", "_").replaceAll(disallowed, "_");
    }
}
