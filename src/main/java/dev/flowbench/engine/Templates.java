package dev.flowbench.engine;

import dev.flowbench.flow.pebble.KestraPebble;
import dev.flowbench.flow.pebble.RenderBudget;
import dev.flowbench.flow.pebble.RenderStopped;
import io.pebbletemplates.pebble.error.PebbleException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders {@code {{ ... }}} in property values with Pebble, the engine Kestra uses. Variables are strict:
 * a reference to something that does not exist is an error, not an empty string. Each rendering is bounded by its
 * budget (see {@link RenderBudget}): a limit passed is a {@link RenderStopped} saying where, as are a deadline and a
 * cancellation.
 */
public final class Templates {

    private static final Pattern MISSING = Pattern.compile("[Aa]ttribute \\[([^\\]]+)]");

    private Templates() {
    }

    /** Renders {@code text} against {@code variables}; throws {@link TemplateError} with a readable message. */
    public static String render(String text, Map<String, Object> variables, RenderBudget budget) {
        try {
            return KestraPebble.render(text, variables, budget);
        } catch (PebbleException e) {
            throw new TemplateError(describe(e) + " in " + failingLine(text, e.getLineNumber()), e);
        } catch (RenderStopped e) {
            throw e.reason() == RenderStopped.Reason.LIMIT ? e.where(failingLine(text, null)) : e;
        }
    }

    private static String describe(PebbleException e) {
        String message = e.getPebbleMessage() != null ? e.getPebbleMessage() : e.getMessage();
        Matcher missing = MISSING.matcher(message);
        if (missing.find()) {
            return "'" + missing.group(1) + "' does not exist";
        }
        return message.replace(" and strict variables is set to true", "").trim();
    }

    private static String failingLine(String text, Integer lineNumber) {
        String[] lines = text.split("\n", -1);
        int index = lineNumber == null ? 0 : Math.max(0, Math.min(lines.length - 1, lineNumber - 1));
        String line = lines[index].strip();
        return "'" + (line.length() > 120 ? line.substring(0, 117) + "..." : line) + "'";
    }

    /** An expression that cannot be rendered: unknown variable, syntax error, failing filter. */
    public static final class TemplateError extends RuntimeException {
        public TemplateError(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
