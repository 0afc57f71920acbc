package dev.flowbench.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/** Inputs and outputs as JSON: numbers, booleans, strings, lists and maps as such; anything else as its text. */
public final class JsonValues {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonValues() {
    }

    public static JsonNode tree(Object value) {
        if (value == null) {
            return JSON.nullNode();
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = JSON.objectNode();
            map.forEach((k, v) -> object.set(String.valueOf(k), tree(v)));
            return object;
        }
        if (value instanceof Collection<?> list) {
            ArrayNode array = JSON.arrayNode();
            list.forEach(item -> array.add(tree(item)));
            return array;
        }
        if (value instanceof Boolean b) {
            return JSON.booleanNode(b);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return JSON.numberNode(((Number) value).longValue());
        }
        if (value instanceof BigInteger big) {
            return JSON.numberNode(big);
        }
        if (value instanceof Number number) {
            double d = number.doubleValue();
            return Double.isFinite(d) ? JSON.numberNode(d) : JSON.textNode(String.valueOf(d));
        }
        return JSON.textNode(String.valueOf(value));
    }

    public static String text(Object value) {
        return tree(value).toString();
    }

    /** Whether {@code text} reads as one JSON value. */
    public static boolean isJson(String text) {
        try {
            mapper().readTree(text);
            return true;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return false;
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
