package dev.flowbench.engine;

import dev.flowbench.flow.Task;
import dev.flowbench.flow.yaml.YamlValues;
import dev.flowbench.flow.pebble.Expressions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The upstream outputs a task reads, as its expressions name them ({@code outputs.extract.vars.rows},
 * {@code outputs['my-task'].uri}): what "run this task" must find in earlier runs before it runs anything.
 */
final class OutputReferences {

    private static final String KEY = "(?:\\.([A-Za-z_][A-Za-z0-9_]*)|\\[\\s*['\"]([^'\"]+)['\"]\\s*\\])";
    private static final Pattern REFERENCE = Pattern.compile("\\boutputs" + KEY + "((?:" + KEY + ")*)");
    private static final Pattern PART = Pattern.compile(KEY);
    /** Only expressions read outputs: {@code outputs.txt} in a script's text is a file name. */

    /** A reference made in task {@code inTask}: the task it reads and the path into its outputs ({@code [vars, rows]}). */
    record Reference(String inTask, String taskId, List<String> path) {
        /** As an expression would say it: {@code outputs.extract.outputFiles['data.csv']}. */
        String text() {
            return "outputs" + key(taskId) + path.stream().map(OutputReferences::key).collect(java.util.stream.Collectors.joining());
        }
    }

    /** The keys under which a task holds the tasks nested in it: their references are theirs. */
    private static final Set<String> NESTED = Set.of("tasks", "errors", "finally");

    private OutputReferences() {
    }

    /** The references in {@code task} and the tasks nested in it, to tasks outside it, in document order. */
    static List<Reference> outside(Task task) {
        Set<String> inside = new java.util.HashSet<>(task.ids());
        Set<Reference> found = new LinkedHashSet<>();
        collectTask(task, found);
        return found.stream().filter(reference -> !inside.contains(reference.taskId())).toList();
    }

    private static String key(String name) {
        return name.matches("[A-Za-z_][A-Za-z0-9_]*") ? "." + name : "['" + name + "']";
    }

    private static void collectTask(Task task, Set<Reference> found) {
        if (YamlValues.toJava(task.header().source()) instanceof Map<?, ?> source) {
            source.forEach((key, value) -> {
                if (task.children().isEmpty() || !NESTED.contains(String.valueOf(key))) {
                    collect(task.id(), value, found);
                }
            });
        }
        task.children().forEach(child -> collectTask(child, found));
    }

    /**
     * What is missing of {@code reference} in {@code outputs} (the tasks' outputs so far): empty when the path reads
     * a value; else the part of the path that is not there.
     */
    static Optional<String> missing(Reference reference, Map<String, Object> outputs) {
        Object value = outputs.get(reference.taskId());
        if (value == null) {
            return Optional.of(reference.taskId());
        }
        StringBuilder walked = new StringBuilder();
        for (String name : reference.path()) {
            walked.append(key(name));
            if (!(value instanceof Map<?, ?> map) || !map.containsKey(name)) {
                return Optional.of("'" + walked.substring(walked.charAt(0) == '.' ? 1 : 0) + "'");
            }
            value = map.get(name);
        }
        return Optional.empty();
    }

    private static void collect(String inTask, Object value, Set<Reference> found) {
        if (value instanceof String text) {
            Matcher expressions = Expressions.SEGMENT.matcher(text);
            while (expressions.find()) {
                collectIn(inTask, expressions.group(1) != null ? expressions.group(1) : expressions.group(2), found);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(v -> collect(inTask, v, found));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> collect(inTask, v, found));
        }
    }

    private static void collectIn(String inTask, String expression, Set<Reference> found) {
        Matcher matcher = REFERENCE.matcher(expression);
        while (matcher.find()) {
            String task = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
            List<String> path = new ArrayList<>();
            Matcher part = PART.matcher(matcher.group(3));
            while (part.find()) {
                path.add(part.group(1) != null ? part.group(1) : part.group(2));
            }
            found.add(new Reference(inTask, task, List.copyOf(path)));
        }
    }
}
