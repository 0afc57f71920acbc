package dev.flowbench.flow.edit;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A value written as a YAML scalar that reads back as the same value: plain where YAML 1.2 keeps it a string,
 * quoted otherwise (an expression, a colon followed by a space, a word YAML would read as a boolean or a number).
 * A value that was quoted keeps its kind of quotes.
 */
final class ScalarFormat {

    /** How the scalar being replaced was written. */
    enum Style { PLAIN, SINGLE, DOUBLE }

    private static final Pattern NUMBER = Pattern.compile(
            "[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");
    private static final Pattern RESERVED = Pattern.compile("~|null|Null|NULL|true|True|TRUE|false|False|FALSE");
    private static final String FIRST_INDICATORS = "-?:,[]{}#&*!|>'\"%@`";
    private static final String FLOW_INDICATORS = ",[]{}";

    private ScalarFormat() {
    }

    static Style styleOf(String text, int offset) {
        if (offset >= text.length()) {
            return Style.PLAIN;
        }
        return switch (text.charAt(offset)) {
            case '"' -> Style.DOUBLE;
            case '\'' -> Style.SINGLE;
            default -> Style.PLAIN;
        };
    }

    /** {@code value} (a string, a boolean or a number) as a scalar; {@code inFlow} inside {@code [ ]} or {@code { }}. */
    static String format(Object value, Style style, boolean inFlow) {
        if (value instanceof Boolean || value instanceof Number) {
            return String.valueOf(value).toLowerCase(Locale.ROOT);
        }
        String text = String.valueOf(value);
        if (style == Style.SINGLE && text.indexOf('\n') < 0 && isPrintable(text)) {
            return "'" + text.replace("'", "''") + "'";
        }
        if (style == Style.PLAIN && isSafePlain(text, inFlow)) {
            return text;
        }
        return doubleQuoted(text);
    }

    static boolean isSafePlain(String text, boolean inFlow) {
        if (text.isEmpty() || !text.strip().equals(text) || !isPrintable(text) || text.indexOf('\n') >= 0) {
            return false;
        }
        if (FIRST_INDICATORS.indexOf(text.charAt(0)) >= 0) {
            return false;
        }
        if (text.contains(": ") || text.contains(" #") || text.endsWith(":") || text.indexOf('\t') >= 0) {
            return false;
        }
        if (inFlow && text.chars().anyMatch(c -> FLOW_INDICATORS.indexOf(c) >= 0)) {
            return false;
        }
        return !RESERVED.matcher(text).matches() && !NUMBER.matcher(text).matches();
    }

    private static boolean isPrintable(String text) {
        return text.chars().noneMatch(c -> c < 0x20 && c != '\n' || c == 0x7f);
    }

    static String doubleQuoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
