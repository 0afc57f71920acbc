package dev.flowbench.flow.pebble;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.thisptr.jackson.jq.BuiltinFunctionLoader;
import net.thisptr.jackson.jq.JsonQuery;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.Versions;
import net.thisptr.jackson.jq.exception.JsonQueryException;

/**
 * Kestra's {@code jq} filter: {@code value | jq('.key')} runs a jq 1.6 program (jackson-jq, the implementation Kestra
 * uses) over the value, a JSON text read first or any other value as it is, and gives the list of what the program
 * outputs, as plain values (texts, numbers, booleans, maps, lists).
 */
final class JqFilter implements Filter {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** jq's builtins (map, select, keys...), loaded once: a scope is read-only once made. */
    private static final Scope BUILTINS = builtins();
    /** Programs compiled once each: the same expression renders once per task run, many times in a Loop. */
    private static final Map<String, JsonQuery> COMPILED = new ConcurrentHashMap<>();
    private static final int MAX_COMPILED = 1_000;

    private static Scope builtins() {
        Scope scope = Scope.newEmptyScope();
        BuiltinFunctionLoader.getInstance().loadFunctions(Versions.JQ_1_6, scope);
        return scope;
    }

    @Override
    public List<String> getArgumentNames() {
        return List.of("expression");
    }

    @Override
    public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int line) {
        if (input == null) {
            return null;
        }
        Object expression = args.get("expression");
        if (expression == null) {
            throw new PebbleException(null, "jq needs its program, as in jq('.key')", line, null);
        }
        String program = String.valueOf(expression);
        try {
            JsonNode in = input instanceof String text ? JSON.readTree(text) : JSON.valueToTree(input);
            List<Object> out = new ArrayList<>();
            compiled(program).apply(Scope.newChildScope(BUILTINS), in, value -> out.add(JSON.convertValue(value, Object.class)));
            return out;
        } catch (JsonQueryException e) { // a JsonProcessingException too: first
            throw new PebbleException(e, "jq('" + program + "') failed: " + e.getMessage(), line, null);
        } catch (JsonProcessingException e) {
            throw new PebbleException(e, "jq cannot read its input as JSON: " + e.getOriginalMessage(), line, null);
        }
    }

    private static JsonQuery compiled(String program) throws JsonQueryException {
        JsonQuery query = COMPILED.get(program);
        if (query == null) {
            query = JsonQuery.compile(program, Versions.JQ_1_6);
            if (COMPILED.size() < MAX_COMPILED) {
                COMPILED.put(program, query);
            }
        }
        return query;
    }
}
