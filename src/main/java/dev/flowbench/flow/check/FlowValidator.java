package dev.flowbench.flow.check;

import dev.flowbench.flow.Flow;
import dev.flowbench.flow.FlowSchema;
import dev.flowbench.flow.KestraVersion;
import dev.flowbench.flow.FlowReader;
import dev.flowbench.flow.LoadedFlow;
import dev.flowbench.flow.Problem;
import dev.flowbench.flow.SourcePosition;
import dev.flowbench.flow.SourceRange;
import dev.flowbench.flow.yaml.YamlDocument;
import dev.flowbench.flow.yaml.YamlMap;
import dev.flowbench.flow.yaml.YamlReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a flow's text and reports every problem with it. Never throws: whatever the input, the answer is
 * a (possibly empty) list of problems, and the model whenever the text is a YAML map.
 */
public final class FlowValidator {

    private final FlowSchema schema;
    private final KestraVersion target;

    public FlowValidator() {
        this(FlowSchema.get(), KestraVersion.KESTRA_2);
    }

    public FlowValidator(KestraVersion target) {
        this(FlowSchema.get(), target);
    }

    public FlowValidator(FlowSchema schema, KestraVersion target) {
        this.schema = schema;
        this.target = target;
    }

    public KestraVersion target() {
        return target;
    }

    public LoadedFlow validate(String text) {
        YamlDocument document = YamlReader.read(text);
        List<Problem> problems = new ArrayList<>(document.problems());
        Flow flow = null;
        try {
            if (document.root() instanceof YamlMap root) {
                flow = new FlowReader(schema).read(root);
                Excuses excuses = new Excuses();
                new KestraVersionCheck(schema, target, problems, excuses).check(root, flow, document.source().text());
                List<Problem> found = new ArrayList<>();
                new SchemaCheck(schema, found).check(root, flow);
                new FlowCheck(found).check(flow);
                new IdCheck(found).check(flow);
                new TaskCheck(schema, found).check(flow.topLevelTasks());
                new KestraRuleCheck(schema, found).check(flow);
                new ExpressionCheck(document.source().text(), flow, found).check(root);
                if (target == KestraVersion.KESTRA_2) {
                    new LoopOutputsCheck(schema, found).check(flow);
                }
                found.stream().filter(problem -> !excuses.excuses(problem)).forEach(problems::add);
            } else if (document.problems().isEmpty()) {
                problems.add(notAFlow(document));
            }
        } catch (RuntimeException | StackOverflowError e) {
            problems.add(Problem.error("internal", "Flowbench could not check this flow (" + e
                    + "); please report it", SourceRange.at(SourcePosition.START)));
        }
        problems.sort(Problem.BY_POSITION);
        return new LoadedFlow(document.source(), flow, problems);
    }

    private static Problem notAFlow(YamlDocument document) {
        if (document.root() == null) {
            return Problem.error("empty-document", "the file is empty; a flow needs 'id', 'namespace' and 'tasks'",
                    SourceRange.at(SourcePosition.START));
        }
        return Problem.error("not-a-flow", "a flow is a map with 'id', 'namespace' and 'tasks', not "
                + document.root().kindName(), document.root().range());
    }
}
