package dev.flowbench.flow.check;

import dev.flowbench.flow.Flow;
import dev.flowbench.flow.Problem;
import dev.flowbench.flow.SourcePosition;
import dev.flowbench.flow.SourceRange;
import dev.flowbench.flow.Task;
import dev.flowbench.flow.Suggestions;
import dev.flowbench.flow.pebble.ExpressionNames;
import dev.flowbench.flow.pebble.KestraPebble;
import dev.flowbench.flow.pebble.TemplateReferences;
import dev.flowbench.flow.pebble.TemplateReferences.Kind;
import dev.flowbench.flow.yaml.YamlList;
import dev.flowbench.flow.yaml.YamlMap;
import dev.flowbench.flow.yaml.YamlNode;
import dev.flowbench.flow.yaml.YamlScalar;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles every {@code {{ }}} and {@code {% %}} of the flow with the engine that will render it, so that an
 * expression that cannot run is reported where it is written rather than when its task runs: a syntax error, a
 * function, filter or test that does not exist (or that Kestra has and Flowbench does not render) are errors; an
 * input, task output or variable the flow does not define is a warning (the template may be meant for another
 * flow's values, or guard it in a way not seen here). Descriptions are prose, not rendered, and ids and types never are.
 */
final class ExpressionCheck {

    private static final Set<String> NOT_RENDERED = Set.of("description", "id", "type");

    private final String text;
    private final List<Problem> problems;
    private final List<DashedReference> dashed = new ArrayList<>();
    /** The names the flow defines under each root an expression reads them from. */
    private final Map<String, Set<String>> defined;

    /** Kestra's rule: {@code inputs.a-b} is a subtraction, so an id with a dash must be written {@code inputs['a-b']}. */
    private record DashedReference(Pattern pattern, String kind, String id) {
    }

    ExpressionCheck(String text, Flow flow, List<Problem> problems) {
        this.text = text;
        this.problems = problems;
        Set<String> inputs = new LinkedHashSet<>();
        IdCheck.maps(flow.source(), "inputs").forEach(input -> input.string("id").ifPresent(inputs::add));
        Set<String> tasks = new LinkedHashSet<>();
        flow.allTasks().forEach(task -> tasks.add(task.id()));
        Set<String> variables = new LinkedHashSet<>();
        flow.source().get("variables").filter(YamlMap.class::isInstance)
                .ifPresent(node -> variables.addAll(((YamlMap) node).entries().keySet()));
        for (Task task : flow.allTasks()) { // what SetVariables sets is a variable of the tasks after it
            if (task instanceof dev.flowbench.flow.SetVariablesTask set && set.variables() instanceof Map<?, ?> names) {
                names.keySet().forEach(name -> variables.add(String.valueOf(name)));
            }
        }
        defined = Map.of("inputs", inputs, "outputs", tasks, "vars", variables);
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
            KestraPebble.Reading reading = KestraPebble.read(scalar.value());
            reading.error().ifPresent(error -> problems.add(Problem.error("bad-expression",
                    "this expression cannot be rendered: " + error.message(), where(scalar, error.line()))));
            checkNames(scalar, reading.references());
            for (DashedReference reference : dashed) {
                if (reference.pattern().matcher(scalar.value()).find()) {
                    problems.add(Problem.error("dashed-reference", "Invalid " + reference.kind().replaceAll("s$", "")
                            + " reference: use " + reference.kind() + "['" + reference.id() + "'] instead of " + reference.kind()
                            + "." + reference.id() + " (keys with dashes require bracket notation)", scalar.range()));
                }
            }
        }
    }

    /** The functions, filters and tests it calls, and the inputs, outputs and variables it reads. */
    private void checkNames(YamlScalar scalar, TemplateReferences references) {
        Set<String> told = new HashSet<>();
        for (TemplateReferences.Call call : references.calls()) {
            if (ExpressionNames.rendered(call.kind(), call.name())
                    || call.kind() == Kind.FUNCTION && references.macros().contains(call.name())
                    || !told.add(call.kind() + " " + call.name())) {
                continue;
            }
            String shown = shown(call.kind(), call.name());
            SourceRange range = locate(scalar, callPattern(call), call.line());
            if (ExpressionNames.renamedTo(call.kind(), call.name()).isPresent()) {
                String current = ExpressionNames.renamedTo(call.kind(), call.name()).get();
                Problem removed = Problem.error("removed-" + noun(call.kind()), shown + " was removed in Kestra 2: use "
                        + shown(call.kind(), current), range);
                // where the name itself was found, the fix is to write the new one in its place
                problems.add(isExactly(range, callPattern(call)) ? removed.withSuggestion(written(call.kind(), current))
                        : removed);
            } else if (ExpressionNames.kestras(call.kind(), call.name())) {
                // valid Kestra, as a core task Flowbench does not run is: a warning, said where it would bite
                problems.add(Problem.warning("not-rendered-here", shown + " is a Kestra " + noun(call.kind()) + " that"
                        + " Flowbench does not render yet: this value would fail here when its task runs (it renders on"
                        + " a Kestra server)", range));
            } else {
                String hint = Suggestions.closest(call.name(), ExpressionNames.known(call.kind()))
                        .map(name -> "; did you mean " + shown(call.kind(), name) + "?").orElse("");
                problems.add(Problem.error("unknown-" + noun(call.kind()), "there is no " + noun(call.kind()) + " "
                        + shown + " in Kestra's expressions" + hint, range));
            }
        }
        for (TemplateReferences.Path path : references.unguardedPaths()) {
            Set<String> names = defined.get(path.names().get(0));
            if (names == null || path.names().size() < 2 || names.contains(path.names().get(1))) {
                continue;
            }
            String root = path.names().get(0);
            String name = path.names().get(1);
            if (!told.add(root + "." + name) || names.stream().anyMatch(known -> known.startsWith(name + "-"))) {
                continue; // told already, or an id with a dash read as a subtraction (a dashed-reference error)
            }
            String hint = Suggestions.closest(name, names).map(close -> "; did you mean '" + close + "'?").orElse("");
            String what = switch (root) {
                case "inputs" -> "the flow has no input '" + name + "'";
                case "outputs" -> "the flow has no task '" + name + "'";
                default -> "the flow declares no variable '" + name + "' (under variables:)";
            };
            Pattern pattern = Pattern.compile("\\b" + root + "\\s*(?:\\.\\s*" + Pattern.quote(name) + "\\b|\\[\\s*['\"]"
                    + Pattern.quote(name) + "['\"]\\s*])");
            problems.add(Problem.warning("undefined-" + root.replaceAll("s$", ""), root + "." + name + ": " + what
                    + ", so rendering it would fail" + hint, locate(scalar, pattern, path.line())));
        }
    }

    private static String noun(Kind kind) {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** A name as it is written: {@code now()}, {@code | upper}, {@code is defined}. */
    private static String shown(Kind kind, String name) {
        return switch (kind) {
            case FUNCTION -> name + "()";
            case FILTER -> "'| " + name + "'";
            case TEST -> "'is " + name + "'";
        };
    }

    private static Pattern callPattern(TemplateReferences.Call call) {
        String name = Pattern.quote(call.name());
        return Pattern.compile(switch (call.kind()) {
            case FUNCTION -> "\\b" + name + "\\s*\\(";
            case FILTER -> "\\|\\s*" + name + "\\b";
            case TEST -> "\\bis\\s+(?:not\\s+)?" + name + "\\b";
        });
    }

    /** True when {@code range} covers a call of the name as {@link #callPattern} finds it (not a whole line). */
    private boolean isExactly(SourceRange range, Pattern pattern) {
        int from = range.start().offset();
        int to = Math.min(range.end().offset(), text.length());
        return from < to && pattern.matcher(text.substring(from, to)).matches();
    }

    /** What replaces a call's matched text: {@code fromJson(}, {@code | toJson}. */
    private static String written(Kind kind, String name) {
        return switch (kind) {
            case FUNCTION -> name + "(";
            case FILTER -> "| " + name;
            case TEST -> "is " + name;
        };
    }

    /** Where the name is written in the scalar's text; its line (or the scalar) when it cannot be found there. */
    private SourceRange locate(YamlScalar scalar, Pattern pattern, int templateLine) {
        SourceRange range = scalar.range();
        int from = range.start().offset();
        int to = Math.min(range.end().offset(), text.length());
        Matcher matcher = pattern.matcher(text).region(from, to);
        if (!matcher.find()) {
            return where(scalar, templateLine);
        }
        return new SourceRange(position(matcher.start()), position(matcher.end()));
    }

    private SourcePosition position(int offset) {
        int line = 1;
        int lineStart = 0;
        for (int at = text.indexOf('\n'); at >= 0 && at < offset; at = text.indexOf('\n', at + 1)) {
            line++;
            lineStart = at + 1;
        }
        return new SourcePosition(line, text.codePointCount(lineStart, offset) + 1, offset);
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
