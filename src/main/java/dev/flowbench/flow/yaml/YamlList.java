package dev.flowbench.flow.yaml;

import dev.flowbench.flow.SourceRange;
import java.util.List;

public record YamlList(List<YamlNode> items, SourceRange range) implements YamlNode {

    public YamlList {
        items = List.copyOf(items);
    }

    public int size() {
        return items.size();
    }

    public YamlNode get(int index) {
        return items.get(index);
    }

    @Override
    public String kindName() {
        return "a list";
    }
}
