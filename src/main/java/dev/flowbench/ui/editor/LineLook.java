package dev.flowbench.ui.editor;

import dev.flowbench.flow.Problem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/**
 * How one line of the editor should look: its highlighting tokens and the marks laid over them (problems,
 * matching brackets). Two equal looks need no restyling, which is what keeps typing cheap on long flows: only
 * the lines whose look changed are restyled.
 */
record LineLook(List<YamlLexer.Token> tokens, List<Mark> marks) {

    static final String ERROR = "problem-error";
    static final String WARNING = "problem-warning";
    static final String BRACKET = "bracket-match";

    /** A style laid over {@code [start, end)} of the line. */
    record Mark(int start, int end, String style) {
    }

    LineLook {
        tokens = List.copyOf(tokens);
        marks = List.copyOf(marks);
    }

    LineLook withMarks(List<Mark> newMarks) {
        return new LineLook(tokens, newMarks);
    }

    /** The line's spans for RichTextFX, {@code length} characters long. */
    StyleSpans<Collection<String>> spans(int length) {
        TreeSet<Integer> cuts = new TreeSet<>();
        cuts.add(0);
        cuts.add(length);
        for (YamlLexer.Token token : tokens) {
            cuts.add(clip(token.start(), length));
            cuts.add(clip(token.end(), length));
        }
        for (Mark mark : marks) {
            cuts.add(clip(mark.start(), length));
            cuts.add(clip(mark.end(), length));
        }
        StyleSpansBuilder<Collection<String>> builder = new StyleSpansBuilder<>();
        Integer from = cuts.first();
        for (Integer to : cuts.tailSet(from, false)) {
            builder.add(classesAt(from), to - from);
            from = to;
        }
        if (length == 0) {
            builder.add(Collections.emptyList(), 0);
        }
        return builder.create();
    }

    private Collection<String> classesAt(int offset) {
        List<String> classes = new ArrayList<>(2);
        for (YamlLexer.Token token : tokens) {
            if (token.start() <= offset && offset < token.end()) {
                classes.add(token.style());
                break;
            }
        }
        for (Mark mark : marks) {
            if (mark.start() <= offset && offset < mark.end() && !classes.contains(mark.style())) {
                classes.add(mark.style());
            }
        }
        return classes;
    }

    private static int clip(int offset, int length) {
        return Math.max(0, Math.min(offset, length));
    }

    /**
     * The problem marks of each line: a problem's range split over the lines it covers; an empty range marks one
     * character, so that every problem can be seen.
     */
    static List<List<Mark>> problemMarks(List<Problem> problems, int[] lineStarts, int textLength) {
        List<List<Mark>> byLine = new ArrayList<>();
        for (int i = 0; i < lineStarts.length; i++) {
            byLine.add(new ArrayList<>());
        }
        for (Problem problem : problems) {
            int start = Math.min(problem.range().start().offset(), textLength);
            int end = Math.min(Math.max(problem.range().end().offset(), start), textLength);
            String style = problem.isError() ? ERROR : WARNING;
            int line = lineOf(lineStarts, start);
            if (start == end) {
                int lineEnd = line + 1 < lineStarts.length ? lineStarts[line + 1] - 1 : textLength;
                int at = start - lineStarts[line];
                int lineLength = lineEnd - lineStarts[line];
                if (lineLength > 0) {
                    int from = Math.min(at, lineLength - 1);
                    byLine.get(line).add(new Mark(from, from + 1, style));
                }
                continue;
            }
            for (int l = line; l < lineStarts.length && lineStarts[l] < end; l++) {
                int lineEnd = l + 1 < lineStarts.length ? lineStarts[l + 1] - 1 : textLength;
                int from = Math.max(start, lineStarts[l]) - lineStarts[l];
                int to = Math.min(end, lineEnd) - lineStarts[l];
                if (to > from) {
                    byLine.get(l).add(new Mark(from, to, style));
                }
            }
        }
        return byLine;
    }

    /** The start offset of each line of {@code text}. */
    static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    static int lineOf(int[] lineStarts, int offset) {
        int low = 0;
        int high = lineStarts.length - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (lineStarts[mid] <= offset) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }
}
