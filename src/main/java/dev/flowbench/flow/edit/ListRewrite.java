package dev.flowbench.flow.edit;

import dev.flowbench.flow.yaml.YamlList;
import dev.flowbench.flow.yaml.YamlNode;
import dev.flowbench.flow.yaml.YamlScalar;
import java.util.ArrayList;
import java.util.List;

/**
 * A block list given new items with the fewest lines changed: the items that stay keep their lines (quotes, trailing
 * comments and all), an item changed in place keeps its line and quotes with the new value, removed items leave their
 * comment lines, and new items are written at the list's dash column. A list on one line ({@code [a, "b"]}) stays on
 * its line, its kept items as they were written. Found by a longest common subsequence of the old and new values.
 */
final class ListRewrite {

    private enum Kind { KEEP, DELETE, ADD, REPLACE }

    private record Step(Kind kind, int oldIndex, int newIndex) {
    }

    private final NodeSpans spans;
    private final Lines lines;
    private final String text;
    private final YamlList list;
    private final List<?> values;
    private final String lineBreak;

    ListRewrite(NodeSpans spans, YamlList list, List<?> values, String lineBreak) {
        this.spans = spans;
        this.lines = spans.lines();
        this.text = lines.text();
        this.list = list;
        this.values = values;
        this.lineBreak = lineBreak;
    }

    EditResult edit() {
        for (YamlNode item : list.items()) {
            if (spans.dashOf(item) < 0 || !lines.onlySpacesBefore(spans.dashOf(item))) {
                return EditResult.refused("this list shares lines with other text: edit it in the text");
            }
        }
        List<Step> steps = pairReplacements(diff());
        int column = lines.column(spans.dashOf(list.get(0)));
        int from = spans.dashLineStart(list.get(0));
        int to = spans.lineEndAfter(list);
        StringBuilder out = new StringBuilder();
        int at = from;
        for (Step step : steps) {
            switch (step.kind()) {
                case KEEP -> {
                    YamlNode item = list.get(step.oldIndex());
                    int end = spans.lineEndAfter(item);
                    out.append(text, at, end);
                    at = end;
                }
                case DELETE -> {
                    YamlNode item = list.get(step.oldIndex());
                    int start = spans.dashLineStart(item);
                    int end = spans.lineEndAfter(item);
                    out.append(text, at, start).append(commentsIn(start, end, item));
                    at = end;
                }
                case REPLACE -> {
                    YamlScalar old = (YamlScalar) list.get(step.oldIndex());
                    out.append(text, at, NodeSpans.start(old)).append(ScalarFormat.format(values.get(step.newIndex()),
                            ScalarFormat.styleOf(text, NodeSpans.start(old)), false));
                    int end = spans.lineEndAfter(old);
                    out.append(text, NodeSpans.end(old), end);
                    at = end;
                }
                case ADD -> {
                    if (at > 0 && text.charAt(at - 1) != '\n') {
                        out.append(lineBreak);
                    }
                    out.append(String.join(lineBreak, ValueText.item(values.get(step.newIndex()), column))).append(lineBreak);
                }
            }
        }
        out.append(text, at, to);
        String written = out.toString();
        if (to == text.length() && !text.endsWith("\n") && written.endsWith(lineBreak)) {
            written = written.substring(0, written.length() - lineBreak.length());
        }
        return EditResult.of(new TextEdit(from, to, written));
    }

