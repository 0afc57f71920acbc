package dev.flowbench.store;

import dev.flowbench.engine.CacheResult;
import java.time.Duration;
import java.time.Instant;

/**
 * A WorkingDirectory's HIT or MISS, with how long that WorkingDirectory took in its execution (null when the
 * history does not have it: a run recorded elsewhere, or removed).
 */
public record CacheDecision(Instant at, String cacheKey, CacheResult result, Duration workingDirectoryTook) {
}
