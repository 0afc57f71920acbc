package dev.flowbench.cache;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Numbers as people read them in cache lines: "1,204 files (48.3 MB) in 0.41 s", "expired 3 min ago". */
public final class Figures {

    private Figures() {
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** "1 hit, 2 misses". */
    public static String hitsAndMisses(long hits, long misses) {
        return hits + (hits == 1 ? " hit, " : " hits, ") + misses + (misses == 1 ? " miss" : " misses");
    }

    public static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.2f s", duration.toNanos() / 1e9);
    }

    /** How long before {@code now} the instant was: "12 s ago", "3 min ago", "2 h ago", "4 days ago". */
    public static String ago(Instant then, Instant now) {
        long seconds = Math.max(0, Duration.between(then, now).toSeconds());
        if (seconds < 60) {
            return seconds + " s ago";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min ago";
        }
        if (seconds < 86_400) {
            return seconds / 3600 + " h ago";
        }
        long days = seconds / 86_400;
        return days + (days == 1 ? " day ago" : " days ago");
    }

    /** Parses sizes such as "10GiB", "500 MB", "2g" or a number of bytes. */
    public static long parseSize(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT).replace(" ", "");
        long multiplier = 1;
        String[][] units = {{"TIB", "TB", "T"}, {"GIB", "GB", "G"}, {"MIB", "MB", "M"}, {"KIB", "KB", "K"}};
        long[] factors = {1L << 40, 1L << 30, 1L << 20, 1L << 10};
        outer:
        for (int i = 0; i < units.length; i++) {
            for (String unit : units[i]) {
                if (t.endsWith(unit)) {
                    multiplier = factors[i];
                    t = t.substring(0, t.length() - unit.length());
                    break outer;
                }
            }
        }
        if (t.endsWith("B")) {
            t = t.substring(0, t.length() - 1);
        }
        try {
            double value = Double.parseDouble(t);
            if (value < 0 || Double.isNaN(value)) {
                throw new NumberFormatException();
            }
            return (long) (value * multiplier);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a size such as 10GiB, 500MB or 1048576");
        }
    }
}
