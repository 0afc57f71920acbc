package dev.flowbench.flow.pebble;

import io.pebbletemplates.pebble.extension.NodeVisitor;
import io.pebbletemplates.pebble.lexer.Token;
import io.pebbletemplates.pebble.node.ForNode;
import io.pebbletemplates.pebble.node.MacroNode;
import io.pebbletemplates.pebble.node.RenderableNode;
import io.pebbletemplates.pebble.node.expression.Expression;
import io.pebbletemplates.pebble.parser.Parser;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.Macro;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;
import io.pebbletemplates.pebble.tokenParser.EmbedTokenParser;
import io.pebbletemplates.pebble.tokenParser.ForTokenParser;
import io.pebbletemplates.pebble.tokenParser.IncludeTokenParser;
import io.pebbletemplates.pebble.tokenParser.MacroTokenParser;
import io.pebbletemplates.pebble.tokenParser.TokenParser;
import java.io.IOException;
import java.io.Writer;
import java.lang.reflect.Array;
import java.util.AbstractCollection;
import java.util.AbstractList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Pebble's statements that can run without end, parsed by Pebble's own parsers and then made to ask the rendering's
 * {@link RenderBudget}: each iteration of a {@code for} is a step; each macro call, {@code include} and {@code embed} a
 * step one level deeper.
 */
final class GuardedStatements {

    private GuardedStatements() {
    }

    static List<TokenParser> parsers() {
        return List.of(new Loop(), new Macros(), new Nesting(new IncludeTokenParser(), "an include"),
                new Nesting(new EmbedTokenParser(), "an embed"));
    }

    /** {@code for}: the same node, iterating over the same values, counted. */
    private static final class Loop implements TokenParser {
        private final ForTokenParser pebble = new ForTokenParser();

        @Override
        public String getTag() {
            return pebble.getTag();
        }

        @Override
        public RenderableNode parse(Token token, Parser parser) {
            ForNode node = (ForNode) pebble.parse(token, parser);
            return new ForNode(node.getLineNumber(), node.getIterationVariable(), new Counted(node.getIterable()), node.getBody(),
                    node.getElseBody());
        }
    }

    /**
     * The values a {@code for} iterates over, each one a step of the budget. Pebble's own loop turns maps into their
     * entries and arrays and enumerations into iterables; they are turned so here, and collections stay collections,
     * so that {@code loop.length} still reads their size.
     */
    private record Counted(Expression<?> values) implements Expression<Object> {
        @Override
        public Object evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
            Object value = values.evaluate(self, context);
            RenderBudget budget = RenderBudget.current();
            if (value instanceof Map<?, ?> map) {
                return counted(map.entrySet(), budget);
            }
            if (value instanceof Collection<?> collection) {
                return counted(collection, budget);
            }
            if (value instanceof Iterable<?> iterable) {
                return (Iterable<Object>) () -> counted(iterable.iterator(), budget);
            }
            if (value != null && value.getClass().isArray()) {
                return counted(new ArrayView(value), budget);
            }
            if (value instanceof Enumeration<?> enumeration) {
                return (Iterable<Object>) () -> counted(enumeration.asIterator(), budget);
            }
            return value; // null, or what Pebble refuses to iterate
        }

        @Override
        public int getLineNumber() {
            return values.getLineNumber();
        }

        @Override
        public void accept(NodeVisitor visitor) {
            values.accept(visitor);
        }
    }

    private static Collection<Object> counted(Collection<?> collection, RenderBudget budget) {
        return new AbstractCollection<>() {
            @Override
            public Iterator<Object> iterator() {
                return counted(collection.iterator(), budget);
            }

            @Override
            public int size() {
                return collection.size();
            }
        };
    }

    private static Iterator<Object> counted(Iterator<?> iterator, RenderBudget budget) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return iterator.hasNext();
            }

            @Override
            public Object next() {
                budget.step();
                return iterator.next();
            }
        };
    }

    private static final class ArrayView extends AbstractList<Object> {
        private final Object array;

        ArrayView(Object array) {
            this.array = array;
        }

        @Override
        public Object get(int index) {
            return Array.get(array, index);
        }

        @Override
        public int size() {
            return Array.getLength(array);
        }
    }

    /** {@code macro}: the same macro, each call counted and nested one level deeper. */
    private static final class Macros implements TokenParser {
        private final MacroTokenParser pebble = new MacroTokenParser();

        @Override
        public String getTag() {
            return pebble.getTag();
        }

        @Override
        public RenderableNode parse(Token token, Parser parser) {
            MacroNode node = (MacroNode) pebble.parse(token, parser);
            return new MacroNode(node.getName(), node.getArgs(), node.getBody()) {
                @Override
                public Macro getMacro() {
                    return new CountedMacro(super.getMacro());
                }
            };
        }
    }

    private record CountedMacro(Macro macro) implements Macro {
        @Override
        public String getName() {
            return macro.getName();
        }

        @Override
        public List<String> getArgumentNames() {
            return macro.getArgumentNames();
        }

        @Override
        public String call(PebbleTemplateImpl self, EvaluationContextImpl context, Map<String, Object> args) {
            RenderBudget budget = RenderBudget.current();
            budget.in("macro '" + macro.getName() + "'");
            try {
                return macro.call(self, context, args);
            } finally {
                budget.out();
            }
        }
    }

    /** A statement that renders another template in place ({@code include}, {@code embed}), one level deeper. */
    private record Nesting(TokenParser pebble, String what) implements TokenParser {
        @Override
        public String getTag() {
            return pebble.getTag();
        }

        @Override
        public RenderableNode parse(Token token, Parser parser) {
            RenderableNode node = pebble.parse(token, parser);
            return new RenderableNode() {
                @Override
                public void render(PebbleTemplateImpl self, Writer writer, EvaluationContextImpl context) throws IOException {
                    RenderBudget budget = RenderBudget.current();
                    budget.in(what);
                    try {
                        node.render(self, writer, context);
                    } finally {
                        budget.out();
                    }
                }

                @Override
                public void accept(NodeVisitor visitor) {
                    node.accept(visitor);
                }
            };
        }
    }
}
