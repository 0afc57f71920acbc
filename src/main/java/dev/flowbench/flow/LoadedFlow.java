package dev.flowbench.flow;

import dev.flowbench.flow.yaml.SourceText;
import java.util.List;
import java.util.Optional;

/**
 * A flow's text read and judged: the model when the text is a YAML map (even with problems), and every
 * problem found, ordered by position.
 */
public record LoadedFlow(SourceText source, Flow flow, List<Problem> problems) {

    public LoadedFlow {
        problems = List.copyOf(problems);
    }

    public Optional<Flow> model() {
        return Optional.ofNullable(flow);
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(Problem::isError);
    }
}
