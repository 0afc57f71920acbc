package dev.flowbench.cache;

import java.time.Duration;
import java.util.List;

/** What happened after the children: SAVED, UNCHANGED or NOT_SAVED, why, and the figures. */
public record SaveResult(Outcome outcome, String reason, long files, long bytes, long compressedBytes, Duration took,
                         List<String> unmatchedPatterns, List<CacheKey> evicted) {

    public enum Outcome { SAVED, UNCHANGED, NOT_SAVED }
}
