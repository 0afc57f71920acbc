package dev.flowbench.cli;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * Times of day as {@code HH:mm:ss.SSS} in the system's zone, for the run printer's every line: the zone is
 * consulted once a second, and nothing is allocated per call. One instance per thread.
 */
final class ClockText {

    private final ZoneId zone = ZoneId.systemDefault();
    private final char[] text = "00:00:00.000".toCharArray();
    private long second = Long.MIN_VALUE;

    /** The time's text, in a buffer that the next call overwrites. */
    char[] format(Instant time) {
        if (time.getEpochSecond() != second) {
            second = time.getEpochSecond();
            LocalTime local = LocalTime.ofInstant(time, zone);
            twoDigits(0, local.getHour());
            twoDigits(3, local.getMinute());
            twoDigits(6, local.getSecond());
        }
        int millis = time.getNano() / 1_000_000;
        text[9] = (char) ('0' + millis / 100);
        text[10] = (char) ('0' + millis / 10 % 10);
        text[11] = (char) ('0' + millis % 10);
        return text;
    }

    String text(Instant time) {
        return new String(format(time));
    }

    private void twoDigits(int at, int value) {
        text[at] = (char) ('0' + value / 10);
        text[at + 1] = (char) ('0' + value % 10);
    }
}
