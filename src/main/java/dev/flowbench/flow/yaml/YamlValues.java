package dev.flowbench.flow.yaml;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Lenient reading of YAML nodes as plain values: what does not fit is left out, never thrown. */
public final class YamlValues {

    private YamlValues() {
    }

    /** A scalar's text (numbers and booleans as written), or empty for null, a list or a map. */
    public static Optional<String> string(YamlNode node) {
        if (node instanceof YamlScalar scalar && !scalar.isNull()) {
            return Optional.of(scalar.value());
        }
        return Optional.empty();
    }

    public static boolean bool(YamlMap map, String key, boolean otherwise) {
        return map.get(key).filter(YamlScalar.class::isInstance).map(YamlScalar.class::cast)
                .filter(s -> s.kind() == YamlScalar.Kind.BOOLEAN)
                .map(s -> s.value().toLowerCase(Locale.ROOT).equals("true"))
                .orElse(otherwise);
    }

    /** The scalars of a list, or the single scalar itself as a one-element list. */
    public static List<String> strings(Optional<YamlNode> node) {
        List<String> values = new ArrayList<>();
        node.ifPresent(n -> {
            if (n instanceof YamlList list) {
                list.items().forEach(item -> string(item).ifPresent(values::add));
            } else {
                string(n).ifPresent(values::add);
            }
        });
        return values;
    }

    /** A map of scalars, as strings. */
    public static Map<String, String> stringMap(Optional<YamlNode> node) {
        Map<String, String> values = new LinkedHashMap<>();
        node.filter(YamlMap.class::isInstance).map(YamlMap.class::cast).ifPresent(map ->
                map.entries().forEach((key, entry) -> string(entry.value()).ifPresent(v -> values.put(key, v))));
        return values;
    }

    /** A node as plain Java: String, Long or BigInteger, Double, Boolean, List, Map, or null. */
    public static Object toJava(YamlNode node) {
        if (node instanceof YamlMap map) {
            Map<String, Object> values = new LinkedHashMap<>();
            map.entries().forEach((key, entry) -> values.put(key, toJava(entry.value())));
            return values;
        }
        if (node instanceof YamlList list) {
            List<Object> values = new ArrayList<>(list.size());
            list.items().forEach(item -> values.add(toJava(item)));
            return values;
        }
        YamlScalar scalar = (YamlScalar) node;
        return switch (scalar.kind()) {
            case NULL -> null;
            case STRING -> scalar.value();
            case BOOLEAN -> scalar.value().toLowerCase(Locale.ROOT).equals("true");
            case INTEGER -> integer(scalar.value());
            case FLOAT -> decimal(scalar.value());
        };
    }

    static Object integer(String text) {
        String t = text.replace("_", "");
        int radix = 10;
        String digits = t;
        if (t.startsWith("0x")) {
            radix = 16;
            digits = t.substring(2);
        } else if (t.startsWith("0o")) {
            radix = 8;
            digits = t.substring(2);
        }
        try {
            BigInteger value = new BigInteger(digits, radix);
            return value.bitLength() < 64 ? (Object) value.longValue() : value;
        } catch (NumberFormatException e) {
            return text;
        }
    }

    static Object decimal(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.endsWith(".inf")) {
            return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (t.equals(".nan")) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return text;
        }
    }
}
