package dev.flowbench.flow.yaml;

import dev.flowbench.flow.SourceRange;

/** A node of a parsed YAML document that remembers where in the text it came from. */
public sealed interface YamlNode permits YamlMap, YamlList, YamlScalar {

    SourceRange range();

    /** A short name of the node's kind for messages: "a map", "a list", "a string", ... */
    String kindName();
}
