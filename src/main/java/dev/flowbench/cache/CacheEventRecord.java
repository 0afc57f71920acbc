package dev.flowbench.cache;

import java.time.Instant;

/** One line of the cache's event log: HIT, MISS, SAVED, UNCHANGED, NOT_SAVED, EXPIRED, INVALIDATED, EVICTED. */
public record CacheEventRecord(Instant at, CacheKey key, String executionId, String event, String reason,
                               Long durationMillis, Long files, Long bytes) {
}
