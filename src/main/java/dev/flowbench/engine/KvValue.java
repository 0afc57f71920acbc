package dev.flowbench.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * A value of the KV store: its text as kept, and its type (Kestra 2.0's {@code kvType}; STRING when not written). What
 * kv.Get gives and what {@code kv()} gives differ as Kestra's do (kestra-oracle, see KvTest): a NUMBER, BOOLEAN or
 * JSON value is typed in both; a DURATION is its seconds in kv.Get's outputs and its ISO-8601 text in kv(); a
 * DATETIME has six digits of fraction in kv.Get's outputs.
 */
public record KvValue(String text, Type type) {

    public enum Type { STRING, NUMBER, BOOLEAN, DATETIME, DATE, DURATION, JSON;

        /**
         * The type of what one expression rendered to, read from its text: a number, true or false, a JSON object or
         * list; else STRING. (Kestra keeps the rendered object itself; its text tells the same but for a text that
         * looks like a number, which Flowbench keeps as a NUMBER.)
         */
        public static Type inferred(String rendered) {
            String text = rendered.trim();
            if (text.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")) {
                return NUMBER;
            }
            if (text.equals("true") || text.equals("false")) {
                return BOOLEAN;
            }
            if ((text.startsWith("{") || text.startsWith("[")) && JsonValues.isJson(text)) {
                return JSON;
            }
            return STRING;
        }

        /** The type written as {@code kvType}; an unknown one is an IllegalArgumentException saying which exist. */
        public static Type of(String written) {
            try {
                return valueOf(written.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("`kvType` must be STRING, NUMBER, BOOLEAN, DATETIME, DATE, DURATION or JSON,"
                        + " not '" + written + "'");
            }
        }
    }

    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    public KvValue {
        type = type == null ? Type.STRING : type;
    }

    /** {@code written} as a value of {@code type}, kept in its canonical text; one that is not is refused saying so. */
    public static KvValue of(String written, Type type) {
        Type kept = type == null ? Type.STRING : type;
        String text = written.trim();
        try {
            return switch (kept) {
                case STRING -> new KvValue(written, kept);
                case NUMBER -> new KvValue(new BigDecimal(text).toString(), kept);
                case BOOLEAN -> {
                    if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
                        throw new IllegalArgumentException("not true or false");
                    }
                    yield new KvValue(text.toLowerCase(Locale.ROOT), kept);
                }
                case DATETIME -> new KvValue(instant(text).toString(), kept);
                case DATE -> new KvValue(LocalDate.parse(text).toString(), kept);
                case DURATION -> new KvValue(Duration.parse(text).toString(), kept);
                case JSON -> new KvValue(JsonValues.mapper().readTree(text).toString(), kept);
            };
        } catch (DateTimeParseException | JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the value '" + written + "' is not a " + kept + " (kvType)");
        }
    }

    /** The value as {@code kv()} gives it to expressions. */
    public Object forExpressions() {
        return switch (type) {
            case NUMBER -> number();
            case BOOLEAN -> Boolean.parseBoolean(text);
            case JSON -> json();
            default -> text;
        };
    }

    /** The value as kv.Get gives it in its outputs. */
    public Object forOutputs() {
        return switch (type) {
            case DURATION -> Duration.parse(text).toNanos() / 1e9;
            case DATETIME -> MICROS.format(Instant.parse(text));
            default -> forExpressions();
        };
    }

    private Object number() {
        BigDecimal number = new BigDecimal(text);
        try {
            return number.longValueExact();
        } catch (ArithmeticException e) {
            return number.doubleValue();
        }
    }

    private Object json() {
        try {
            return JsonValues.mapper().readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            return text; // kept by an older Flowbench as it was written
        }
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(text).toInstant();
        }
    }
}
