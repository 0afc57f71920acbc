package dev.flowbench.flow;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * ISO-8601 durations as Kestra reads them ({@code PT1H}, {@code P1D}, {@code PT5m}: letters in either case).
 * Units larger than a day (weeks, months, years) are not durations in Kestra either. A duration is at most
 * {@link #LONGEST} (about 10,000 years; a longer one is taken as that): a ttl or a timeout of {@code P106751991167300D}
 * is valid, and adding it to a moment or counting its milliseconds must not overflow.
 */
public final class IsoDuration {

    public static final Duration LONGEST = Duration.ofDays(3_652_500);

    private IsoDuration() {
    }

    /** The duration {@code text} says, no longer than {@link #LONGEST} either way. */
    public static Optional<Duration> parse(String text) {
        return parseExact(text).map(IsoDuration::clamped);
    }

    /**
     * The duration {@code text} says, however long (for a value given as an input, shown as it was given). A whole
     * number is seconds, as Kestra reads it ({@code timeout: 30}: Kestra 2.0 accepts it, asked of kestra-oracle).
     */
    public static Optional<Duration> parseExact(String text) {
        if (text == null) {
            return Optional.empty();
        }
        if (text.strip().matches("-?\\d{1,15}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(text.strip())));
        }
        try {
            return Optional.of(Duration.parse(text.trim()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Duration clamped(Duration duration) {
        if (duration.compareTo(LONGEST) > 0) {
            return LONGEST;
        }
        return duration.compareTo(LONGEST.negated()) < 0 ? LONGEST.negated() : duration;
    }
}
