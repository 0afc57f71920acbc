package dev.flowbench.flow.check;

import dev.flowbench.flow.Flow;
import dev.flowbench.flow.Problem;
import dev.flowbench.flow.SourcePosition;
import dev.flowbench.flow.SourceRange;
import dev.flowbench.flow.Task;
import dev.flowbench.flow.pebble.KestraPebble;
import dev.flowbench.flow.yaml.YamlList;
import dev.flowbench.flow.yaml.YamlMap;
import dev.flowbench.flow.yaml.YamlNode;
import dev.flowbench.flow.yaml.YamlScalar;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Compiles every {@code {{ }}} and {@code {% %}} of the flow with the engine that will render it, so that an
 * expression that cannot run is reported where it is written rather than when its task runs. Descriptions
 * are prose, not rendered, and ids and types never are.
 */
final class ExpressionCheck {

    private static final Set<String> NOT_RENDERED = Set.of("description", "id", "type");

    private final String text;
    private final List<Problem> problems;
    private final List<DashedReference> dashed = new ArrayList<>();

    /** Kestra's rule: {@code inputs.a-b} is a subtraction, so an id with a dash must be written {@code inputs['a-b']}. */
    private record DashedReference(Pattern pattern, String kind, String id) {
    }

    ExpressionCheck(String text, Flow flow, List<Problem> problems) {
        this.text = text;
        this.problems = problems;
        for (YamlMap input : IdCheck.maps(flow.source(), "inputs")) {
            input.string("id").filter(id -> id.contains("-")).ifPresent(id -> dashed.add(new DashedReference(
                    Pattern.compile("\\{\\{\\s*inputs\\." + Pattern.quote(id) + "\\s*}}"), "inputs", id)));
        }
        for (Task task : flow.allTasks()) {
            if (task.id().contains("-")) {
                dashed.add(new DashedReference(Pattern.compile("\\{\\{\\s*outputs\\." + Pattern.quote(task.id()) + "\\.[^}]+}}"),
                        "outputs", task.id()));
            }
        }
    }

    void check(YamlNode node) {
        if (node instanceof YamlMap map) {
            for (YamlMap.Entry entry : map.entries().values()) {
                if (!NOT_RENDERED.contains(entry.key())) {
                    check(entry.value());
                }
            }
        } else if (node instanceof YamlList list) {
            list.items().forEach(this::check);
        } else if (node instanceof YamlScalar scalar && scalar.kind() == YamlScalar.Kind.STRING) {
            KestraPebble.syntaxError(scalar.value()).ifPresent(error -> problems.add(Problem.error("bad-expression",
                    "this expression cannot be rendered: " + error.message(), where(scalar, error.line()))));
            for (DashedReference reference : dashed) {
                if (reference.pattern().matcher(scalar.value()).find()) {
                    problems.add(Problem.error("dashed-reference", "Invalid " + reference.kind().replaceAll("s$", "")
                            + " reference: use " + reference.kind() + "['" + reference.id() + "'] instead of " + reference.kind()
                            + "." + reference.id() + " (keys with dashes require bracket notation)", scalar.range()));
                }
            }
        }
    }

    /**
     * The line of a literal block scalar ({@code |}) that the error is on, whose lines are the text's lines;
     * the whole scalar otherwise (folding and quoting move lines about).
     */
    private SourceRange where(YamlScalar scalar, int templateLine) {
        SourceRange range = scalar.range();
        int offset = range.start().offset();
        if (offset >= text.length() || text.charAt(offset) != '|') {
            return range;
        }
        int line = range.start().line() + templateLine;
        int lineStart = offset;
        for (int at = range.start().line(); at < line; at++) {
            int next = text.indexOf('\n', lineStart);
            if (next < 0 || next >= range.end().offset()) {
                return range;
            }
            lineStart = next + 1;
        }
        int start = lineStart;
        while (start < text.length() && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
            start++;
        }
        int end = text.indexOf('\n', start);
        end = end < 0 ? text.length() : end;
        int column = text.codePointCount(lineStart, start) + 1;
        return new SourceRange(new SourcePosition(line, column, start),
                new SourcePosition(line, column + text.codePointCount(start, end), end));
    }
}