    /** A list written on one line: its kept items keep their text (quotes and all), new ones are written plain. */
    EditResult flowEdit() {
        int open = NodeSpans.start(list);
        int close = NodeSpans.end(list) - 1;
        if (open < 0 || close <= open || text.charAt(open) != '[' || text.charAt(close) != ']'
                || lines.lineOf(open) != lines.lineOf(close)) {
            return null;
        }
        String separator = list.size() > 1 ? text.substring(NodeSpans.end(list.get(0)), NodeSpans.start(list.get(1))) : ", ";
        if (!separator.strip().equals(",")) {
            separator = ", ";
        }
        List<String> written = new ArrayList<>();
        for (Step step : pairReplacements(diff())) {
            switch (step.kind()) {
                case KEEP -> {
                    YamlNode item = list.get(step.oldIndex());
                    written.add(text.substring(NodeSpans.start(item), NodeSpans.end(item)));
                }
                case REPLACE -> {
                    YamlScalar old = (YamlScalar) list.get(step.oldIndex());
                    written.add(ScalarFormat.format(values.get(step.newIndex()), ScalarFormat.styleOf(text, NodeSpans.start(old)), true));
                }
                case ADD -> written.add(ScalarFormat.format(values.get(step.newIndex()), ScalarFormat.Style.PLAIN, true));
                case DELETE -> {
                    // the item goes
                }
            }
        }
        int from = list.size() == 0 ? open + 1 : NodeSpans.start(list.get(0));
        int to = list.size() == 0 ? open + 1 : NodeSpans.end(list.get(list.size() - 1));
        return EditResult.of(new TextEdit(from, to, String.join(separator, written)));
    }

    private String value(int index) {
        return list.get(index) instanceof YamlScalar scalar && !spans.isBlockScalar(scalar) ? scalar.value() : null;
    }

    private List<Step> diff() {
        int n = list.size();
        int m = values.size();
        int[][] common = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                boolean same = value(i) != null && value(i).equals(String.valueOf(values.get(j)));
                common[i][j] = same ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<Step> steps = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && value(i) != null && value(i).equals(String.valueOf(values.get(j)))) {
                steps.add(new Step(Kind.KEEP, i++, j++));
            } else if (j < m && (i == n || common[i][j + 1] >= common[i + 1][j])) {
                steps.add(new Step(Kind.ADD, -1, j++));
            } else {
                steps.add(new Step(Kind.DELETE, i++, -1));
            }
        }
        return steps;
    }

    /** A deletion next to an addition is one item changed in place, when both are one-line scalars. */
    private List<Step> pairReplacements(List<Step> steps) {
        List<Step> paired = new ArrayList<>();
        for (int k = 0; k < steps.size(); k++) {
            Step step = steps.get(k);
            Step next = k + 1 < steps.size() ? steps.get(k + 1) : null;
            if (next != null && isPair(step, next)) {
                int oldIndex = step.kind() == Kind.DELETE ? step.oldIndex() : next.oldIndex();
                int newIndex = step.kind() == Kind.ADD ? step.newIndex() : next.newIndex();
                if (replaceable(oldIndex, newIndex)) {
                    paired.add(new Step(Kind.REPLACE, oldIndex, newIndex));
                    k++;
                    continue;
                }
            }
            paired.add(step);
        }
        return paired;
    }

    private static boolean isPair(Step a, Step b) {
        return a.kind() == Kind.DELETE && b.kind() == Kind.ADD || a.kind() == Kind.ADD && b.kind() == Kind.DELETE;
    }

    private boolean replaceable(int oldIndex, int newIndex) {
        YamlNode old = list.get(oldIndex);
        Object value = values.get(newIndex);
        return old instanceof YamlScalar scalar && !spans.isBlockScalar(scalar)
                && lines.lineOf(NodeSpans.start(scalar)) == lines.lineOf(Math.max(NodeSpans.start(scalar), NodeSpans.end(scalar) - 1))
                && !(value instanceof String s && s.indexOf('\n') >= 0);
    }

    /** The comment lines of a removed item's lines (a block literal's lines are its text, not comments). */
    private String commentsIn(int start, int end, YamlNode item) {
        if (item instanceof YamlScalar scalar && spans.isBlockScalar(scalar)) {
            return "";
        }
        StringBuilder kept = new StringBuilder();
        for (int line = lines.lineOf(start) + 1; line < lines.count() && lines.start(line) < end; line++) {
            if (lines.isComment(line)) {
                kept.append(lines.content(line)).append(lineBreak);
            }
        }
        return kept.toString();
    }
}
