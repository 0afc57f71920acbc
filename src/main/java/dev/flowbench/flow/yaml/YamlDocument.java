package dev.flowbench.flow.yaml;

import dev.flowbench.flow.Problem;
import java.util.List;
import java.util.Optional;

/** The outcome of reading YAML text: the tree when there is one, and what was wrong with the text. */
public record YamlDocument(SourceText source, YamlNode root, List<Problem> problems) {

    public YamlDocument {
        problems = List.copyOf(problems);
    }

    public Optional<YamlNode> rootNode() {
        return Optional.ofNullable(root);
    }
}
