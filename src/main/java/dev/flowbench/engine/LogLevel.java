package dev.flowbench.engine;

import java.util.Locale;
import java.util.Optional;

public enum LogLevel {
    TRACE, DEBUG, INFO, WARN, ERROR;

    public static Optional<LogLevel> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String upper = text.trim().toUpperCase(Locale.ROOT);
        if (upper.equals("WARNING")) {
            return Optional.of(WARN);
        }
        try {
            return Optional.of(valueOf(upper));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
