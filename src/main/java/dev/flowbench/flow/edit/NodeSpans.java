package dev.flowbench.flow.edit;

import dev.flowbench.flow.yaml.YamlList;
import dev.flowbench.flow.yaml.YamlMap;
import dev.flowbench.flow.yaml.YamlNode;
import dev.flowbench.flow.yaml.YamlScalar;

/**
 * Where nodes of a parsed flow really end in its text, and how they are written. The parser's end of a block list or
 * map is the next token, past the blank lines and comments that follow it; an edit must stop at the last character
 * that belongs to the node, so that what follows stays where it is.
 */
final class NodeSpans {

    private final Lines lines;
    private final String text;

    NodeSpans(Lines lines) {
        this.lines = lines;
        this.text = lines.text();
    }

    Lines lines() {
        return lines;
    }

    static int start(YamlNode node) {
        return node.range().start().offset();
    }

    static int end(YamlNode node) {
        return node.range().end().offset();
    }

    /** Just after the node's last character of its own (a block list's or map's trailing blank and comment lines excluded). */
    int contentEnd(YamlNode node) {
        if (node instanceof YamlScalar scalar) {
            return isBlockScalar(scalar) ? blockScalarEnd(scalar) : end(scalar);
        }
        if (isFlow(node)) {
            return end(node);
        }
        if (node instanceof YamlList list) {
            return list.items().isEmpty() ? end(list) : contentEnd(list.items().get(list.size() - 1));
        }
        YamlMap map = (YamlMap) node;
        int last = start(map);
        for (YamlMap.Entry entry : map.entries().values()) {
            last = Math.max(last, Math.max(entry.keyRange().end().offset(), contentEnd(entry.value())));
        }
        return last;
    }

    /** A block scalar's last non-blank line ends it: the blank lines the parser gives it belong to what follows. */
    private int blockScalarEnd(YamlScalar scalar) {
        int first = lines.lineOf(start(scalar));
        int last = lines.lineOf(Math.max(start(scalar), end(scalar) - 1));
        for (int line = last; line > first; line--) {
            if (!lines.isBlank(line)) {
                return lines.start(line) + lines.content(line).length();
            }
        }
        return lines.start(first) + lines.content(first).length();
    }

    /** Just after the line break of the line the node's own text ends on. */
    int lineEndAfter(YamlNode node) {
        int contentEnd = contentEnd(node);
        return lines.end(lines.lineOf(Math.max(start(node), contentEnd - 1)));
    }

    /**
     * {@code at} (a line start) moved past the comment lines there that are indented deeper than {@code column}: they
     * belong to the lines above, and lines written at {@code column} go after them (written before, they would end up
     * inside what is inserted, even in its block scalar's text).
     */
    int pastDeeperComments(int at, int column) {
        if (at >= text.length()) {
            return at;
        }
        int line = lines.lineOf(at);
        int past = at;
        for (int next = line; next < lines.count(); next++) {
            if (lines.isComment(next) && lines.indent(next) > column) {
                past = lines.end(next);
            } else if (!lines.isBlank(next)) {
                break;
            }
        }
        return past;
    }

    boolean isFlow(YamlNode node) {
        if (node instanceof YamlScalar) {
            return false;
        }
        int at = start(node);
        return at < text.length() && (text.charAt(at) == '[' || text.charAt(at) == '{');
    }

    boolean isBlockScalar(YamlScalar scalar) {
        int at = start(scalar);
        return at < text.length() && (text.charAt(at) == '|' || text.charAt(at) == '>');
    }

    /** The offset of the dash that starts a block list's item, or -1 when there is none. */
    int dashOf(YamlNode item) {
        int at = start(item) - 1;
        while (at >= 0 && text.charAt(at) == ' ') {
            at--;
        }
        return at >= 0 && text.charAt(at) == '-' ? at : -1;
    }

    /** The column a map's keys are written at. */
    int keyColumn(YamlMap map) {
        return lines.column(start(map));
    }

    /** Just after the colon that follows a key. */
    int afterColon(YamlMap.Entry entry) {
        int at = entry.keyRange().end().offset();
        while (at < text.length() && text.charAt(at) != ':') {
            at++;
        }
        return Math.min(at + 1, text.length());
    }

    /**
     * The lines of a block list's item: from the comment lines written just above its dash (at the dash's column,
     * with no blank line between) to the end of its last line of its own.
     */
    int itemStart(YamlNode item) {
        int dash = dashOf(item);
        int line = lines.lineOf(dash);
        int column = lines.column(dash);
        while (line > 0 && lines.isComment(line - 1) && lines.indent(line - 1) == column) {
            line--;
        }
        return lines.start(line);
    }

    /** The start of the item's dash line (its leading comments left out). */
    int dashLineStart(YamlNode item) {
        return lines.start(lines.lineOf(dashOf(item)));
    }
}
