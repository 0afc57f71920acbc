package dev.flowbench.flow.pebble;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.AbstractNodeVisitor;
import io.pebbletemplates.pebble.extension.NodeVisitor;
import io.pebbletemplates.pebble.extension.NodeVisitorFactory;
import io.pebbletemplates.pebble.node.PrintNode;
import io.pebbletemplates.pebble.node.expression.Expression;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Prints maps and lists as Kestra does, as JSON ({@code {{ outputs.loop }}} gives {@code {"iterationCount":3,...}}, not
 * Java's {@code {iterationCount=3, ...}}; kestra-oracle). Pebble prints a value with its toString unless it writes
 * into a specialized writer, which the size limit's writer is not: so each {@code {{ }}} is wrapped, when its template
 * compiles, in an expression that gives the JSON text of a map or a list and any other value as it is.
 */
final class JsonPrinting extends AbstractExtension {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public List<NodeVisitorFactory> getNodeVisitors() {
        return List.of(template -> new AbstractNodeVisitor((PebbleTemplateImpl) template) {
            @Override
            public void visit(PrintNode node) {
                if (!(node.getExpression() instanceof AsJson)) {
                    node.setExpression(new AsJson(node.getExpression()));
                }
            }
        });
    }

    private record AsJson(Expression<?> printed) implements Expression<Object> {

        @Override
        public Object evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
            Object value = printed.evaluate(self, context);
            if (value instanceof Map<?, ?> || value instanceof Collection<?>) {
                try {
                    return JSON.writeValueAsString(value);
                } catch (JsonProcessingException e) {
                    throw new PebbleException(e, "cannot print it as JSON: " + e.getOriginalMessage(), getLineNumber(), null);
                }
            }
            return value;
        }

        @Override
        public int getLineNumber() {
            return printed.getLineNumber();
        }

        @Override
        public void accept(NodeVisitor visitor) {
            printed.accept(visitor);
        }
    }
}
