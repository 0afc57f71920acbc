package dev.flowbench.flow.pebble;

import io.pebbletemplates.pebble.extension.AbstractNodeVisitor;
import io.pebbletemplates.pebble.node.ArgumentsNode;
import io.pebbletemplates.pebble.node.MacroNode;
import io.pebbletemplates.pebble.node.Node;
import io.pebbletemplates.pebble.node.PrintNode;
import io.pebbletemplates.pebble.node.SetNode;
import io.pebbletemplates.pebble.node.TestInvocationExpression;
import io.pebbletemplates.pebble.node.expression.ArrayExpression;
import io.pebbletemplates.pebble.node.expression.BinaryExpression;
import io.pebbletemplates.pebble.node.expression.ContextVariableExpression;
import io.pebbletemplates.pebble.node.expression.Expression;
import io.pebbletemplates.pebble.node.expression.FilterExpression;
import io.pebbletemplates.pebble.node.expression.FilterInvocationExpression;
import io.pebbletemplates.pebble.node.expression.FunctionOrMacroInvocationExpression;
import io.pebbletemplates.pebble.node.expression.GetAttributeExpression;
import io.pebbletemplates.pebble.node.expression.LiteralStringExpression;
import io.pebbletemplates.pebble.node.expression.MapExpression;
import io.pebbletemplates.pebble.node.expression.NegativeTestExpression;
import io.pebbletemplates.pebble.node.expression.PositiveTestExpression;
import io.pebbletemplates.pebble.node.expression.TernaryExpression;
import io.pebbletemplates.pebble.node.expression.UnaryExpression;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The names a template uses, read from the tree Pebble parsed: the functions, filters and tests it calls, the macros it
 * defines, and the variables it reads as paths ({@code outputs.build.value} is {@code [outputs, build, value]}, cut at the
 * first part computed at render time). A path the template itself guards ({@code ?? 'x'}, {@code | default},
 * {@code is defined}, {@code is null}) is one it expects may be missing.
 */
public final class TemplateReferences {

    public enum Kind { FUNCTION, FILTER, TEST }

    /** A function, filter or test called, on a line of the template (1-based). */
    public record Call(Kind kind, String name, int line) {
    }

    /** A variable read, on a line of the template (1-based). */
    public record Path(List<String> names, int line) {
    }

    private final List<Call> calls = new ArrayList<>();
    private final List<Path> paths = new ArrayList<>();
    private final Set<List<String>> guarded = new HashSet<>();
    private final Set<String> macros = new HashSet<>();

    TemplateReferences() {
    }

    public List<Call> calls() {
        return calls;
    }

    /** The paths read that the template does not guard itself (it may test whether they are there). */
    public List<Path> unguardedPaths() {
        return paths.stream().filter(path -> guarded.stream().noneMatch(guard -> startsWith(path.names(), guard)
                || startsWith(guard, path.names()))).toList();
    }

    public Set<String> macros() {
        return macros;
    }

    private static boolean startsWith(List<String> path, List<String> prefix) {
        return path.size() >= prefix.size() && path.subList(0, prefix.size()).equals(prefix);
    }

    /** Walks a parsed template's tree, statements by Pebble's visitor, expressions by hand (Pebble does not descend into them). */
    final class Walker extends AbstractNodeVisitor {

        Walker(PebbleTemplateImpl template) {
            super(template);
        }

        @Override
        public void visit(PrintNode node) {
            node.getExpression().accept(this);
        }

        @Override
        public void visit(SetNode node) {
            node.getValue().accept(this);
        }

        @Override
        public void visit(MacroNode node) {
            macros.add(node.getName());
            super.visit(node);
        }

        @Override
        public void visit(Node node) {
            if (node instanceof FilterExpression filter && filter.getRightExpression() instanceof FilterInvocationExpression call) {
                calls.add(new Call(Kind.FILTER, call.getFilterName(), call.getLineNumber()));
                if (call.getFilterName().equals("default")) {
                    guard(filter.getLeftExpression());
                }
                filter.getLeftExpression().accept(this);
                arguments(call.getArgs());
            } else if ((node instanceof PositiveTestExpression || node instanceof NegativeTestExpression)
                    && ((BinaryExpression<?>) node).getRightExpression() instanceof TestInvocationExpression test) {
                calls.add(new Call(Kind.TEST, test.getTestName(), test.getLineNumber()));
                Expression<?> left = ((BinaryExpression<?>) node).getLeftExpression();
                if (test.getTestName().equals("defined") || test.getTestName().equals("null")) {
                    guard(left);
                }
                left.accept(this);
                arguments(test.getArgs());
            } else if (node instanceof BinaryExpression<?> binary) {
                if (binary instanceof CoalescingOperators.NullCoalescing || binary instanceof CoalescingOperators.UndefinedCoalescing) {
                    guard(binary.getLeftExpression());
                }
                binary.getLeftExpression().accept(this);
                binary.getRightExpression().accept(this);
            } else if (node instanceof UnaryExpression unary) {
                unary.getChildExpression().accept(this);
            } else if (node instanceof FunctionOrMacroInvocationExpression call) {
                calls.add(new Call(Kind.FUNCTION, call.getFunctionName(), call.getLineNumber()));
                arguments(call.getArguments());
            } else if (node instanceof GetAttributeExpression || node instanceof ContextVariableExpression) {
                read((Expression<?>) node);
            } else if (node instanceof TernaryExpression ternary) {
                ternary.getExpression1().accept(this);
                ternary.getExpression2().accept(this);
                ternary.getExpression3().accept(this);
            } else if (node instanceof ArrayExpression array) {
                array.getValues().forEach(value -> value.accept(this));
            } else if (node instanceof MapExpression map) {
                map.getEntries().forEach((key, value) -> {
                    key.accept(this);
                    value.accept(this);
                });
            }
        }

        private void arguments(ArgumentsNode arguments) {
            if (arguments != null) {
                visit(arguments);
            }
        }

        /** A variable read: its path is recorded, and what is computed along it (an index, a call's arguments) walked. */
        private void read(Expression<?> expression) {
            pathOf(expression).ifPresent(names -> paths.add(new Path(names, expression.getLineNumber())));
            Expression<?> at = expression;
            while (at instanceof GetAttributeExpression attribute) {
                if (!(attribute.getAttributeNameExpression() instanceof LiteralStringExpression)) {
                    attribute.getAttributeNameExpression().accept(this);
                }
                arguments(attribute.getArgumentsNode());
                at = attribute.getNode();
            }
            if (!(at instanceof ContextVariableExpression)) {
                at.accept(this);
            }
        }

        private void guard(Expression<?> expression) {
            pathOf(expression).ifPresent(guarded::add);
        }
    }

    /** The names of a variable read, from its root to the first part computed at render time; empty for anything else. */
    private static java.util.Optional<List<String>> pathOf(Expression<?> expression) {
        List<String> reversed = new ArrayList<>();
        Expression<?> at = expression;
        while (at instanceof GetAttributeExpression attribute) {
            if (attribute.getAttributeNameExpression() instanceof LiteralStringExpression name) {
                reversed.add(name.getValue());
            } else {
                reversed.clear(); // what follows a computed part is not a name the flow must define
                reversed.add(null);
            }
            at = attribute.getNode();
        }
        if (!(at instanceof ContextVariableExpression root)) {
            return java.util.Optional.empty();
        }
        List<String> names = new ArrayList<>();
        names.add(root.getName());
        for (int i = reversed.size() - 1; i >= 0 && reversed.get(i) != null; i--) {
            names.add(reversed.get(i));
        }
        return java.util.Optional.of(List.copyOf(names));
    }
}
