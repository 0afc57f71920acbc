package dev.flowbench.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowbench.flow.Input;
import dev.flowbench.flow.IsoDuration;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns the values given for an execution ({@code --input key=value}) into typed inputs, applying
 * defaults and {@code required}. Every problem is collected, so a user fixes them all in one go.
 */
public final class InputResolver {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Typed values by input id, or the reasons they could not be had. */
    public record Resolved(Map<String, Object> values, List<String> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    private InputResolver() {
    }

    public static Resolved resolve(List<Input> inputs, Map<String, String> given) {
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        Set<String> known = new LinkedHashSet<>();
        for (Input input : inputs) {
            known.add(input.id());
            String raw = given.get(input.id());
            Object fallback = input.defaults();
            if (raw == null && fallback == null) {
                if (input.required()) {
                    errors.add("input '" + input.id() + "' (" + input.type() + ") is required");
                } else {
                    values.put(input.id(), null);
                }
                continue;
            }
            try {
                values.put(input.id(), raw != null ? convert(input, raw) : convertDefault(input, fallback));
            } catch (IllegalArgumentException e) {
                errors.add("input '" + input.id() + "': " + e.getMessage());
            }
        }
        for (String key : given.keySet()) {
            if (!known.contains(key)) {
                errors.add("the flow has no input '" + key + "'" + (known.isEmpty() ? "" : "; its inputs are " + String.join(", ", known)));
            }
        }
        return new Resolved(values, errors);
    }

    private static Object convertDefault(Input input, Object value) {
        if (value instanceof String text) {
            return convert(input, text);
        }
        if (value instanceof List<?> || value instanceof Map<?, ?>) {
            return value; // JSON, ARRAY, MULTISELECT defaults written as YAML
        }
        return convert(input, String.valueOf(value));
    }

    static Object convert(Input input, String raw) {
        String type = input.type().toUpperCase(Locale.ROOT);
        String text = raw.trim();
        return switch (type) {
            case "STRING", "SECRET", "FILE_PATH" -> raw;
            case "INT" -> parseLong(text);
            case "FLOAT" -> parseDouble(text);
            case "BOOLEAN", "BOOL" -> parseBoolean(text);
            case "ENUM", "SELECT" -> oneOf(input, text);
            case "MULTISELECT" -> someOf(input, text);
            case "DURATION" -> IsoDuration.parseExact(text).orElseThrow(() -> invalid(raw, "an ISO-8601 duration such as PT5M"));
            case "DATETIME" -> parse(() -> Instant.parse(text), () -> OffsetDateTime.parse(text).toInstant(), raw, "a date-time such as 2026-01-31T10:00:00Z");
            case "DATE" -> parse(() -> LocalDate.parse(text), null, raw, "a date such as 2026-01-31");
            case "TIME" -> parse(() -> LocalTime.parse(text), null, raw, "a time such as 10:30:00");
            case "JSON", "YAML" -> parseJson(raw);
            case "ARRAY" -> parseArray(text);
            case "URI" -> parse(() -> URI.create(text), null, raw, "a URI");
            case "EMAIL" -> {
                if (!text.matches("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")) {
                    throw invalid(raw, "an email address");
                }
                yield text;
            }
            case "FILE" -> {
                if (!Files.isRegularFile(Path.of(text))) {
                    throw new IllegalArgumentException("no such file: " + text);
                }
                yield Path.of(text).toAbsolutePath().toString();
            }
            default -> throw new IllegalArgumentException("type " + input.type() + " is not supported here");
        };
    }

    private static Object parseLong(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw invalid(text, "an integer");
        }
    }

    private static Object parseDouble(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw invalid(text, "a number");
        }
    }

    private static Object parseBoolean(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(text, "true or false");
        };
    }

    private static Object oneOf(Input input, String text) {
        if (!input.values().contains(text)) {
            throw invalid(text, "one of " + String.join(", ", input.values()));
        }
        return text;
    }

    private static Object someOf(Input input, String text) {
        List<String> chosen = text.startsWith("[") ? stringList(parseArray(text)) : Arrays.stream(text.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (String value : chosen) {
            if (!input.values().isEmpty() && !input.values().contains(value)) {
                throw invalid(value, "one of " + String.join(", ", input.values()));
            }
        }
        return chosen;
    }

    private static List<String> stringList(Object list) {
        return ((List<?>) list).stream().map(String::valueOf).toList();
    }

    private static Object parseJson(String text) {
        try {
            return JSON.readValue(text, Object.class);
        } catch (Exception e) {
            throw invalid(text, "JSON");
        }
    }

    private static Object parseArray(String text) {
        Object value = parseJson(text);
        if (!(value instanceof List<?>)) {
            throw invalid(text, "a JSON array such as [1, 2]");
        }
        return value;
    }

    private interface Parser {
        Object parse();
    }

    private static Object parse(Parser first, Parser second, String raw, String expected) {
        try {
            return first.parse();
        } catch (RuntimeException e) {
            if (second != null) {
                try {
                    return second.parse();
                } catch (RuntimeException ignored) {
                    // reported below
                }
            }
            throw invalid(raw, expected);
        }
    }

    private static IllegalArgumentException invalid(String raw, String expected) {
        return new IllegalArgumentException("'" + raw + "' is not " + expected);
    }
}
