package dev.flowbench.flow.pebble;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where a text holds Pebble: its {@code {{ }}} and {@code {% %}} segments, found as Kestra's renderer would. */
public final class Expressions {

    /** A segment; group 1 is the inside of a {@code {{ }}}, group 2 that of a {@code {% %}}. */
    public static final Pattern SEGMENT = Pattern.compile("\\{\\{(.*?)}}|\\{%(.*?)%}", Pattern.DOTALL);

    private Expressions() {
    }

    /** The segments of {@code text}, delimiters included. */
    public static List<String> in(String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = SEGMENT.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return found;
    }

    /** {@code text} with {@code rule} applied to each segment; the text around them is never touched. */
    public static String rewrite(String text, UnaryOperator<String> rule) {
        Matcher matcher = SEGMENT.matcher(text);
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (matcher.find()) {
            out.append(text, at, matcher.start()).append(rule.apply(matcher.group()));
            at = matcher.end();
        }
        return out.append(text.substring(at)).toString();
    }

    /** Finds a {@code {{ }}} that reads the root variable {@code name} ({@code {{ outputDir }}/f}). */
    public static Pattern reading(String name) {
        return Pattern.compile("\\{\\{[^}]*(?<![\\w.])" + Pattern.quote(name) + "\\b");
    }
}
