package dev.flowbench.ui.editor;

/**
 * The editor's text commands as pure functions of the text and a selection, so they are tested without a
 * toolkit: toggle comment, indent and outdent lines, the indentation a new line gets.
 */
final class TextEdits {

    static final String INDENT = "  ";

    /** A replacement of {@code [from, to)} by {@code text}, and the selection after it. */
    record Edit(int from, int to, String text, int selectionStart, int selectionEnd) {
    }

    private TextEdits() {
    }

    /** Comments the lines of the selection with "# " at their common indentation, or uncomments them if all are. */
    static Edit toggleComment(String text, int selectionStart, int selectionEnd) {
        int[] lines = lineRange(text, selectionStart, selectionEnd);
        String block = text.substring(lines[0], lines[1]);
        String[] rows = block.split("\n", -1);
        boolean allCommented = true;
        int minIndent = Integer.MAX_VALUE;
        for (String row : rows) {
            if (row.isBlank()) {
                continue;
            }
            int indent = indentOf(row);
            minIndent = Math.min(minIndent, indent);
            allCommented &= row.startsWith("#", indent);
        }
        if (minIndent == Integer.MAX_VALUE) {
            return new Edit(lines[0], lines[1], block, selectionStart, selectionEnd);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < rows.length; i++) {
            String row = rows[i];
            if (row.isBlank()) {
                out.append(row);
            } else if (allCommented) {
                int hash = indentOf(row);
                int after = row.startsWith("# ", hash) ? hash + 2 : hash + 1;
                out.append(row, 0, hash).append(row.substring(after));
            } else {
                out.append(row, 0, minIndent).append("# ").append(row.substring(minIndent));
            }
            if (i < rows.length - 1) {
                out.append('\n');
            }
        }
        return new Edit(lines[0], lines[1], out.toString(), lines[0], lines[0] + out.length());
    }

    /** Indents every line of the selection by two spaces. */
    static Edit indentLines(String text, int selectionStart, int selectionEnd) {
        int[] lines = lineRange(text, selectionStart, selectionEnd);
        String[] rows = text.substring(lines[0], lines[1]).split("\n", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < rows.length; i++) {
            out.append(rows[i].isEmpty() ? "" : INDENT).append(rows[i]);
            if (i < rows.length - 1) {
                out.append('\n');
            }
        }
        return new Edit(lines[0], lines[1], out.toString(), lines[0], lines[0] + out.length());
    }

    /** Removes up to two leading spaces from every line of the selection. */
    static Edit outdentLines(String text, int selectionStart, int selectionEnd) {
        int[] lines = lineRange(text, selectionStart, selectionEnd);
        String[] rows = text.substring(lines[0], lines[1]).split("\n", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < rows.length; i++) {
            int remove = Math.min(INDENT.length(), indentOf(rows[i]));
            out.append(rows[i].substring(remove));
            if (i < rows.length - 1) {
                out.append('\n');
            }
        }
        return new Edit(lines[0], lines[1], out.toString(), lines[0], lines[0] + out.length());
    }

    /**
     * What Enter does at {@code caret} (the selection {@code [caret, selectionEnd)} replaced): a new line indented as
     * YAML goes on there. After a list item that is a scalar ({@code - mkdir -p deps}) the next line is the next item,
     * at the same indentation, with its {@code - } typed; after {@code - key: value} the item's map goes on under its
     * first key; after a key that opens a block ({@code tasks:}, {@code script: |}) one step deeper; inside a block
     * scalar (a script) the line's own indentation, whatever it says. Enter on an empty item ({@code - }) ends the list.
     */
    static Edit newLine(String text, int caret, int selectionEnd) {
        int start = text.lastIndexOf('\n', caret - 1) + 1;
        String before = text.substring(start, caret);
        int indent = indentOf(before);
        String content = withoutComment(before.strip());
        if (inBlockScalar(text, start, indent) || content.isEmpty()) {
            return inserted(caret, selectionEnd, "\n" + " ".repeat(indent));
        }
        if (content.equals("-")) { // an empty item: the list ends, the dash goes
            return new Edit(start, selectionEnd, " ".repeat(indent), start + indent, start + indent);
        }
        if (content.startsWith("- ")) {
            String item = content.substring(2).strip();
            if (!isMapEntry(item)) {
                return inserted(caret, selectionEnd, "\n" + " ".repeat(indent) + "- ");
            }
            indent += 2; // the item's map goes on, under its first key
            content = item;
        }
        if (opensBlock(content)) {
            indent += INDENT.length();
        }
        return inserted(caret, selectionEnd, "\n" + " ".repeat(indent));
    }

