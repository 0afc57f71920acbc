package dev.flowbench.flow.check;

import dev.flowbench.flow.Flow;
import dev.flowbench.flow.Problem;
import dev.flowbench.flow.yaml.YamlList;
import dev.flowbench.flow.yaml.YamlMap;
import java.util.List;
import java.util.Set;

/** Checks of the flow's own fields that a schema cannot express. */
final class FlowCheck {

    private static final Set<String> CHOICE_TYPES = Set.of("ENUM", "SELECT", "MULTISELECT");

    private final List<Problem> problems;

    FlowCheck(List<Problem> problems) {
        this.problems = problems;
    }

    void check(Flow flow) {
        YamlMap root = flow.source();
        if (root.get("tasks").orElse(null) instanceof YamlList tasks && tasks.items().isEmpty()) {
            problems.add(Problem.error("empty-tasks", "'tasks' is empty; a flow needs at least one task", tasks.range()));
        }
        for (YamlMap input : IdCheck.maps(root, "inputs")) {
            String type = input.string("type").orElse("");
            if (CHOICE_TYPES.contains(type) && !input.has("values") && !input.has("options")) {
                problems.add(Problem.error("missing-property", "an input of type " + type + " needs 'values': the choices offered",
                        input.keyRange("type")));
            }
        }
    }
}
