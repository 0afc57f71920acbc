package dev.flowbench.flow.pebble;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Kestra's own functions and filters that Flowbench renders, written after Kestra's documentation and checked against
 * kestra-oracle: {@code fromJson(text)}, {@code toJson}, {@code render(text)} (again until nothing changes, as Kestra's
 * recursive default), {@code renderOnce(text)}, {@code now()} (ISO-8601 with the zone), and, within an execution,
 * {@code errorLogs()} and {@code tasksWithState(state)}; {@code loopOutputs(outputs.loop.outputs, 'id')}.
 */
final class KestraFunctions extends AbstractExtension {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Passes of render(): each may bring expressions the next renders; a text still changing after these is returned. */
    private static final int RENDER_PASSES = 10;

    @Override
    public Map<String, Function> getFunctions() {
        return Map.of(
                "fromJson", function(List.of("json"), (args, context, line) -> fromJson(args.get("json"), line)),
                "render", function(List.of("toRender", "recursive"), (args, context, line) -> render(args.get("toRender"),
                        !Boolean.FALSE.equals(args.get("recursive")))),
                "renderOnce", function(List.of("toRender"), (args, context, line) -> render(args.get("toRender"), false)),
                "now", function(List.of(), (args, context, line) -> ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)),
                "errorLogs", function(List.of(), (args, context, line) -> view(context, "errorLogs", line).errorLogs()),
                "tasksWithState", function(List.of("state"), (args, context, line) ->
                        view(context, "tasksWithState", line).tasksWithState(String.valueOf(args.get("state")))),
                "loopOutputs", function(List.of("outputs", "id"), (args, context, line) -> loopOutputs(args.get("outputs"),
                        String.valueOf(args.get("id")), line)),
                "kv", function(List.of("key", "namespace", "errorOnMissing"), (args, context, line) -> kv(args, context, line)),
                "currentEachOutput", function(List.of("outputs"), (args, context, line) -> currentEachOutput(args.get("outputs"),
                        context, line)));
    }

    /** {@code x is json}: whether the text reads as JSON (Kestra's JsonTest: a number or a quoted text counts too). */
    @Override
    public Map<String, io.pebbletemplates.pebble.extension.Test> getTests() {
        return Map.of("json", new io.pebbletemplates.pebble.extension.Test() {
            @Override
            public List<String> getArgumentNames() {
                return null;
            }

            @Override
            public boolean apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int line) {
                if (!(input instanceof String text)) {
                    return false;
                }
                try {
                    JSON.readTree(text);
                    return true;
                } catch (JsonProcessingException e) {
                    return false;
                }
            }
        });
    }

    @Override
    public Map<String, Filter> getFilters() {
        return Map.of("jq", new JqFilter(), "number", new Filter() {
            @Override
            public List<String> getArgumentNames() {
                return List.of("type");
            }

            @Override
            public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int line) {
                return number(input, args.get("type"), line);
            }
        }, "keys", new Filter() {
            @Override
            public List<String> getArgumentNames() {
                return List.of();
            }

            @Override
            public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int line) {
                if (input instanceof Map<?, ?> map) {
                    return List.copyOf(map.keySet());
                }
                throw new PebbleException(null, "keys reads the keys of a map, not of " + (input == null ? "nothing" : input),
                        line, null);
            }
        }, "toJson", new Filter() {
            @Override
            public List<String> getArgumentNames() {
                return List.of();
            }

            @Override
            public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int line) {
                try {
                    return JSON.writeValueAsString(input);
                } catch (JsonProcessingException e) {
                    throw new PebbleException(e, "toJson cannot write it as JSON: " + e.getOriginalMessage(), line, null);
                }
            }
        });
    }

    private interface Body {
        Object call(Map<String, Object> args, EvaluationContext context, int line);
    }

    private static Function function(List<String> names, Body body) {
        return new Function() {
            @Override
            public List<String> getArgumentNames() {
                return names;
            }

            @Override
            public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int line) {
                return body.call(args, context, line);
            }
        };
    }

    private static Object fromJson(Object json, int line) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(String.valueOf(json), Object.class);
        } catch (JsonProcessingException e) {
            throw new PebbleException(e, "fromJson cannot read it: " + e.getOriginalMessage(), line, null);
        }
    }

    /**
     * {@code "3" | number}: a text read as a number, a whole one as a long and any other as a double, or as {@code type}
     * says (INT, LONG, FLOAT, DOUBLE, BIGDECIMAL); a number stays as it is.
     */
    private static Object number(Object input, Object type, int line) {
        if (input instanceof Number || input == null) {
            return input;
        }
        String text = String.valueOf(input).trim();
        try {
            String wanted = type == null ? "" : String.valueOf(type).toUpperCase(java.util.Locale.ROOT);
            return switch (wanted) {
                case "INT", "INTEGER" -> Integer.valueOf(text);
                case "LONG" -> Long.valueOf(text);
                case "FLOAT" -> Float.valueOf(text);
                case "DOUBLE" -> Double.valueOf(text);
                case "BIGDECIMAL" -> new java.math.BigDecimal(text);
                default -> text.matches("[-+]?\\d+") ? (Object) Long.valueOf(text) : (Object) Double.valueOf(text);
            };
        } catch (NumberFormatException e) {
            throw new PebbleException(e, "number cannot read '" + text + "' as a number", line, null);
        }
    }

    /** {@code kv('key')}: a value of the KV store, the flow's namespace unless given; a missing key fails unless told. */
    private static Object kv(Map<String, Object> args, EvaluationContext context, int line) {
        if (!(context.getVariable(KvLookup.VARIABLE) instanceof KvLookup store)) {
            throw new PebbleException(null, "kv() reads the KV store: it renders only while a flow runs", line, null);
        }
        String key = String.valueOf(args.get("key"));
        String namespace = args.get("namespace") == null ? store.namespace() : String.valueOf(args.get("namespace"));
        java.util.Optional<Object> value = store.get(namespace, key);
        if (value.isEmpty() && !Boolean.FALSE.equals(args.get("errorOnMissing"))) {
            throw new PebbleException(null, "The key '" + key + "' does not exist in the namespace '" + namespace + "'.", line, null);
        }
        return value.orElse(null);
    }

    /** Kestra 1.x's {@code currentEachOutput(outputs.t)}: the outputs of {@code t} in the ForEach iterations running now. */
    private static Object currentEachOutput(Object outputs, EvaluationContext context, int line) {
        if (!(context.getVariable(EachValues.VARIABLE) instanceof List<?> values)) {
            throw new PebbleException(null, "currentEachOutput() reads outputs within a ForEach, EachSequential or"
                    + " EachParallel", line, null);
        }
        Object level = outputs;
        for (Object value : values) {
            if (!(level instanceof Map<?, ?> map)) {
                return null;
            }
            level = map.get(String.valueOf(value));
        }
        return level;
    }

    /** One output of every iteration of a Loop: {@code outputs.loop.outputs} holds {@code {item, outputs}} per iteration. */
    private static List<Object> loopOutputs(Object iterations, String id, int line) {
        if (!(iterations instanceof List<?> list)) {
            throw new PebbleException(null, "loopOutputs() reads a Loop's outputs list (outputs.<loop>.outputs), not "
                    + (iterations == null ? "nothing: does the Loop declare `outputs`?" : iterations), line, null);
        }
        List<Object> values = new java.util.ArrayList<>(list.size());
        for (Object iteration : list) {
            Object outputs = iteration instanceof Map<?, ?> map ? map.get("outputs") : null;
            values.add(outputs instanceof Map<?, ?> declared ? declared.get(id) : null);
        }
        return values;
    }

    private static Object render(Object text, boolean recursive) {
        if (!(text instanceof String rendered)) {
            return text;
        }
        RenderBudget budget = RenderBudget.current();
        budget.in("render()"); // a text that renders itself would go on until the stack gave out
        try {
            for (int pass = 0; pass < (recursive ? RENDER_PASSES : 1); pass++) {
                String next = KestraPebble.renderAgain(rendered);
                if (next.equals(rendered)) {
                    break;
                }
                rendered = next;
            }
            return rendered;
        } finally {
            budget.out();
        }
    }

    private static ExecutionView view(EvaluationContext context, String function, int line) {
        if (context.getVariable(ExecutionView.VARIABLE) instanceof ExecutionView view) {
            return view;
        }
        throw new PebbleException(null, function + "() reads the execution: it renders only while a flow runs", line, null);
    }
}
