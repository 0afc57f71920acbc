package dev.flowbench.engine;

import java.util.Locale;
import java.util.Optional;

/** What a WorkingDirectory's cache decided, before its tasks (HIT, MISS) and after them (the other three). */
public enum CacheResult {
    HIT, MISS, SAVED, UNCHANGED, NOT_SAVED;

    /** Reads a result as the history stores it; empty for text that names none. */
    public static Optional<CacheResult> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
