package dev.flowbench.flow.migrate;

import dev.flowbench.flow.TaskTypes;
import dev.flowbench.flow.edit.EditResult;
import dev.flowbench.flow.edit.TaskRef;
import dev.flowbench.flow.edit.TextEdit;
import dev.flowbench.flow.yaml.YamlMap;
import dev.flowbench.flow.yaml.YamlScalar;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ForEach, EachSequential and EachParallel as Kestra 2's Loop: the type, {@code value} to {@code values}, the
 * concurrency written out (sequential ones get {@code concurrencyLimit: 1}, EachParallel's {@code concurrent} becomes
 * {@code concurrencyLimit}, unlimited being 0 for both), and the expressions of the tasks it runs: {@code taskrun.value}
 * to {@code item.value}, {@code taskrun.iteration} to {@code item.index}, {@code parents[0].taskrun.value} to
 * {@code item.parent.value}, an iteration's own outputs read without their {@code [taskrun.value]}. What an iteration's
 * outputs become after the loop is not mechanical (Kestra 2 wants them declared on the Loop): that is flagged.
 */
final class LoopRewrites {

    static final String LOOP = "io.kestra.plugin.core.flow.Loop";
    private static final String FOR_EACH = "io.kestra.plugin.core.flow.ForEach";
    private static final String SEQUENTIAL = "io.kestra.plugin.core.flow.EachSequential";
    private static final String PARALLEL = "io.kestra.plugin.core.flow.EachParallel";
    private static final Set<String> EACH = Set.of(FOR_EACH, SEQUENTIAL, PARALLEL);

    private static final String NAME = "(?:\\.([\\w-]+)|\\[\\s*['\"]([^'\"]+)['\"]\\s*])";
    private static final Pattern OWN_ITERATION = Pattern.compile(
            "(?<![\\w.])(outputs" + NAME + ")\\s*\\[\\s*(?:parent\\.)?taskrun\\.value\\s*]");
    private static final Pattern CURRENT_EACH_OUTPUT = Pattern.compile("currentEachOutput\\(\\s*([^()]*?)\\s*\\)");
    private static final Pattern GRANDPARENT = Pattern.compile("(?<![\\w.])parents\\[0]\\.taskrun\\.value\\b");
    private static final Pattern PARENT_VALUE = Pattern.compile("(?<![\\w.])parent\\.taskrun\\.value\\b");
    private static final Pattern VALUE = Pattern.compile("(?<![\\w.])taskrun\\.value\\b");
    private static final Pattern ITERATION = Pattern.compile("(?<![\\w.])taskrun\\.iteration\\b");
    private static final Pattern LEFT_OVER = Pattern.compile("(?<![\\w.])(taskrun\\.(value|iteration)|parents\\[\\d+]\\.taskrun)\\b");

    private final Findings findings;
    private final Map<TaskRef, TaskRef> loopOf = new HashMap<>();
    private final Map<String, TaskRef> byId = new HashMap<>();

    LoopRewrites(Findings findings) {
        this.findings = findings;
        for (TaskRef ref : findings.tasks) {
            byId.putIfAbsent(ref.id(), ref);
            ref.enclosing(this::isLoop).ifPresent(loop -> loopOf.put(ref, loop));
        }
    }

    void find() {
        for (TaskRef ref : findings.tasks) {
            if (EACH.contains(findings.canonical(ref.type()))) {
                rewrite(ref);
            }
        }
    }

    private boolean isLoop(TaskRef ref) {
        String type = findings.canonical(ref.type());
        return EACH.contains(type) || LOOP.equals(type);
    }

    private void rewrite(TaskRef each) {
        String type = findings.canonical(each.type());
        YamlMap task = each.task();
        List<EditResult> steps = new ArrayList<>();
        steps.add(findings.edits.setIn(task, List.of("type"), LOOP));
        String valuesKey = type.equals(FOR_EACH) ? "values" : "value";
        if (!type.equals(FOR_EACH)) {
            steps.add(findings.edits.renameKey(task, "value", "values"));
        }
        if (type.equals(PARALLEL)) {
            steps.add(task.has("concurrent") ? findings.edits.renameKey(task, "concurrent", "concurrencyLimit")
                    : findings.edits.addAfter(task, valuesKey, "concurrencyLimit", 0));
        } else if (!task.has("concurrencyLimit")) {
            steps.add(findings.edits.addAfter(task, valuesKey, "concurrencyLimit", 1));
        }
        boolean nested = loopOf.containsKey(each);
        for (TaskRef inside : findings.tasks) {
            if (loopOf.get(inside) != each) {
                continue;
            }
            for (YamlScalar scalar : TaskRef.ownScalars(inside.task())) {
                TextEdit edit = findings.inExpressions(scalar, expression -> rewriteExpression(expression, each, nested));
                if (edit != null) {
                    steps.add(EditResult.of(edit));
                    if (LEFT_OVER.matcher(edit.text()).find()) {
                        findings.manual(scalar.range(), "in Loop " + each.id() + ", write the value of an outer loop"
                                + " as item.parent.value or item.parents[n].value: Flowbench could not tell which loop"
                                + " this parents[...] names");
                    }
                }
            }
        }
        findings.offer("Rewrite " + TaskTypes.shortName(type) + " as Loop", task.valueRange("type"), steps);
    }

    private String rewriteExpression(String expression, TaskRef each, boolean nested) {
        String out = replace(OWN_ITERATION, expression, m -> inLoop(name(m, 2), each) ? m.group(1) : m.group());
        out = replace(CURRENT_EACH_OUTPUT, out, m -> m.group(1));
        if (nested) {
            out = GRANDPARENT.matcher(out).replaceAll("item.parent.value");
        }
        out = PARENT_VALUE.matcher(out).replaceAll("item.value");
        out = VALUE.matcher(out).replaceAll("item.value");
        return ITERATION.matcher(out).replaceAll("item.index");
    }

    private boolean inLoop(String taskId, TaskRef loop) {
        TaskRef target = byId.get(taskId);
        return target != null && loopOf.get(target) == loop;
    }

    private static String name(Matcher matcher, int group) {
        return matcher.group(group) != null ? matcher.group(group) : matcher.group(group + 1);
    }

    private static String replace(Pattern pattern, String text, java.util.function.Function<Matcher, String> with) {
        Matcher matcher = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(with.apply(matcher)));
        }
        return matcher.appendTail(out).toString();
    }
}
