package dev.flowbench.flow.pebble;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.loader.StringLoader;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pebble configured as Kestra configures it for {@code {{ ... }}} in flows: strict variables, no escaping, no
 * newline trimming, and Kestra's {@code ??} and {@code ???} operators. The engine renders with it and the
 * validator compiles with it, so that what validates is what runs. Templates are not cached: an editor
 * validating as one types would otherwise keep every text it ever saw. A rendering is bounded (see
 * {@link RenderLimits}, {@link RenderGuards}) and stops at its task's deadline or its execution's cancellation.
 */
public final class KestraPebble {

    private static final PebbleEngine ENGINE = build(RenderLimits.DEFAULT.maxSize());
    /** The same engine, reading the names a template uses as it compiles it (for the validator; never renders). */
    private static final PebbleEngine READER = builder(RenderLimits.DEFAULT.maxSize()).extension(new ReadingExtension()).build();
    /** The variables of the rendering running on this thread, for render() to render with. */
    private static final ThreadLocal<Map<String, Object>> VARIABLES = new ThreadLocal<>();
    /** Where the template compiling on this thread puts what it uses. */
    private static final ThreadLocal<TemplateReferences> READING = new ThreadLocal<>();
    /** An engine per limit on the rendered size (Pebble takes it when built); there is one unless a setting changes it. */
    private static final Map<Integer, PebbleEngine> RENDERERS = new ConcurrentHashMap<>(Map.of(RenderLimits.DEFAULT.maxSize(), ENGINE));

    private static PebbleEngine build(int maxRenderedSize) {
        return builder(maxRenderedSize).extension(new JsonPrinting()).build();
    }

    private static PebbleEngine.Builder builder(int maxRenderedSize) {
        return new PebbleEngine.Builder()
                .loader(new StringLoader())
                .autoEscaping(false)
                .strictVariables(true)
                .newLineTrimming(false)
                .cacheActive(false)
                .maxRenderedSize(maxRenderedSize)
                .allowOverrideCoreOperators(true)
                .extension(new CoalescingOperators(), new RenderGuards(), new KestraFunctions(), new FileFunctions());
    }

    /** Pebble calls its extensions' visitors on each template it compiles: this one reads it into {@link #READING}. */
    private static final class ReadingExtension extends io.pebbletemplates.pebble.extension.AbstractExtension {
        @Override
        public java.util.List<io.pebbletemplates.pebble.extension.NodeVisitorFactory> getNodeVisitors() {
            return java.util.List.of(template -> {
                TemplateReferences into = READING.get();
                return into == null ? new io.pebbletemplates.pebble.extension.AbstractNodeVisitor(
                        (io.pebbletemplates.pebble.template.PebbleTemplateImpl) template) : into.new Walker(
                        (io.pebbletemplates.pebble.template.PebbleTemplateImpl) template);
            });
        }
    }

    /** Why a text does not compile, and on which of its lines (1-based). */
    public record SyntaxError(String message, int line) {
    }

    private KestraPebble() {
    }

    public static PebbleEngine engine() {
        return ENGINE;
    }

    /**
     * {@code text} rendered against {@code variables} within {@code budget}. A text that is not a template is returned as
     * it is. Throws Pebble's {@link PebbleException} for what is wrong in the text, {@link RenderStopped} when the budget
     * stops it (a deadline, a cancellation, a limit: a recursion too deep for the thread's stack is one too).
     */
    public static String render(String text, Map<String, Object> variables, RenderBudget budget) {
        if (!isTemplate(text)) {
            return text;
        }
        PebbleEngine engine = RENDERERS.computeIfAbsent(budget.limits().maxSize(), KestraPebble::build);
        RenderBudget outer = budget.enter();
        Map<String, Object> outerVariables = VARIABLES.get();
        VARIABLES.set(variables);
        try {
            StringWriter out = new StringWriter();
            engine.getTemplate(text).evaluate(out, variables);
            return out.toString();
        } catch (StackOverflowError e) {
            throw new RenderStopped(RenderStopped.Reason.LIMIT, "it recurses deeper than the thread's stack allows (macros or"
                    + " includes calling themselves)");
        } catch (PebbleException e) {
            throw stoppedIn(e).orElseThrow(() -> e.getMessage() != null && e.getMessage().contains("Tried to write more than")
                    ? new RenderStopped(RenderStopped.Reason.LIMIT, "its rendered text would hold more than "
                            + RenderBudget.count(budget.limits().maxSize()) + " characters, the most a value may ("
                            + RenderLimits.MAX_SIZE_SETTING + ")")
                    : e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            RenderBudget.leave(outer);
            if (outerVariables == null) {
                VARIABLES.remove();
            } else {
                VARIABLES.set(outerVariables);
            }
        }
    }

    /** {@code text} rendered with the variables and within the budget of the rendering running on this thread (render()). */
    static String renderAgain(String text) {
        Map<String, Object> variables = VARIABLES.get();
        return render(text, variables == null ? Map.of() : variables, RenderBudget.current());
    }

    /** The budget's stop inside an exception Pebble wrapped it in, if that is what it is. */
    private static Optional<RenderStopped> stoppedIn(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RenderStopped stopped) {
                return Optional.of(stopped);
            }
        }
        return Optional.empty();
    }

    /** True for text that Kestra renders: it holds an expression or a tag. */
    public static boolean isTemplate(String text) {
        return text != null && (text.contains("{{") || text.contains("{%"));
    }

    /** A template's text read: why it does not compile, or the names it uses (none for text that is not a template). */
    public record Reading(Optional<SyntaxError> error, TemplateReferences references) {
    }

    /** The syntax error in {@code text}, if it does not compile. */
    public static Optional<SyntaxError> syntaxError(String text) {
        return read(text).error();
    }

    /** {@code text} compiled as the engine compiles it, and what it uses. */
    public static Reading read(String text) {
        TemplateReferences references = new TemplateReferences();
        if (!isTemplate(text)) {
            return new Reading(Optional.empty(), references);
        }
        READING.set(references);
        try {
            READER.getTemplate(text);
            return new Reading(Optional.empty(), references);
        } catch (PebbleException e) {
            String message = e.getPebbleMessage() != null ? e.getPebbleMessage() : e.getMessage();
            return new Reading(Optional.of(new SyntaxError(message.strip(), e.getLineNumber() == null ? 1 : e.getLineNumber())),
                    new TemplateReferences());
        } finally {
            READING.remove();
        }
    }
}
