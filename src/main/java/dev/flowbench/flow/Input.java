package dev.flowbench.flow;

import dev.flowbench.flow.yaml.YamlMap;
import java.util.List;

/** A flow input. {@code defaults} is a plain Java value (String, Long, Double, Boolean, List, Map) or null. */
public record Input(String id, String type, String description, boolean required, Object defaults,
                    List<String> values, YamlMap source) {
}
