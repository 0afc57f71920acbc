package dev.flowbench.flow.pebble;

import io.pebbletemplates.pebble.error.AttributeNotFoundException;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.node.expression.BinaryExpression;
import io.pebbletemplates.pebble.operator.Associativity;
import io.pebbletemplates.pebble.operator.BinaryOperator;
import io.pebbletemplates.pebble.operator.BinaryOperatorImpl;
import io.pebbletemplates.pebble.operator.BinaryOperatorType;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;
import java.util.List;

/**
 * Kestra's two operators on top of Pebble: {@code a ?? b} is {@code b} when {@code a} is undefined or null,
 * {@code a ??? b} only when it is undefined (a null stays null).
 */
final class CoalescingOperators extends AbstractExtension {

    /** Where Kestra puts them among Pebble's operators. */
    private static final int PRECEDENCE = 120;

    @Override
    public List<BinaryOperator> getBinaryOperators() {
        return List.of(
                new BinaryOperatorImpl("??", PRECEDENCE, NullCoalescing::new, BinaryOperatorType.NORMAL, Associativity.LEFT),
                new BinaryOperatorImpl("???", PRECEDENCE, UndefinedCoalescing::new, BinaryOperatorType.NORMAL, Associativity.LEFT));
    }

    static final class NullCoalescing extends BinaryExpression<Object> {
        @Override
        public Object evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
            try {
                Object left = getLeftExpression().evaluate(self, context);
                if (left != null) {
                    return left;
                }
            } catch (AttributeNotFoundException e) {
                // undefined: the right side then
            }
            return getRightExpression().evaluate(self, context);
        }
    }

    static final class UndefinedCoalescing extends BinaryExpression<Object> {
        @Override
        public Object evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
            try {
                return getLeftExpression().evaluate(self, context);
            } catch (AttributeNotFoundException e) {
                return getRightExpression().evaluate(self, context);
            }
        }
    }
}
