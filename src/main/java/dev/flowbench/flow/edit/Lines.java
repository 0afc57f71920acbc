package dev.flowbench.flow.edit;

import java.util.Arrays;

/** The lines of a text, by UTF-16 offsets: where each starts and ends, its indentation, blank and comment lines. */
final class Lines {

    private final String text;
    private final int[] starts;

    Lines(String text) {
        this.text = text;
        int[] found = new int[16];
        int count = 0;
        found[count++] = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                if (count == found.length) {
                    found = Arrays.copyOf(found, count * 2);
                }
                found[count++] = i + 1;
            }
        }
        this.starts = Arrays.copyOf(found, count);
    }

    String text() {
        return text;
    }

    int count() {
        return starts.length;
    }

    /** The 0-based line holding {@code offset}. */
    int lineOf(int offset) {
        int at = Arrays.binarySearch(starts, Math.min(offset, text.length()));
        return at >= 0 ? at : -at - 2;
    }

    int start(int line) {
        return starts[line];
    }

    /** Just after the line's line break (or the text's end on the last line). */
    int end(int line) {
        return line + 1 < starts.length ? starts[line + 1] : text.length();
    }

    /** The line's characters without its line break. */
    String content(int line) {
        int end = end(line);
        if (end > start(line) && text.charAt(end - 1) == '\n') {
            end--;
        }
        if (end > start(line) && text.charAt(end - 1) == '\r') {
            end--;
        }
        return text.substring(start(line), end);
    }

    int indent(int line) {
        String content = content(line);
        int i = 0;
        while (i < content.length() && content.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    boolean isBlank(int line) {
        return content(line).isBlank();
    }

    /** A line holding only a comment. */
    boolean isComment(int line) {
        return content(line).stripLeading().startsWith("#");
    }

    /** The column of {@code offset} on its line. */
    int column(int offset) {
        return offset - start(lineOf(offset));
    }

    /** Whether only spaces come before {@code offset} on its line. */
    boolean onlySpacesBefore(int offset) {
        for (int i = start(lineOf(offset)); i < offset; i++) {
            if (text.charAt(i) != ' ') {
                return false;
            }
        }
        return true;
    }

    /** The line break the text uses ("\r\n" when its first line ends so). */
    String lineBreak() {
        int first = text.indexOf('\n');
        return first > 0 && text.charAt(first - 1) == '\r' ? "\r\n" : "\n";
    }
}
