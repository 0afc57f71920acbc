package dev.flowbench.cache;

import dev.flowbench.engine.CacheResult;
import java.time.Duration;
import java.util.List;

/** What happened after the children: SAVED, UNCHANGED or NOT_SAVED, why, and the figures. */
public record SaveResult(CacheResult outcome, String reason, long files, long bytes, long compressedBytes, Duration took,
                         List<String> unmatchedPatterns, List<CacheKey> evicted) {

}
