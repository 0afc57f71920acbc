package dev.flowbench.flow;

import java.util.Comparator;
import java.util.Optional;

/**
 * One thing wrong with a flow, located in its text.
 *
 * @param code       a stable identifier of the kind of problem ({@code unknown-property}), for tests and quick fixes
 * @param suggestion replacement text for the node at {@code range} when one is known, e.g. the property name
 *                   that was probably meant; the message already says it in words
 * @param fix        a rewrite of more than the range (a ForEach made a Loop, its expressions with it), when known
 */
public record Problem(Severity severity, String code, String message, SourceRange range, String suggestion, QuickFix fix) {

    /** A change of the text that resolves the problem: characters {@code start} to {@code end} become {@code text}. */
    public record QuickFix(String title, int start, int end, String text) {
    }

    public Problem(Severity severity, String code, String message, SourceRange range, String suggestion) {
        this(severity, code, message, range, suggestion, null);
    }

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
        return new Problem(severity, code, message, range, replacement, fix);
    }

    public Problem withFix(QuickFix quickFix) {
        return new Problem(severity, code, message, range, suggestion, quickFix);
    }

    /** What the quick fix is called in a menu or a link ("Use 'id'", "Rewrite ForEach as Loop"), or null when none. */
    public String fixTitle() {
        return suggestion != null ? "Use '" + suggestion + "'" : fix != null ? fix.title() : null;
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
