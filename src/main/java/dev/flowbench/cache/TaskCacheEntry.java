package dev.flowbench.cache;

import dev.flowbench.flow.IsoDuration;
import java.time.Instant;
import java.util.Optional;

/**
 * A task's stored outcome (Kestra's {@code taskCache}): which execution stored it, when, its ttl as it was then, and how
 * many output files it keeps.
 */
public record TaskCacheEntry(CacheKey key, String executionId, Instant storedAt, String ttl, int outputFiles) {

    /** When it expires under the ttl it was stored with (the flow's ttl at run time decides). */
    public Optional<Instant> expiresAt() {
        return IsoDuration.parse(ttl).map(storedAt::plus);
    }
}