    private static Edit inserted(int from, int to, String text) {
        return new Edit(from, to, text, from + text.length(), from + text.length());
    }

    /** "key:" or "key: |" (a block, or a block scalar, follows); "key: value" does not. */
    private static boolean opensBlock(String content) {
        return content.endsWith(":") && isMapEntry(content) || content.matches(".*:\\s*[|>][+-]?[0-9]?[+-]?$");
    }

    /**
     * Whether a list item's text is a map entry ({@code key: value}, {@code key:}), as YAML reads it: a plain key
     * followed by a colon and a space or the end; a quoted scalar or one whose colon is inside quotes or brackets is not.
     */
    private static boolean isMapEntry(String item) {
        if (item.isEmpty() || "\"'[{|>&*!".indexOf(item.charAt(0)) >= 0) {
            return false;
        }
        for (int i = 0; i < item.length(); i++) {
            char c = item.charAt(i);
            if (c == '"' || c == '\'' || c == '[' || c == '{') {
                return false; // a colon past here is inside a value
            }
            if (c == ':' && (i + 1 == item.length() || item.charAt(i + 1) == ' ')) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the line starting at {@code lineStart} (indented {@code indent}) is inside a block scalar: the nearest
     * line above it that is less indented ends with {@code |} or {@code >}.
     */
    private static boolean inBlockScalar(String text, int lineStart, int indent) {
        int end = lineStart - 1;
        while (end > 0) {
            int start = text.lastIndexOf('\n', end - 1) + 1;
            String line = text.substring(start, end);
            if (!line.isBlank() && indentOf(line) < indent) {
                return withoutComment(line.strip()).matches(".*:\\s*[|>][+-]?[0-9]?[+-]?$")
                        || withoutComment(line.strip()).matches("-\\s*[|>][+-]?[0-9]?[+-]?$");
            }
            end = start - 1;
        }
        return false;
    }

    private static String withoutComment(String content) {
        if (content.startsWith("#")) {
            return "";
        }
        int hash = content.indexOf(" #");
        return hash >= 0 ? content.substring(0, hash).strip() : content;
    }

    /** The offsets of a bracket at the caret (or just before it) and of its match, in text order; null when none. */
    static int[] matchingBrackets(String text, int caret) {
        for (int at : new int[] {caret, caret - 1}) {
            if (at < 0 || at >= text.length()) {
                continue;
            }
            char c = text.charAt(at);
            int open = "([{".indexOf(c);
            int close = ")]}".indexOf(c);
            if (open >= 0) {
                int match = scan(text, at, 1, c, ")]}".charAt(open));
                return match < 0 ? null : new int[] {at, match};
            }
            if (close >= 0) {
                int match = scan(text, at, -1, c, "([{".charAt(close));
                return match < 0 ? null : new int[] {match, at};
            }
        }
        return null;
    }

    private static int scan(String text, int from, int step, char self, char other) {
        int depth = 0;
        for (int i = from; i >= 0 && i < text.length(); i += step) {
            char c = text.charAt(i);
            if (c == self) {
                depth++;
            } else if (c == other && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** The start of the first line and the end of the last line the selection touches. */
    private static int[] lineRange(String text, int selectionStart, int selectionEnd) {
        int from = Math.min(selectionStart, selectionEnd);
        int to = Math.max(selectionStart, selectionEnd);
        if (to > from && text.charAt(to - 1) == '\n') {
            to--; // a selection ending at a line's start does not take that line
        }
        int start = text.lastIndexOf('\n', from - 1) + 1;
        int end = text.indexOf('\n', to);
        return new int[] {start, end < 0 ? text.length() : end};
    }

    private static int indentOf(String row) {
        int i = 0;
        while (i < row.length() && row.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}
