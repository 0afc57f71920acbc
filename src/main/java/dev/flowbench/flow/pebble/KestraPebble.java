package dev.flowbench.flow.pebble;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.loader.StringLoader;
import java.util.Optional;

/**
 * Pebble configured as Kestra configures it for {@code {{ ... }}} in flows: strict variables, no escaping, no
 * newline trimming, and Kestra's {@code ??} and {@code ???} operators. The engine renders with it and the
 * validator compiles with it, so that what validates is what runs. Templates are not cached: an editor
 * validating as one types would otherwise keep every text it ever saw.
 */
public final class KestraPebble {

    private static final PebbleEngine ENGINE = new PebbleEngine.Builder()
            .loader(new StringLoader())
            .autoEscaping(false)
            .strictVariables(true)
            .newLineTrimming(false)
            .cacheActive(false)
            .extension(new CoalescingOperators())
            .build();

    /** Why a text does not compile, and on which of its lines (1-based). */
    public record SyntaxError(String message, int line) {
    }

    private KestraPebble() {
    }

    public static PebbleEngine engine() {
        return ENGINE;
    }

    /** True for text that Kestra renders: it holds an expression or a tag. */
    public static boolean isTemplate(String text) {
        return text != null && (text.contains("{{") || text.contains("{%"));
    }

    /** The syntax error in {@code text}, if it does not compile. */
    public static Optional<SyntaxError> syntaxError(String text) {
        if (!isTemplate(text)) {
            return Optional.empty();
        }
        try {
            ENGINE.getTemplate(text);
            return Optional.empty();
        } catch (PebbleException e) {
            String message = e.getPebbleMessage() != null ? e.getPebbleMessage() : e.getMessage();
            return Optional.of(new SyntaxError(message.strip(), e.getLineNumber() == null ? 1 : e.getLineNumber()));
        }
    }
}
