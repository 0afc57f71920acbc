package dev.flowbench.flow.yaml;

import dev.flowbench.flow.SourceRange;

/** A scalar with the type YAML 1.2's core schema resolved for it. */
public record YamlScalar(String value, Kind kind, SourceRange range) implements YamlNode {

    public enum Kind { STRING, INTEGER, FLOAT, BOOLEAN, NULL }

    public boolean isNull() {
        return kind == Kind.NULL;
    }

    @Override
    public String kindName() {
        return switch (kind) {
            case STRING -> "a string";
            case INTEGER -> "an integer";
            case FLOAT -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "empty";
        };
    }
}
