package dev.flowbench.cache;

import dev.flowbench.flow.IsoDuration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An entry of the cache index. {@code ttl} is the one seen at the task's last execution; the entry
 * expires when it has passed since {@code lastExecutionAt} (the caching page's rule), and never without one.
 */
public record CacheEntry(CacheKey key, List<String> patterns, String ttl, String blob, String sha256,
                         Instant createdAt, Instant lastUsedAt, Instant lastExecutionAt, long sizeBytes,
                         long compressedBytes, long fileCount, long hits, long misses) {

    public Optional<Instant> expiresAt() {
        return expiresAt(ttl);
    }

    /** The expiry under a given ttl (the one in the flow now, at run time). */
    public Optional<Instant> expiresAt(String ttlNow) {
        return IsoDuration.parse(ttlNow).map(lastExecutionAt::plus);
    }

    public boolean isExpired(Instant now) {
        return expiresAt().map(at -> !now.isBefore(at)).orElse(false);
    }
}
