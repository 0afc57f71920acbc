package dev.flowbench.flow;

import java.util.Comparator;
import java.util.Optional;

/**
 * One thing wrong with a flow, located in its text.
 *
 * @param code       a stable identifier of the kind of problem ({@code unknown-property}), for tests and quick fixes
 * @param suggestion replacement text for the node at {@code range} when one is known, e.g. the property name
 *                   that was probably meant; the message already says it in words
 */
public record Problem(Severity severity, String code, String message, SourceRange range, String suggestion) {

    public static final Comparator<Problem> BY_POSITION = Comparator
            .comparing((Problem p) -> p.range().start())
            .thenComparing(Problem::severity)
            .thenComparing(Problem::message);

    public static Problem error(String code, String message, SourceRange range) {
        return new Problem(Severity.ERROR, code, message, range, null);
    }

    public static Problem warning(String code, String message, SourceRange range) {
        return new Problem(Severity.WARNING, code, message, range, null);
    }

    public Problem withSuggestion(String replacement) {
        return new Problem(severity, code, message, range, replacement);
    }

    public Optional<String> suggested() {
        return Optional.ofNullable(suggestion);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    public int line() {
        return range.start().line();
    }

    public int column() {
        return range.start().column();
    }
}
