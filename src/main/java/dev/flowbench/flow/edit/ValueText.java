package dev.flowbench.flow.edit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A value as it is written after {@code key:}: an inline part on the key's line ({@code " PT1H"}, {@code " [a, b]"},
 * {@code " |"}) and the block lines below it, indented from the key's column. Strings, booleans, numbers, lists of
 * them, multi-line strings (block literals) and maps of these (new nested keys such as {@code cache: {ttl: ..}}).
 */
record ValueText(String inline, List<String> block) {

    /** How the flow indents: a nested map's keys under their key, and a block list's dashes under their key. */
    record Steps(int map, int list) {
    }

    static ValueText of(Object value, ScalarFormat.Style style, boolean flowList, Steps steps) {
        if (value instanceof List<?> items) {
            return list(items, flowList, steps);
        }
        if (value instanceof Map<?, ?> map) {
            List<String> lines = new ArrayList<>();
            map.forEach((key, inner) -> {
                ValueText nested = of(inner, ScalarFormat.Style.PLAIN, false, steps);
                lines.add(" ".repeat(steps.map()) + key + ":" + nested.inline());
                nested.block().forEach(line -> lines.add(line.isEmpty() ? line : " ".repeat(steps.map()) + line));
            });
            return new ValueText("", lines);
        }
        if (value instanceof String text && text.indexOf('\n') >= 0) {
            return literal(text, steps.map());
        }
        return new ValueText(" " + ScalarFormat.format(value, style, false), List.of());
    }

    private static ValueText list(List<?> items, boolean flow, Steps steps) {
        if (items.isEmpty()) {
            return new ValueText(" []", List.of());
        }
        if (flow && items.stream().noneMatch(item -> item instanceof String text && text.indexOf('\n') >= 0)) {
            List<String> written = items.stream().map(item -> ScalarFormat.format(item, ScalarFormat.Style.PLAIN, true)).toList();
            return new ValueText(" [" + String.join(", ", written) + "]", List.of());
        }
        List<String> lines = new ArrayList<>();
        for (Object item : items) {
            lines.addAll(item instanceof Map<?, ?> map && !map.isEmpty() ? mapItem(map, steps) : item(item, steps.list()));
        }
        return new ValueText("", lines);
    }

    /** A map as a block list's item: its first key after the dash, the others under it. */
    private static List<String> mapItem(Map<?, ?> map, Steps steps) {
        List<String> body = of(map, ScalarFormat.Style.PLAIN, false, steps).block();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            String line = body.get(i).isEmpty() ? "" : body.get(i).substring(steps.map());
            lines.add(i == 0 ? " ".repeat(steps.list()) + "- " + line : line.isEmpty() ? line : " ".repeat(steps.list() + 2) + line);
        }
        return lines;
    }

    /** A block list's item, its dash at {@code column}. */
    static List<String> item(Object item, int column) {
        String dash = " ".repeat(column) + "-";
        if (item instanceof String text && text.indexOf('\n') >= 0) {
            ValueText literal = literal(text, column + 2);
            List<String> lines = new ArrayList<>();
            lines.add(dash + literal.inline());
            lines.addAll(literal.block());
            return lines;
        }
        return List.of(dash + " " + ScalarFormat.format(item, ScalarFormat.Style.PLAIN, false));
    }

    /** A block literal ({@code |}, or {@code |-} when the text does not end with a line break), its lines at {@code indent}. */
    static ValueText literal(String text, int indent) {
        boolean endsWithBreak = text.endsWith("\n");
        String body = endsWithBreak ? text.substring(0, text.length() - 1) : text;
        String[] lines = body.split("\n", -1);
        boolean leadingSpace = lines.length > 0 && lines[0].startsWith(" ");
        String header = " |" + (leadingSpace ? String.valueOf(Math.min(9, Math.max(1, indent))) : "") + (endsWithBreak ? "" : "-");
        List<String> block = new ArrayList<>();
        for (String line : lines) {
            block.add(line.isEmpty() ? "" : " ".repeat(indent) + line);
        }
        return new ValueText(header, block);
    }

    /** The block lines, each shifted right by {@code column} (blank lines stay empty), joined, each after a line break. */
    String blockAt(int column, String lineBreak) {
        StringBuilder out = new StringBuilder();
        for (String line : block) {
            out.append(lineBreak).append(line.isEmpty() ? "" : " ".repeat(column) + line);
        }
        return out.toString();
    }
}
