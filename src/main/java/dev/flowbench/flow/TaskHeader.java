package dev.flowbench.flow;

import dev.flowbench.flow.yaml.YamlMap;

/**
 * What every task has. {@code type} is as written; {@code canonicalType} is the current name of a known
 * type (older aliases resolved) or the written type for any other. {@code timeout} stays text because it
 * may be an expression; it is parsed when the task runs.
 */
public record TaskHeader(String id, String type, String canonicalType, String description,
                         boolean disabled, boolean allowFailure, String timeout, YamlMap source) {
}
