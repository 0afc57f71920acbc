package dev.flowbench.flow;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * ISO-8601 durations as Kestra reads them ({@code PT1H}, {@code P1D}, {@code PT5m}: letters in either case).
 * Units larger than a day (weeks, months, years) are not durations in Kestra either.
 */
public final class IsoDuration {

    private IsoDuration() {
    }

    public static Optional<Duration> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.parse(text.trim()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
