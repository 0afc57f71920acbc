package dev.flowbench.flow;

import static dev.flowbench.flow.yaml.YamlValues.bool;
import static dev.flowbench.flow.yaml.YamlValues.string;
import static dev.flowbench.flow.yaml.YamlValues.strings;

import dev.flowbench.flow.yaml.YamlList;
import dev.flowbench.flow.yaml.YamlMap;
import dev.flowbench.flow.yaml.YamlNode;
import dev.flowbench.flow.yaml.YamlValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds a {@link Flow} from the root map of a flow document, leniently. */
public final class FlowReader {

    private final TaskReader tasks;

    public FlowReader(FlowSchema schema) {
        this.tasks = new TaskReader(schema);
    }

    public Flow read(YamlMap root) {
        return new Flow(root.string("id").orElse(""), root.string("namespace").orElse(""),
                root.string("description").orElse(null), labels(root.get("labels")), inputs(root.get("inputs")),
                variables(root.get("variables")), tasks.readList(root.get("tasks")), tasks.readList(root.get("errors")),
                tasks.readList(root.get("finally")), tasks.readList(root.get("afterExecution")), root);
    }

    private static List<Input> inputs(Optional<YamlNode> node) {
        List<Input> inputs = new ArrayList<>();
        if (node.isPresent() && node.get() instanceof YamlList list) {
            for (YamlNode item : list.items()) {
                if (item instanceof YamlMap map) {
                    inputs.add(new Input(map.string("id").or(() -> map.string("name")).orElse(""),
                            map.string("type").orElse("STRING"), map.string("description").orElse(null),
                            bool(map, "required", true), map.get("defaults").map(YamlValues::toJava).orElse(null),
                            strings(map.get("values")), map));
                }
            }
        }
        return inputs;
    }

    private static Map<String, String> labels(Optional<YamlNode> node) {
        Map<String, String> labels = new LinkedHashMap<>();
        node.ifPresent(n -> {
            if (n instanceof YamlMap map) {
                map.entries().forEach((key, entry) -> string(entry.value()).ifPresent(v -> labels.put(key, v)));
            } else if (n instanceof YamlList list) {
                for (YamlNode item : list.items()) {
                    if (item instanceof YamlMap pair && pair.string("key").isPresent()) {
                        labels.put(pair.string("key").get(), pair.string("value").orElse(""));
                    }
                }
            }
        });
        return labels;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> variables(Optional<YamlNode> node) {
        return node.filter(YamlMap.class::isInstance).map(n -> (Map<String, Object>) YamlValues.toJava(n))
                .orElseGet(Map::of);
    }
}
