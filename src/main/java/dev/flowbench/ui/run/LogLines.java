package dev.flowbench.ui.run;

import dev.flowbench.ui.app.TimeText;
import java.util.Locale;

/** A log row as text: whole when copied, cut when drawn (laying out a 64K-character line at every frame would stall). */
final class LogLines {

    /** Characters of a line drawn in a row. */
    static final int SHOWN_CHARS = 2_000;
    private static final int CLOCK_CHARS = "14:03:12.345".length();

    private LogLines() {
    }

    /** The whole line, as copied: "14:03:12.345  [task] message". */
    static String line(LogRow row) {
        return TimeText.clock(row.time()) + "  " + (row.taskId() == null ? "" : "[" + row.taskId() + "] ") + row.message().strip();
    }

    /** The line as drawn: a very long one cut, saying how much more there is (copying gives all of it). */
    static String shown(LogRow row) {
        String line = line(row);
        return line.length() <= SHOWN_CHARS ? line
                : line.substring(0, SHOWN_CHARS) + String.format(Locale.ROOT, " ... (%,d more characters: copy the line for all of it)",
                line.length() - SHOWN_CHARS);
    }

    /** About how many characters {@link #shown} draws, without making the text (for the width of the view). */
    static int shownLength(LogRow row) {
        int length = CLOCK_CHARS + 2 + (row.taskId() == null ? 0 : row.taskId().length() + 3) + row.message().length();
        return Math.min(length, SHOWN_CHARS + 60);
    }
}
