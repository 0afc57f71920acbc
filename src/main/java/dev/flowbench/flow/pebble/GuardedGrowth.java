package dev.flowbench.flow.pebble;

import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.extension.core.JoinFilter;
import io.pebbletemplates.pebble.extension.core.MergeFilter;
import io.pebbletemplates.pebble.extension.core.RangeFunction;
import io.pebbletemplates.pebble.extension.core.ReplaceFilter;
import io.pebbletemplates.pebble.node.expression.BinaryExpression;
import io.pebbletemplates.pebble.operator.Associativity;
import io.pebbletemplates.pebble.operator.BinaryOperator;
import io.pebbletemplates.pebble.operator.BinaryOperatorImpl;
import io.pebbletemplates.pebble.operator.BinaryOperatorType;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;
import java.lang.reflect.Array;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The operations that can make a value larger than their inputs, refused before they build one larger than the
 * rendering's limit ({@link RenderLimits#maxSize()}): without this, {@code {% set s = s ~ s %}} in a loop of forty
 * doubles a string past any memory. Each asks for the size of what it would build, then lets Pebble build it.
 */
final class GuardedGrowth {

    /** Where Pebble puts {@code ~} among its operators. */
    private static final int CONCATENATION_PRECEDENCE = 110;

    private GuardedGrowth() {
    }

    static List<BinaryOperator> operators() {
        return List.of(new BinaryOperatorImpl("~", CONCATENATION_PRECEDENCE, Concatenation::new, BinaryOperatorType.NORMAL,
                Associativity.LEFT));
    }

    static Map<String, Function> functions() {
        return Map.of(RangeFunction.FUNCTION_NAME, new Range());
    }

    static Map<String, Filter> filters() {
        return Map.of(ReplaceFilter.FILTER_NAME, new Replace(), MergeFilter.FILTER_NAME, new Merge(), "join", new Join());
    }

    /** {@code a ~ b}, as Pebble makes it (a null side adds nothing), once its length is known to fit. */
    static final class Concatenation extends BinaryExpression<Object> {
        @Override
        public Object evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
            Object left = getLeftExpression().evaluate(self, context);
            Object right = getRightExpression().evaluate(self, context);
            String a = left == null ? "" : left.toString();
            String b = right == null ? "" : right.toString();
            RenderBudget.current().checkSize((long) a.length() + b.length(), "'~'");
            return a + b;
        }
    }

    /** {@code range(start, end, increment)} and {@code start..end}: Pebble makes the whole list at once. */
    private static final class Range implements Function {
        private final RangeFunction pebble = new RangeFunction();

        @Override
        public List<String> getArgumentNames() {
            return pebble.getArgumentNames();
        }

        @Override
        public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int lineNumber) {
            if (args.get("start") instanceof Number start && args.get("end") instanceof Number end) {
                long increment = args.get("increment") instanceof Number step ? step.longValue() : 1;
                long span = Math.abs(end.longValue() - start.longValue());
                long size = increment == 0 ? Long.MAX_VALUE : span / Math.abs(increment) + 1;
                RenderBudget.current().checkSize(size, "range(" + start + ", " + end + (increment == 1 ? "" : ", " + increment) + ")");
            }
            return pebble.execute(args, self, context, lineNumber);
        }
    }

    /**
     * {@code replace({...})}: Pebble replaces each pair in turn in the text the pairs before left, so each turn is
     * measured (its matches counted) before it is made; the text made is Pebble's, with the same {@code String.replace}.
     */
    private static final class Replace implements Filter {
        private final ReplaceFilter pebble = new ReplaceFilter();

        @Override
        public List<String> getArgumentNames() {
            return pebble.getArgumentNames();
        }

        @Override
        public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int lineNumber) {
            if (input == null || !(args.get("replace_pairs") instanceof Map<?, ?> pairs)) {
                return pebble.apply(input, args, self, context, lineNumber); // Pebble's own answer, or its error
            }
            String text = input.toString();
            for (Map.Entry<?, ?> pair : pairs.entrySet()) {
                String from = pair.getKey().toString();
                String to = pair.getValue().toString();
                long matches = occurrences(text, from);
                RenderBudget.current().checkSize(text.length() + matches * (to.length() - from.length()), "replace");
                text = text.replace(from, to);
            }
            return text;
        }

        private static long occurrences(String text, String part) {
            if (part.isEmpty()) {
                return text.length() + 1L; // String.replace puts it before every character and at the end
            }
            long count = 0;
            for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
                count++;
            }
            return count;
        }
    }

    /** {@code merge(other)}: a list as long as both. */
    private static final class Merge implements Filter {
        private final MergeFilter pebble = new MergeFilter();

        @Override
        public List<String> getArgumentNames() {
            return pebble.getArgumentNames();
        }

        @Override
        public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int lineNumber) {
            RenderBudget.current().checkSize((long) items(input) + items(args.get("items")), "merge");
            return pebble.apply(input, args, self, context, lineNumber);
        }

        private static int items(Object value) {
            if (value instanceof Collection<?> collection) {
                return collection.size();
            }
            if (value instanceof Map<?, ?> map) {
                return map.size();
            }
            return value != null && value.getClass().isArray() ? Array.getLength(value) : 0;
        }
    }

    /** {@code join(separator)}: every item's text, and a separator between each two. */
    private static final class Join implements Filter {
        private final JoinFilter pebble = new JoinFilter();

        @Override
        public List<String> getArgumentNames() {
            return pebble.getArgumentNames();
        }

        @Override
        public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int lineNumber) {
            Object separator = args.get("separator");
            long separatorLength = separator == null ? 0 : separator.toString().length();
            Iterable<?> items = input instanceof Collection<?> collection ? collection
                    : input != null && input.getClass().isArray() ? java.util.Arrays.asList(arrayItems(input)) : List.of();
            long length = 0;
            RenderBudget budget = RenderBudget.current();
            for (Object item : items) {
                length += String.valueOf(item).length() + separatorLength;
                budget.checkSize(length - separatorLength, "join");
            }
            return pebble.apply(input, args, self, context, lineNumber);
        }

        private static Object[] arrayItems(Object array) {
            Object[] items = new Object[Array.getLength(array)];
            for (int i = 0; i < items.length; i++) {
                items[i] = Array.get(array, i);
            }
            return items;
        }
    }
}
