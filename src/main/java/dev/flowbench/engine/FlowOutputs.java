package dev.flowbench.engine;

import dev.flowbench.flow.yaml.YamlList;
import dev.flowbench.flow.yaml.YamlMap;
import dev.flowbench.flow.yaml.YamlNode;
import dev.flowbench.flow.yaml.YamlValues;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A flow's own {@code outputs} ({@code [{id, type, value}]}), rendered once its tasks have ended, as Kestra renders them:
 * a value that cannot be rendered fails the execution (kestra-oracle: flow-with-outputs-failed.yml ends FAILED with its
 * tasks SUCCESS), unless the output says {@code required: false} (then it is left out). Expressions after that, in {@code afterExecution}, read them as {@code execution.outputs}.
 */
final class FlowOutputs {

    /** The outputs rendered, or the first that could not be, with why. */
    record Rendered(Map<String, Object> values, String failure) {
    }

    private FlowOutputs() {
    }

    /** The outputs that can be rendered, the others left out: for an execution that failed. */
    static Map<String, Object> renderWhatCan(YamlMap flowSource, UnaryOperator<String> render) {
        return render(flowSource, render, true).values();
    }

    static Rendered render(YamlMap flowSource, UnaryOperator<String> render) {
        return render(flowSource, render, false);
    }

    /** With {@code leaveOut}, an output that cannot be rendered is left out as if {@code required: false}. */
    private static Rendered render(YamlMap flowSource, UnaryOperator<String> render, boolean leaveOut) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (!(flowSource.get("outputs").orElse(null) instanceof YamlList list)) {
            return new Rendered(values, null);
        }
        for (YamlNode item : list.items()) {
            if (!(item instanceof YamlMap output)) {
                continue;
            }
            String id = output.string("id").orElse("");
            try {
                values.put(id, dev.flowbench.engine.tasks.Rendered.of(YamlValues.toJava(output.get("value").orElse(null)), render));
            } catch (Templates.TemplateError | dev.flowbench.flow.pebble.RenderStopped e) {
                if (!leaveOut && !output.string("required").map("false"::equalsIgnoreCase).orElse(false)) {
                    return new Rendered(values, "the flow's output '" + id + "' could not be rendered: " + e.getMessage());
                }
            }
        }
        return new Rendered(values, null);
    }
}
