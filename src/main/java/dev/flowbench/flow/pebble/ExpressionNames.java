package dev.flowbench.flow.pebble;

import dev.flowbench.flow.pebble.TemplateReferences.Kind;
import io.pebbletemplates.pebble.extension.ExtensionRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The functions, filters and tests an expression may call: those Flowbench renders (Pebble's and its own, asked of
 * the engine itself) and those Kestra 2.0 has. Kestra's are the names its {@code io.kestra.core.runners.pebble.Extension}
 * registers in {@code io.kestra:core:2.0.0}, read off that class (its bytecode's constants) and kept here as data.
 */
public final class ExpressionNames {

    private static final Set<String> KESTRA_FUNCTIONS = Set.of("now", "range", "fromJson", "env", "secret", "kv", "read",
            "fileURI", "render", "renderOnce", "encrypt", "decrypt", "yaml", "printContext", "fetchContext", "uuid", "id",
            "ksuid", "fromIon", "fileSize", "errorLogs", "randomInt", "randomPort", "fileExists", "isFileEmpty", "nanoId",
            "tasksWithState", "http", "subflow", "isPublicHoliday", "isDayWeekInMonth", "isWeekend", "isLastWorkingDay",
            "dayOfWeek", "hourOfDay", "dayOfMonth", "monthOfYear", "loopOutputs");
    private static final Set<String> KESTRA_FILTERS = Set.of("chunk", "className", "date", "dateAdd", "timestamp",
            "timestampMicro", "timestampMilli", "timestampNano", "jq", "escapeChar", "toJson", "distinct", "keys", "number",
            "urldecode", "slugify", "substringBefore", "substringBeforeLast", "substringAfter", "substringAfterLast",
            "flatten", "indent", "nindent", "yaml", "startsWith", "endsWith", "values", "toIon", "sha1", "sha512", "md5",
            "string", "regexMatch", "regexReplace", "regexExtract");
    private static final Set<String> KESTRA_TESTS = Set.of("json");
    /** Pebble's own, which Kestra keeps (named here for "did you mean"; whether they render is asked of the engine). */
    private static final Set<String> PEBBLE_FUNCTIONS = Set.of("max", "min", "range", "i18n");
    private static final Set<String> PEBBLE_FILTERS = Set.of("abbreviate", "abs", "capitalize", "date", "default", "first",
            "join", "last", "lower", "numberformat", "slice", "sort", "rsort", "reverse", "title", "trim", "upper",
            "urlencode", "length", "replace", "merge", "split", "base64encode", "base64decode", "sha256", "escape", "raw");
    private static final Set<String> PEBBLE_TESTS = Set.of("empty", "even", "iterable", "map", "null", "odd", "defined");
    /** Names Kestra 2.0 removed, with what replaced them. */
    private static final Map<Kind, Map<String, String>> RENAMED = Map.of(
            Kind.FUNCTION, Map.of("json", "fromJson"),
            Kind.FILTER, Map.of("json", "toJson"));

    private ExpressionNames() {
    }

    /** True when Flowbench's engine renders it. */
    public static boolean rendered(Kind kind, String name) {
        ExtensionRegistry registry = KestraPebble.engine().getExtensionRegistry();
        return switch (kind) {
            case FUNCTION -> registry.getFunction(name) != null;
            case FILTER -> registry.getFilter(name) != null;
            case TEST -> registry.getTest(name) != null;
        };
    }

    /** True when Kestra 2 has it (its own or Pebble's). */
    public static boolean kestras(Kind kind, String name) {
        return known(kind).contains(name);
    }

    /** What Kestra 2 renamed it to, for a name it removed. */
    public static Optional<String> renamedTo(Kind kind, String name) {
        return Optional.ofNullable(RENAMED.getOrDefault(kind, Map.of()).get(name));
    }

    /** Every name Kestra 2 has for that kind, sorted. */
    public static Set<String> known(Kind kind) {
        Set<String> all = new TreeSet<>();
        switch (kind) {
            case FUNCTION -> {
                all.addAll(KESTRA_FUNCTIONS);
                all.addAll(PEBBLE_FUNCTIONS);
            }
            case FILTER -> {
                all.addAll(KESTRA_FILTERS);
                all.addAll(PEBBLE_FILTERS);
            }
            case TEST -> {
                all.addAll(KESTRA_TESTS);
                all.addAll(PEBBLE_TESTS);
            }
        }
        return all;
    }
}
