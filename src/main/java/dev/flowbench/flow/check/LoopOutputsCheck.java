package dev.flowbench.flow.check;

import dev.flowbench.flow.FlowSchema;
import dev.flowbench.flow.Problem;
import dev.flowbench.flow.edit.TaskRef;
import dev.flowbench.flow.pebble.Expressions;
import dev.flowbench.flow.yaml.YamlScalar;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kestra 2 runs each iteration of a Loop as an execution of its own: a task in the loop has outputs only inside
 * its iteration. Reading them after the loop ({@code outputs.t['a']}, as ForEach allowed) finds nothing; what
 * the loop should give is declared in its {@code outputs} and read with {@code loopOutputs()}. A warning where a
 * task reads them so, with what to write.
 */
final class LoopOutputsCheck {

    static final String CODE = "loop-outputs";
    private static final Set<String> LOOPS = Set.of("io.kestra.plugin.core.flow.Loop", "io.kestra.plugin.core.flow.ForEach",
            "io.kestra.plugin.core.flow.EachSequential", "io.kestra.plugin.core.flow.EachParallel");
    private static final Pattern OUTPUTS_OF = Pattern.compile("(?<![\\w.])outputs(?:\\.([\\w-]+)|\\[\\s*['\"]([^'\"]+)['\"]\\s*])");

    private final FlowSchema schema;
    private final List<Problem> problems;

    LoopOutputsCheck(FlowSchema schema, List<Problem> problems) {
        this.schema = schema;
        this.problems = problems;
    }

    void check(dev.flowbench.flow.Flow flow) {
        if (flow.allTasks().stream().noneMatch(task -> LOOPS.contains(schema.aliases().getOrDefault(task.type(), task.type())))) {
            return; // most flows: nothing to read after a loop
        }
        List<TaskRef> tasks = TaskRef.all(flow.source());
        Map<String, TaskRef> byId = new HashMap<>();
        Map<TaskRef, TaskRef> loopOf = new HashMap<>();
        for (TaskRef ref : tasks) {
            byId.putIfAbsent(ref.id(), ref);
            ref.enclosing(up -> LOOPS.contains(schema.aliases().getOrDefault(up.type(), up.type())))
                    .ifPresent(loop -> loopOf.put(ref, loop));
        }
        if (loopOf.isEmpty()) {
            return;
        }
        for (TaskRef reader : tasks) {
            for (YamlScalar scalar : TaskRef.ownScalars(reader.task())) {
                readAfterLoop(scalar, reader, byId, loopOf);
            }
        }
    }

    private void readAfterLoop(YamlScalar scalar, TaskRef reader, Map<String, TaskRef> byId, Map<TaskRef, TaskRef> loopOf) {
        for (String expression : Expressions.in(scalar.value())) {
            Matcher outputs = OUTPUTS_OF.matcher(expression);
            while (outputs.find()) {
                String id = outputs.group(1) != null ? outputs.group(1) : outputs.group(2);
                TaskRef target = byId.get(id);
                TaskRef loop = target == null ? null : loopOf.get(target);
                if (loop != null && !loop.contains(reader)) {
                    problems.add(Problem.warning(CODE, "outputs." + id + " is read after Loop " + loop.id() + ", which"
                            + " runs " + id + " once per iteration: in Kestra 2 declare what is needed in " + loop.id()
                            + "'s 'outputs' ({id, type, value}) and read it with loopOutputs(outputs." + loop.id()
                            + ".outputs, 'id')", scalar.range()));
                    return;
                }
            }
        }
    }
}
