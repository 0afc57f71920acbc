package dev.flowbench.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.flowbench.engine.tasks.Rendered;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Outputs declared as Kestra declares them ({@code [{id, type, value}]}: a Loop's, made in each iteration), rendered
 * and then made of their type: INT and FLOAT numbers, BOOL (or BOOLEAN) a boolean, JSON parsed, anything else the text
 * (kestra-oracle: an INT output of {@code "{{ item.index }}"} is the number 0). A value that cannot be rendered, or is
 * not of its type, throws with the output's id.
 */
final class TypedOutputs {

    private TypedOutputs() {
    }

    static Map<String, Object> render(List<?> declared, UnaryOperator<String> render) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Object each : declared) {
            if (!(each instanceof Map<?, ?> output)) {
                continue;
            }
            String id = String.valueOf(output.get("id"));
            String type = output.get("type") == null ? "STRING" : String.valueOf(output.get("type")).toUpperCase(Locale.ROOT);
            try {
                values.put(id, typed(Rendered.of(output.get("value"), render), type));
            } catch (Templates.TemplateError | dev.flowbench.flow.pebble.RenderStopped e) {
                throw new Templates.TemplateError("the output '" + id + "' could not be rendered: " + e.getMessage(), null);
            } catch (IllegalArgumentException | JsonProcessingException e) {
                throw new Templates.TemplateError("the output '" + id + "' is not of type " + type + ": " + e.getMessage(), null);
            }
        }
        return values;
    }

    private static Object typed(Object value, String type) throws JsonProcessingException {
        if (!(value instanceof String text)) {
            return value;
        }
        String trimmed = text.trim();
        return switch (type) {
            case "INT" -> Long.parseLong(trimmed);
            case "FLOAT" -> Double.parseDouble(trimmed);
            case "BOOL", "BOOLEAN" -> {
                if (!trimmed.equalsIgnoreCase("true") && !trimmed.equalsIgnoreCase("false")) {
                    throw new IllegalArgumentException("'" + trimmed + "' is neither true nor false");
                }
                yield Boolean.parseBoolean(trimmed);
            }
            case "JSON" -> JsonValues.mapper().readValue(trimmed, Object.class);
            default -> text;
        };
    }
}
