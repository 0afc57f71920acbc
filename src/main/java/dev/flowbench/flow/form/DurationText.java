package dev.flowbench.flow.form;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Durations as people say them: "1 hour", "1 day 2 hours", "90 seconds" reads "1 minute 30 seconds". */
public final class DurationText {

    private DurationText() {
    }

    public static String readable(Duration duration) {
        if (duration.isNegative()) {
            return "minus " + readable(duration.negated());
        }
        if (duration.isZero()) {
            return "no time";
        }
        List<String> parts = new ArrayList<>();
        add(parts, duration.toDaysPart(), "day");
        add(parts, duration.toHoursPart(), "hour");
        add(parts, duration.toMinutesPart(), "minute");
        add(parts, duration.toSecondsPart(), "second");
        add(parts, duration.toMillisPart(), "millisecond");
        if (parts.isEmpty()) {
            return "less than a millisecond";
        }
        return String.join(" ", parts);
    }

    private static void add(List<String> parts, long amount, String unit) {
        if (amount != 0) {
            parts.add(amount + " " + unit + (amount == 1 ? "" : "s"));
        }
    }
}
