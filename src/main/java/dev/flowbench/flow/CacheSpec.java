package dev.flowbench.flow;

import dev.flowbench.flow.yaml.YamlMap;
import java.util.List;

/** A WorkingDirectory's {@code cache}: globs relative to the working directory, and a ttl as written (or null). */
public record CacheSpec(List<String> patterns, String ttl, YamlMap source) {
}
