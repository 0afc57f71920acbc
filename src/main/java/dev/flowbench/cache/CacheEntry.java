package dev.flowbench.cache;

import dev.flowbench.flow.IsoDuration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An entry of the cache index. {@code ttl} is the one seen at the task's last execution; the entry
 * expires when it has passed since {@code lastExecutionAt} (the caching page's rule), and never without one.
 * {@code keptBytes} is what its kept tree (its files as the last run left them, beside the archive) weighs: 0 when
 * none is kept.
 */
public record CacheEntry(CacheKey key, List<String> patterns, String ttl, String blob, String sha256,
                         Instant createdAt, Instant lastUsedAt, Instant lastExecutionAt, long sizeBytes,
                         long compressedBytes, long fileCount, long hits, long misses, long keptBytes) {

    CacheEntry withKeptBytes(long bytes) {
        return new CacheEntry(key, patterns, ttl, blob, sha256, createdAt, lastUsedAt, lastExecutionAt, sizeBytes,
                compressedBytes, fileCount, hits, misses, bytes);
    }

    /** What the entry takes on disk: its archive and its kept tree. */
    public long diskBytes() {
        return compressedBytes + keptBytes;
    }

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
