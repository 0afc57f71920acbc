package dev.flowbench.ui.app;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times as the window's tables show them: short, local, and precise where it matters. */
public final class TimeText {

    private static final DateTimeFormatter TODAY = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter EARLIER = DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private TimeText() {
    }

    /** The time of day for today ("14:03:12"), the date too for earlier days ("Nov 24 09:15"). */
    public static String shortTime(Instant at) {
        boolean today = at.atZone(ZoneId.systemDefault()).toLocalDate().equals(LocalDate.now());
        return (today ? TODAY : EARLIER).format(at);
    }

    /** To the millisecond, for log lines and the timeline: "14:03:12.345". */
    public static String clock(Instant at) {
        return CLOCK.format(at);
    }

    /** "420 ms" under a second, "1.2 s" above; empty for none. */
    public static String duration(Duration duration) {
        if (duration == null) {
            return "";
        }
        long millis = duration.toMillis();
        return millis < 1000 ? millis + " ms" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
