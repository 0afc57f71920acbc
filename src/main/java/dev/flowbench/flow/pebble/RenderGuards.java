package dev.flowbench.flow.pebble;

import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.operator.BinaryOperator;
import io.pebbletemplates.pebble.tokenParser.TokenParser;
import java.util.List;
import java.util.Map;

/**
 * Pebble's statements and operations that can run without end or build without bound, replaced by the same ones
 * asking the rendering's {@link RenderBudget} (see {@link GuardedStatements}, {@link GuardedGrowth}). Registered after
 * Pebble's core, whose names they take over; {@code ~} is a core operator, so the engine must allow overriding those.
 */
final class RenderGuards extends AbstractExtension {

    @Override
    public List<TokenParser> getTokenParsers() {
        return GuardedStatements.parsers();
    }

    @Override
    public List<BinaryOperator> getBinaryOperators() {
        return GuardedGrowth.operators();
    }

    @Override
    public Map<String, Function> getFunctions() {
        return GuardedGrowth.functions();
    }

    @Override
    public Map<String, Filter> getFilters() {
        return GuardedGrowth.filters();
    }
}
